from django.db import migrations


def load_domains(apps, schema_editor):
    from publiccredit.reports.reference import load

    load(apps)


class Migration(migrations.Migration):
    dependencies = [("reports", "0001_initial"), ("organizations", "0003_alter_organization_kind")]

    operations = [migrations.RunPython(load_domains, migrations.RunPython.noop)]
