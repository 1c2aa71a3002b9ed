"""Outbox topics the lists app emits: ``lists.entry.<verb>``, the audit action of the step (docs/architecture.md,
"Names are contracts"); the messages' resolver handles the prefix."""

ENTRY = "lists.entry"
