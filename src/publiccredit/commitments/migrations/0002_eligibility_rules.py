"""The eligibility rules of 国办发〔2020〕42号 (docs/commitments.md); ``load`` adds only the missing ones."""

from django.db import migrations


def load(apps, schema_editor):
    from publiccredit.commitments.reference import load as load_rules

    load_rules(apps)


class Migration(migrations.Migration):
    dependencies = [("commitments", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
