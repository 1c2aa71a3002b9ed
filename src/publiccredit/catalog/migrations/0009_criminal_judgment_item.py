"""The built-in item 刑事判决 (criminal_judgment) that the special credit report lists (docs/reports.md); ``load``
adds only the items that are missing."""

from django.db import migrations


def load(apps, schema_editor):
    from publiccredit.catalog import builtins

    builtins.load(apps)


class Migration(migrations.Migration):
    dependencies = [("catalog", "0008_commitment_breach_item")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
