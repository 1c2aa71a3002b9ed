"""Outbox topics the subjects app emits. Every topic is ``<app>.<object>.<verb>``, like the audit action of the write
that emits it (docs/architecture.md, "Names are contracts")."""

SUBJECTS_REGISTERED = "subjects.subject.register"  # one or many new subjects; the payload has ``subject_ids``
SUBJECT_RENAMED = "subjects.subject.rename"
SUBJECT_UPDATED = "subjects.subject.update"
REPRESENTATIVE_SET = "subjects.representative.set"

# what each topic was called before 2026-12 (events already in the outbox are renamed by a migration)
FORMER_NAMES = {
    "subject.registered": SUBJECTS_REGISTERED, "subjects.registered": SUBJECTS_REGISTERED,
    "subject.renamed": SUBJECT_RENAMED, "subject.updated": SUBJECT_UPDATED,
    "subject.representative_set": REPRESENTATIVE_SET,
}
