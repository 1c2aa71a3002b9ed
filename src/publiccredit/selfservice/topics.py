"""Outbox topics the selfservice app emits: ``<app>.<object>.<verb>`` (docs/architecture.md, "Names are contracts")."""

BINDING = "selfservice.binding"  # + ".approve" / ".reject"; the messages' resolver handles the prefix
BINDING_APPROVED = f"{BINDING}.approve"
BINDING_REJECTED = f"{BINDING}.reject"
