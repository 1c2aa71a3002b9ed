from django.db import migrations


def load_templates(apps, schema_editor):
    from publiccredit.notifications.reference import load

    load(apps)


class Migration(migrations.Migration):
    dependencies = [("notifications", "0001_initial")]

    operations = [migrations.RunPython(load_templates, migrations.RunPython.noop)]
