from django.db import migrations


def load_courses(apps, schema_editor):
    from publiccredit.education.reference import load

    load(apps)


class Migration(migrations.Migration):
    dependencies = [("education", "0001_initial")]

    operations = [migrations.RunPython(load_courses, migrations.RunPython.noop)]
