from django.db import migrations


def load_reference(apps, schema_editor):
    from publiccredit.sanctions.reference import load

    load(apps)


class Migration(migrations.Migration):
    dependencies = [("sanctions", "0001_initial"), ("organizations", "0002_reference_regions_and_organizations"), ("lists", "0002_list_kinds"),
                    ("catalog", "0003_portal_column")]

    operations = [migrations.RunPython(load_reference, migrations.RunPython.noop)]
