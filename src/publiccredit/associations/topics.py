"""Outbox topics of the associations app (docs/architecture.md, "Names are contracts")."""

ADMITTED = "associations.membership.admit"
ENDED = "associations.membership.end"
NOTE_RECORDED = "associations.note.record"
TEMPLATE_PUBLISHED = "associations.template.publish"
MEMBERS_READ = "associations.members.read"
