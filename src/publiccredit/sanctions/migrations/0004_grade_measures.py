"""Measures conditioned on the public grade (sanctions/reference.py GRADE_MEASURES, docs/lists.md "Measures by
grade"); ``load_grade_measures`` adds only the missing ones."""

from django.db import migrations


def load(apps, schema_editor):
    from publiccredit.sanctions.reference import load_grade_measures

    load_grade_measures(apps)


class Migration(migrations.Migration):
    dependencies = [("sanctions", "0003_measure_grade_model_measure_grades"),
                    ("evaluation", "0002_default_public_model")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
