# New templates for list entries whose basis lapsed (flagged, suspended); load() adds only missing ones.
from django.db import migrations


def load_templates(apps, schema_editor):
    from publiccredit.notifications.reference import load

    load(apps)


class Migration(migrations.Migration):
    dependencies = [("notifications", "0003_third_party_objection_templates")]

    operations = [migrations.RunPython(load_templates, migrations.RunPython.noop)]
