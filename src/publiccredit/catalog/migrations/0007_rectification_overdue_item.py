"""The built-in item 逾期未整改 (rectification_overdue) that a department's finding of an overdue rectification
becomes (docs/rectification.md); ``load`` adds only the items that are missing."""

from django.db import migrations


def load(apps, schema_editor):
    from publiccredit.catalog import builtins

    builtins.load(apps)


class Migration(migrations.Migration):
    dependencies = [("catalog", "0006_false_registration_item")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
