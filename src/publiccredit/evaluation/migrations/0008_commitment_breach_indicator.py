"""The default public model deducts for a breached credit commitment (docs/evaluation.md, docs/commitments.md): an
installation whose model ``public`` lacks the indicator gets it, published as a new version."""

from django.db import migrations

from publiccredit.evaluation.reference import FULL_1Y_HALF_3Y


def add_indicator(apps, schema_editor):
    from publiccredit.evaluation.services import definition_of

    model = apps.get_model("evaluation", "EvaluationModel").objects.filter(code="public").first()
    item = apps.get_model("catalog", "CatalogItem").objects.filter(code="commitment_breach").first()
    if model is None or item is None or model.indicators.filter(code="commitment_breach").exists():
        return
    family = model.families.filter(code="contract").first()
    if family is None:
        return
    apps.get_model("evaluation", "Indicator").objects.create(
        model=model, family=family, code="commitment_breach", name="信用承诺未履行", source="record",
        catalog_item=item, severity="", points=-40, cap=120, decay=FULL_1Y_HALF_3Y, sort_order=101)
    version_model = apps.get_model("evaluation", "ModelVersion")
    latest = version_model.objects.filter(model=model).order_by("-number").first()
    version = version_model.objects.create(model=model, number=(latest.number if latest else 0) + 1,
                                           definition=definition_of(model))
    model.current_version = version
    model.save(update_fields=["current_version"])


class Migration(migrations.Migration):
    dependencies = [
        ("evaluation", "0007_lean_results"),
        ("catalog", "0008_commitment_breach_item"),
    ]

    operations = [migrations.RunPython(add_indicator, migrations.RunPython.noop)]
