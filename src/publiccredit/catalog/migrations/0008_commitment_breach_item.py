"""The built-in item 信用承诺未履行 (commitment_breach) that a breached commitment becomes (docs/commitments.md);
``load`` adds only the items that are missing."""

from django.db import migrations


def load(apps, schema_editor):
    from publiccredit.catalog import builtins

    builtins.load(apps)


class Migration(migrations.Migration):
    dependencies = [("catalog", "0007_rectification_overdue_item")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
