"""Event topics follow one rule, `<app>.<object>.<verb>` (docs/architecture.md, "Names are contracts"): events
already in the outbox under a former name are renamed, so that their consumers still run."""

from django.db import migrations

from publiccredit.events.renames import rename_topics

RENAMED = {
    "records.changed": "collection.records.change",
    "records.state_changed": "collection.record.state_change",
}


class Migration(migrations.Migration):
    dependencies = [("collection", "0005_encrypted_source_files"), ("events", "0001_initial")]

    operations = [rename_topics(RENAMED)]
