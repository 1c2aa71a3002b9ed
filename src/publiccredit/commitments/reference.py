"""The eligibility rules a city starts with (国办发〔2020〕42号; docs/commitments.md); the credit office edits them in
the admin. ``load`` adds only the rules that are missing."""

RULES = [
    {"code": "listed", "kind": "listed", "types": "1,2,3",
     "message": "被列入严重失信主体名单或市场和行业禁入名单的，不适用告知承诺、容缺受理和证明事项告知承诺",
     "legal_basis": "国办发〔2020〕42号"},
    {"code": "serious_record", "kind": "serious_record", "types": "1,2,3",
     "message": "有未修复的严重失信记录的，修复前不适用告知承诺、容缺受理和证明事项告知承诺",
     "legal_basis": "国办发〔2020〕42号"},
    {"code": "false_commitment", "kind": "false_commitment", "types": "1,2,3", "within_months": 36,
     "message": "近三年内曾作出虚假承诺或未履行承诺的，不适用告知承诺、容缺受理和证明事项告知承诺",
     "legal_basis": "国办发〔2020〕42号"},
    {"code": "high_risk", "kind": "high_risk", "types": "1",
     "message": "该事项直接涉及公共安全、生态环境和人民群众生命健康，不适用审批替代型告知承诺",
     "legal_basis": "国办发〔2020〕42号；国办发〔2020〕24号"},
    {"code": "grade", "kind": "grade", "types": "2", "grades": "C,D",
     "message": "公共信用综合评价为C级（关注）或D级（失信）的，不适用容缺受理（红名单主体不受此限）",
     "legal_basis": "国办发〔2019〕35号：根据信用评价等级实施差异化监管"},
]


def load(apps=None) -> int:
    if apps is None:
        from django.apps import apps as installed

        apps = installed
    rule_model = apps.get_model("commitments", "EligibilityRule")
    fields = {field.name for field in rule_model._meta.get_fields()}
    created = 0
    for spec in RULES:
        if not set(spec) <= fields:  # a rule needing a later field: the migration adding it loads the rule
            continue
        _, new = rule_model.objects.get_or_create(code=spec["code"], defaults={
            key: value for key, value in spec.items() if key != "code"})
        created += new
    return created
