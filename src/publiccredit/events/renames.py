"""Renaming an outbox topic (docs/architecture.md, "Names are contracts"): a migration of the app that emits it
renames the events still waiting under the former name, so that their consumers still run."""

from django.db import migrations


def rename_topics(renamed: dict[str, str]) -> migrations.RunPython:
    """The migration operation renaming ``former → new``; backwards, each new name goes back to its first former
    name (several former names may have been merged into one)."""

    def forwards(apps, schema_editor):
        events = apps.get_model("events", "OutboxEvent")
        for old, new in renamed.items():
            events.objects.filter(topic=old).update(topic=new)

    def backwards(apps, schema_editor):
        events = apps.get_model("events", "OutboxEvent")
        first_former: dict[str, str] = {}
        for old, new in renamed.items():
            first_former.setdefault(new, old)
        for new, old in first_former.items():
            events.objects.filter(topic=new).update(topic=old)

    return migrations.RunPython(forwards, backwards)
