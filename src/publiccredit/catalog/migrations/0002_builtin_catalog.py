from django.db import migrations


def load(apps, schema_editor):
    from publiccredit.catalog import builtins

    builtins.load(apps)


class Migration(migrations.Migration):
    dependencies = [("catalog", "0001_initial"), ("organizations", "0002_reference_regions_and_organizations")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
