"""The proposal rule that puts a subject found overdue on a rectification forward for the watch list
(docs/rectification.md); ``load_rules`` adds only the rules that are missing."""

from django.db import migrations


def load_rules(apps, schema_editor):
    from publiccredit.lists.reference import load_rules

    load_rules(apps)


class Migration(migrations.Migration):
    dependencies = [("lists", "0008_entry_rule"), ("catalog", "0007_rectification_overdue_item")]

    operations = [migrations.RunPython(load_rules, migrations.RunPython.noop)]
