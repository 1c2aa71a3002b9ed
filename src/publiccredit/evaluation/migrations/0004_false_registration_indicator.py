"""The default public model deducts for a false voluntary registration (docs/evaluation.md, docs/registrations.md):
an installation whose model ``public`` lacks the indicator gets it, published as a new version."""

from django.db import migrations

from publiccredit.evaluation.reference import FULL_1Y_HALF_3Y


def add_indicator(apps, schema_editor):
    from publiccredit.evaluation.services import definition_of

    model = apps.get_model("evaluation", "EvaluationModel").objects.filter(code="public").first()
    item = apps.get_model("catalog", "CatalogItem").objects.filter(code="false_registration").first()
    if model is None or item is None or model.indicators.filter(code="false_registration").exists():
        return
    family = model.families.filter(code="contract").first()
    if family is None:
        return
    apps.get_model("evaluation", "Indicator").objects.create(
        model=model, family=family, code="false_registration", name="虚假申报信用信息", source="record",
        catalog_item=item, severity="", points=-50, cap=100, decay=FULL_1Y_HALF_3Y, sort_order=100)
    version_model = apps.get_model("evaluation", "ModelVersion")
    latest = version_model.objects.filter(model=model).order_by("-number").first()
    version = version_model.objects.create(model=model, number=(latest.number if latest else 0) + 1,
                                           definition=definition_of(model))
    model.current_version = version
    model.save(update_fields=["current_version"])


class Migration(migrations.Migration):
    dependencies = [
        ("evaluation", "0003_evaluationrun_evaluationresult_runchunk"),
        ("catalog", "0006_false_registration_item"),
    ]

    operations = [migrations.RunPython(add_indicator, migrations.RunPython.noop)]
