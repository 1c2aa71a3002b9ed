"""Outbox topics of the education app (docs/architecture.md, "Names are contracts")."""

COMPLETION = "education.completion"
COMPLETED = f"{COMPLETION}.complete"
