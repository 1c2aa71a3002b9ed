from django.db import migrations


def load_kinds(apps, schema_editor):
    from publiccredit.lists.reference import load

    load(apps)


class Migration(migrations.Migration):
    dependencies = [("lists", "0001_initial")]

    operations = [migrations.RunPython(load_kinds, migrations.RunPython.noop)]
