"""The default public model (evaluation/reference.py, docs/evaluation.md), published as version 1."""

from django.db import migrations


def load_default_model(apps, schema_editor):
    from publiccredit.evaluation.reference import load

    load(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("evaluation", "0001_initial"),
        ("catalog", "0005_catalogitem_relay_providers"),
        ("lists", "0008_entry_rule"),
    ]

    operations = [migrations.RunPython(load_default_model, migrations.RunPython.noop)]
