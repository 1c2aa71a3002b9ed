"""The default public model a city can publish as is (docs/evaluation.md): 1,000 points to start, deductions for
dishonesty that fade with age, bonuses for honours, grades A/B/C/D, and listings that decide the grade outright.
Loaded by a data migration; the credit office edits it in the admin afterwards."""

FULL_1Y_HALF_3Y = [[12, 1], [36, 0.5]]
FULL_3Y_HALF_5Y = [[36, 1], [60, 0.5]]

DEFAULT_MODEL = {
    "code": "public", "name": "上饶市公共信用综合评价", "kind": "public", "disclosure": "government",
    "base_score": 1000, "min_score": 0, "max_score": 1200,
    "description": "按季度对全市市场主体开展公共信用综合评价，依据本平台归集的公共信用信息，"
                   "以基础分1000分加减各项指标得分，划分A（诚信）、B（良好）、C（关注）、D（失信）四级。",
    "families": [("law", "遵纪守法"), ("contract", "履约践诺"), ("honour", "资质荣誉"), ("social", "社会责任"),
                 ("risk", "监管风险")],
    "indicators": [
        # family, code, name, source, item, severity, list kind, points, cap, decay
        ("law", "penalty_serious", "严重失信行政处罚", "record", "penalty", "serious", None, -100, 300, FULL_1Y_HALF_3Y),
        ("law", "penalty_general", "一般失信行政处罚", "record", "penalty", "general", None, -30, 150, FULL_1Y_HALF_3Y),
        ("law", "penalty_minor", "轻微失信行政处罚", "record", "penalty", "minor", None, -5, 30, [[12, 1]]),
        ("law", "coercion", "行政强制", "record", "administrative_coercion", "", None, -20, 100, FULL_1Y_HALF_3Y),
        ("law", "tax_violation", "重大税收违法失信", "record", "major_tax_violation", "", None, -150, 300,
         FULL_3Y_HALF_5Y),
        ("contract", "dishonest_debtor", "失信被执行", "record", "court_dishonest_debtor", "", None, -200, 400,
         FULL_3Y_HALF_5Y),
        ("contract", "false_registration", "虚假申报信用信息", "record", "false_registration", "", None, -50, 100,
         FULL_1Y_HALF_3Y),
        ("contract", "commitment_breach", "信用承诺未履行", "record", "commitment_breach", "", None, -40, 120,
         FULL_1Y_HALF_3Y),
        ("honour", "honor", "守信荣誉", "record", "honor", "", None, 30, 120, [[36, 1]]),
        ("honour", "reward", "行政奖励", "record", "administrative_reward", "", None, 20, 80, [[36, 1]]),
        ("honour", "red_list", "列入红名单", "list_entry", None, "", "red_list", 50, 50, []),
        ("honour", "registration", "自愿注册并经核实的信用信息", "registration", None, "", None, 10, 50, [[24, 1]]),
        ("social", "course", "完成诚信教育", "course", None, "", None, 10, 20, [[12, 1]]),
        ("risk", "business_anomaly", "列入经营异常名录", "record", "business_anomaly", "", None, -50, 100, []),
        ("risk", "watch_list", "列入重点关注名单", "list_entry", None, "", "watch_list", -100, 100, []),
        ("risk", "market_ban", "列入市场和行业禁入名单", "list_entry", None, "", "market_ban", -200, 200, []),
    ],
    "grades": [("A", "诚信", 950), ("B", "良好", 850), ("C", "关注", 700), ("D", "失信", 0)],
    "hard_rules": [
        ("列入严重失信主体名单的，评为D级", "serious_dishonesty", None, "", "D"),
        ("列入市场和行业禁入名单的，评为D级", "market_ban", None, "", "D"),
        ("有失信被执行记录的，至多评为C级", None, "court_dishonest_debtor", "", "C"),
    ],
}


def load(apps) -> None:
    """Create the default model and its first version (skipped when a model of that code exists)."""
    from .services import definition_of

    model_class = apps.get_model("evaluation", "EvaluationModel")
    if model_class.objects.filter(code=DEFAULT_MODEL["code"]).exists():
        return
    items = {item.code: item for item in apps.get_model("catalog", "CatalogItem").objects.all()}
    kinds = {kind.code: kind for kind in apps.get_model("lists", "ListKind").objects.all()}
    spec = DEFAULT_MODEL
    model = model_class.objects.create(code=spec["code"], name=spec["name"], kind=spec["kind"],
                                       disclosure=spec["disclosure"], base_score=spec["base_score"],
                                       min_score=spec["min_score"], max_score=spec["max_score"],
                                       description=spec["description"])
    families = {code: apps.get_model("evaluation", "IndicatorFamily").objects.create(
        model=model, code=code, name=name, sort_order=order) for order, (code, name) in enumerate(spec["families"])}
    indicator_class = apps.get_model("evaluation", "Indicator")
    for order, (family, code, name, source, item, severity, kind, points, cap, decay) in enumerate(spec["indicators"]):
        indicator_class.objects.create(model=model, family=families[family], code=code, name=name, source=source,
                                       catalog_item=items.get(item), severity=severity, list_kind=kinds.get(kind),
                                       points=points, cap=cap, decay=decay, sort_order=order)
    for grade, label, minimum in spec["grades"]:
        apps.get_model("evaluation", "GradeBand").objects.create(model=model, grade=grade, label=label,
                                                                 min_score=minimum)
    for name, kind, item, severity, grade in spec["hard_rules"]:
        apps.get_model("evaluation", "HardRule").objects.create(model=model, name=name, list_kind=kinds.get(kind),
                                                                catalog_item=items.get(item), severity=severity,
                                                                grade=grade)
    version = apps.get_model("evaluation", "ModelVersion").objects.create(model=model, number=1,
                                                                          definition=definition_of(model))
    model.current_version = version
    model.save(update_fields=["current_version"])
