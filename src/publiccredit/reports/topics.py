"""Outbox topics and audit actions of the reports app (docs/architecture.md, "Names are contracts")."""

ISSUED = "reports.report.issue"
READ = "reports.report.read"
VERIFIED = "reports.report.verify"
AUTHORISED = "reports.authorisation.grant"
REVOKED = "reports.authorisation.revoke"
AGENCY_QUERY = "reports.agency.query"
