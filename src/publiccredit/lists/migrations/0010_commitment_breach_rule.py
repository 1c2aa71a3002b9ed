"""The proposal rule that puts a subject with two breached commitments in a year forward for the watch list
(docs/commitments.md); ``load_rules`` adds only the rules that are missing."""

from django.db import migrations


def load_rules(apps, schema_editor):
    from publiccredit.lists.reference import load_rules

    load_rules(apps)


class Migration(migrations.Migration):
    dependencies = [("lists", "0009_rectification_overdue_rule"), ("catalog", "0008_commitment_breach_item")]

    operations = [migrations.RunPython(load_rules, migrations.RunPython.noop)]
