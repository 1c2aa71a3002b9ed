"""Demo credit reports (docs/reports.md): a standard and a special report of the demo enterprise, signed with the
key generated into var/report-keys/ on first use."""

from publiccredit.accounts.models import User
from publiccredit.reports.models import CreditReport
from publiccredit.reports.services import issue_report


def seed_reports() -> list[str]:
    """Issue the two reports when the demo enterprise has none; returns "number code" lines."""
    account = User.objects.filter(username="demo-enterprise", subject__isnull=False).select_related("subject").first()
    if account is None or CreditReport.objects.filter(subject=account.subject).exists():
        return []
    issued = [issue_report(subject=account.subject, kind="standard", actor=account, channel="portal",
                           purpose="演示：招投标"),
              issue_report(subject=account.subject, kind="special", actor=account, channel="portal",
                           domains=["market", "tax", "emergency"], purpose="演示：替代无违法违规记录证明")]
    return [f"{item.report.number}（核验码 {item.code}）" for item in issued]
