# Templates for rectification and interviews (docs/rectification.md); load() adds only missing ones.
from django.db import migrations


def load_templates(apps, schema_editor):
    from publiccredit.notifications.reference import load

    load(apps)


class Migration(migrations.Migration):
    dependencies = [("notifications", "0005_registration_templates")]

    operations = [migrations.RunPython(load_templates, migrations.RunPython.noop)]
