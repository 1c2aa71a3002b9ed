from django.db import migrations


def load_rules(apps, schema_editor):
    from publiccredit.lists.reference import load_rules

    load_rules(apps)


class Migration(migrations.Migration):
    dependencies = [("lists", "0003_proposal_rule"), ("catalog", "0003_portal_column")]

    operations = [migrations.RunPython(load_rules, migrations.RunPython.noop)]
