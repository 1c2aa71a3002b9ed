"""Event topics follow one rule, `<app>.<object>.<verb>` (docs/architecture.md, "Names are contracts"): events
already in the outbox under a former name are renamed, so that their consumers still run."""

from django.db import migrations

from publiccredit.events.renames import rename_topics

RENAMED = {
    "subject.registered": "subjects.subject.register",
    "subjects.registered": "subjects.subject.register",
    "subject.renamed": "subjects.subject.rename",
    "subject.updated": "subjects.subject.update",
    "subject.representative_set": "subjects.representative.set",
}


class Migration(migrations.Migration):
    dependencies = [("subjects", "0003_registeredcontact"), ("events", "0001_initial")]

    operations = [rename_topics(RENAMED)]
