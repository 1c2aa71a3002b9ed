"""Two models whose results others compute and the platform imports (docs/evaluation.md, "Imported results"): the
national comprehensive evaluation pushed by the NDRC and the tax authority's 纳税信用等级."""

from django.db import migrations

IMPORTED = [
    ("national", "全国公共信用综合评价（国家发展改革委推送）", None,
     "国家公共信用信息中心开展的全国公共信用综合评价结果，按月推送至本平台。",
     [("A", "优", 900), ("B", "良", 800), ("C", "中", 700), ("D", "差", 0)]),
    ("tax_credit", "纳税信用等级", "国家税务总局上饶市税务局",
     "税务机关依据《纳税信用管理办法》评定的纳税信用级别，每年4月发布；等级以税务机关评定为准，得分为其年度评价得分。",
     [("A", "A级", 90), ("B", "B级", 70), ("M", "M级", 60), ("C", "C级", 40), ("D", "D级", 0)]),
]


def create_imported_models(apps, schema_editor):
    from publiccredit.evaluation.services import definition_of

    Model = apps.get_model("evaluation", "EvaluationModel")
    Organization = apps.get_model("organizations", "Organization")
    for code, name, owner, description, grades in IMPORTED:
        if Model.objects.filter(code=code).exists():
            continue
        model = Model.objects.create(code=code, name=name, kind="imported", disclosure="government",
                                     owner=Organization.objects.filter(name=owner).first() if owner else None,
                                     base_score=0, min_score=0, max_score=1000, description=description)
        for grade, label, minimum in grades:
            apps.get_model("evaluation", "GradeBand").objects.create(model=model, grade=grade, label=label,
                                                                     min_score=minimum)
        version = apps.get_model("evaluation", "ModelVersion").objects.create(model=model, number=1,
                                                                              definition=definition_of(model))
        model.current_version = version
        model.save(update_fields=["current_version"])


class Migration(migrations.Migration):
    dependencies = [("evaluation", "0004_false_registration_indicator"),
                    ("organizations", "0002_reference_regions_and_organizations")]

    operations = [migrations.RunPython(create_imported_models, migrations.RunPython.noop)]
