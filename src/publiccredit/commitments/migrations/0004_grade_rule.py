"""The 容缺受理 grade rule (docs/commitments.md); ``load`` adds only the rules that are missing."""

from django.db import migrations


def load(apps, schema_editor):
    from publiccredit.commitments.reference import load as load_rules

    load_rules(apps)


class Migration(migrations.Migration):
    dependencies = [("commitments", "0003_green_channel")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
