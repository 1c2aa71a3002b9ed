from decimal import Decimal

from django.db import migrations

# The example table of DESIGN §5 (docs/inspections.md, "Ratios"): the upper end of each grade's range; subjects not
# yet graded are drawn like B. The credit office edits it in the admin; a plan fixes the ratios when it is frozen.
RATIOS = [
    ("A", "诚信", "0.05", "每年不超过1次", 1),
    ("B", "良好", "0.20", "每年1次", 2),
    ("C", "警示", "0.60", "每年不超过2次", 3),
    ("D", "失信", "1.00", "根据需要", 4),
    ("", "未评价", "0.20", "每年1次", 5),
]


def seed_ratios(apps, schema_editor):
    GradeRatio = apps.get_model("inspections", "GradeRatio")
    for grade, label, ratio, frequency, order in RATIOS:
        GradeRatio.objects.update_or_create(grade=grade, defaults={
            "label": label, "ratio": Decimal(ratio), "frequency": frequency, "sort_order": order})


class Migration(migrations.Migration):
    dependencies = [("inspections", "0001_initial")]
    operations = [migrations.RunPython(seed_ratios, migrations.RunPython.noop)]
