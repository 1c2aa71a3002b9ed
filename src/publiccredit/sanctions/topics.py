"""Outbox topics the sanctions app emits: ``<app>.<object>.<verb>`` (docs/architecture.md, "Names are contracts")."""

SCREENING_FEEDBACK = "sanctions.screening.feedback"
