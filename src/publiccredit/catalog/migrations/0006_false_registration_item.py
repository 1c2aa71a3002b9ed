"""The built-in item 虚假申报信用信息 (false_registration) that a voluntary registration found false becomes
(docs/registrations.md); ``load`` adds only the items that are missing."""

from django.db import migrations


def load(apps, schema_editor):
    from publiccredit.catalog import builtins

    builtins.load(apps)


class Migration(migrations.Migration):
    dependencies = [("catalog", "0005_catalogitem_relay_providers")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
