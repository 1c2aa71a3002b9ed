"""Seeded business matters, memoranda and measures: a realistic starting set drawn from the national memoranda
(发改财金〔2016〕141号 etc.) and the 全国失信惩戒措施基础清单; the credit office edits them in the admin."""

MATTERS = [
    ("gov_procurement", "政府采购", "供应商资格审查、评审"),
    ("bidding", "招标投标", "工程建设项目招标投标资格审查、评标"),
    ("fiscal_funds", "财政资金", "财政性资金项目申报、补贴补助发放"),
    ("honours", "评优评先", "荣誉称号、表彰奖励评选"),
    ("licensing", "行政许可审查", "行政许可、备案、资质审批"),
    ("land_transfer", "国有土地出让", "国有土地使用权招标、拍卖、挂牌出让"),
    ("financing", "融资信贷", "金融机构授信、融资担保"),
    ("public_office", "公职与国企任职", "公务员、事业单位招录，国有企业董事、监事、高级管理人员任职"),
    ("inspection", "日常监管", "“双随机、一公开”抽查、日常检查"),
    ("market_access", "市场准入", "市场主体登记、行业准入"),
]

MEMORANDA = [
    {"code": "dishonest-debtor-2016", "title": "关于对失信被执行人实施联合惩戒的合作备忘录",
     "document_number": "发改财金〔2016〕141号", "issued_on": "2016-01-20", "effect": "punish",
     "lead_name": "国家发展改革委、最高人民法院等44部门", "lead": "市法院",
     "participants": ["市发改委", "市财政局", "市自然资源局", "市住建局", "市交通运输局", "市市场监管局", "人行上饶市分行",
                      "市人社局"],
     "kinds": ["serious_dishonesty"],
     "summary": "对失信被执行人限制政府采购、招标投标、财政资金、国有土地出让、荣誉评选、担任国企高管等。"},
    {"code": "major-tax-2016", "title": "关于对重大税收违法案件当事人实施联合惩戒措施的合作备忘录",
     "document_number": "发改财金〔2016〕1568号", "issued_on": "2016-07-28", "effect": "punish",
     "lead_name": "国家发展改革委、国家税务总局等34部门", "lead": "市税务局",
     "participants": ["市财政局", "市自然资源局", "市市场监管局", "人行上饶市分行", "市发改委"],
     "kinds": ["serious_dishonesty"],
     "summary": "对重大税收违法失信主体限制政府采购、财政资金、土地出让、融资授信，从严审核行政许可。"},
    {"code": "market-regulation-2015", "title": "失信企业协同监管和联合惩戒合作备忘录",
     "document_number": "发改财金〔2015〕2045号", "issued_on": "2015-08-20", "effect": "punish",
     "lead_name": "国家工商总局、国家发展改革委等38部门", "lead": "市市场监管局",
     "participants": ["市财政局", "市住建局", "市交通运输局", "市商务局", "市发改委"],
     "kinds": ["serious_dishonesty", "watch_list", "market_ban"],
     "summary": "对列入经营异常名录、严重违法失信企业名单的企业实施协同监管和联合惩戒。"},
    {"code": "safety-production-2016", "title": "关于对安全生产领域失信生产经营单位及其有关人员开展联合惩戒的合作备忘录",
     "document_number": "发改财金〔2016〕1001号", "issued_on": "2016-05-30", "effect": "punish",
     "lead_name": "国家发展改革委、国家安全监管总局等18部门", "lead": "市应急管理局",
     "participants": ["市发改委", "市财政局", "市自然资源局", "市市场监管局"],
     "kinds": ["serious_dishonesty", "market_ban"],
     "summary": "对安全生产严重失信单位及其主要负责人实施市场和行业禁入、限制融资、从严审批等。"},
    {"code": "tax-a-incentive-2016", "title": "关于对纳税信用A级纳税人实施联合激励措施的合作备忘录",
     "document_number": "发改财金〔2016〕1467号", "issued_on": "2016-07-11", "effect": "incentive",
     "lead_name": "国家税务总局、国家发展改革委等29部门", "lead": "市税务局",
     "participants": ["市发改委", "市财政局", "市行政审批局", "人行上饶市分行", "市商务局"],
     "kinds": ["red_list"],
     "summary": "对守信主体开辟绿色通道、容缺受理、优先安排财政资金、降低抽查比例、融资授信优惠。"},
]

# (code, name, type, effect, memorandum, implementer short name, implementer note, scope, list kinds,
#  record items, min severity, matters, basis)
MEASURES = [
    ("CJ-001", "限制参加政府采购活动", "administrative", "punish", "dishonest-debtor-2016", "市财政局", "各级政府采购监督管理部门",
     "organizations", ["serious_dishonesty"], ["court_dishonest_debtor", "major_tax_violation"], "", ["gov_procurement"],
     "《中华人民共和国政府采购法》第二十二条；《政府采购法实施条例》第十九条；发改财金〔2016〕141号。"),
    ("CJ-002", "限制参与工程建设项目招标投标", "administrative", "punish", "dishonest-debtor-2016", "市发改委",
     "招标投标行政监督部门", "organizations", ["serious_dishonesty", "market_ban"], ["court_dishonest_debtor"], "",
     ["bidding"], "《中华人民共和国招标投标法实施条例》；发改法规〔2016〕285号。"),
    ("CJ-003", "限制申请财政性资金项目和补贴", "administrative", "punish", "dishonest-debtor-2016", "市财政局", "",
     "all", ["serious_dishonesty"], ["court_dishonest_debtor", "major_tax_violation"], "", ["fiscal_funds"],
     "《国务院关于建立完善守信联合激励和失信联合惩戒制度加快推进社会诚信建设的指导意见》（国发〔2016〕33号）。"),
    ("CJ-004", "限制参加评先评优、取消已获荣誉称号", "social", "punish", "dishonest-debtor-2016", None, "各评选表彰主办单位",
     "all", ["serious_dishonesty", "watch_list"], ["court_dishonest_debtor", "major_tax_violation"], "", ["honours"],
     "国发〔2016〕33号；《评比达标表彰活动管理办法》。"),
    ("CJ-005", "限制参与国有土地使用权出让", "administrative", "punish", "dishonest-debtor-2016", "市自然资源局", "",
     "organizations", ["serious_dishonesty"], ["court_dishonest_debtor", "major_tax_violation"], "", ["land_transfer"],
     "《最高人民法院关于公布失信被执行人名单信息的若干规定》；发改财金〔2016〕141号。"),
    ("CJ-006", "从严审核行政许可审批，不适用告知承诺制", "administrative", "punish", "market-regulation-2015", "市行政审批局",
     "各行政许可实施机关", "all", ["serious_dishonesty", "watch_list"], ["penalty"], "serious", ["licensing"],
     "《优化营商环境条例》；国办发〔2020〕49号；发改财金〔2015〕2045号。"),
    ("CJ-007", "作为融资授信的审慎参考，限制新增授信", "market", "punish", "major-tax-2016", "人行上饶市分行",
     "各银行业金融机构", "all", ["serious_dishonesty"], ["major_tax_violation", "court_dishonest_debtor"], "",
     ["financing"], "《征信业管理条例》；发改财金〔2016〕1568号。"),
    ("CJ-008", "限制担任国有企业法定代表人、董事、监事、高级管理人员", "administrative", "punish", "dishonest-debtor-2016",
     "市人社局", "各级国有资产监督管理机构", "persons", ["serious_dishonesty"], ["court_dishonest_debtor"], "",
     ["public_office"], "《中华人民共和国公司法》第一百七十八条；发改财金〔2016〕141号。"),
    ("CJ-009", "限制招录（聘）为公务员或事业单位工作人员", "administrative", "punish", "dishonest-debtor-2016", "市人社局",
     "各级组织人事部门", "persons", ["serious_dishonesty"], ["court_dishonest_debtor"], "", ["public_office"],
     "《公务员录用规定》；《事业单位公开招聘人员暂行规定》；发改财金〔2016〕141号。"),
    ("CJ-010", "列为重点监管对象，提高随机抽查比例和频次", "administrative", "punish", "market-regulation-2015",
     "市市场监管局", "各行业主管部门", "organizations", ["serious_dishonesty", "watch_list"],
     ["business_anomaly", "penalty"], "general", ["inspection"],
     "《国务院关于在市场监管领域全面推行部门联合“双随机、一公开”监管的意见》（国发〔2019〕5号）。"),
    ("CJ-011", "限制新设立市场主体担任法定代表人、负责人", "industry", "punish", "market-regulation-2015", "市市场监管局",
     "", "persons", ["market_ban"], [], "", ["market_access"],
     "《中华人民共和国市场主体登记管理条例》第十二条。"),
    ("CJ-012", "依法实施市场和行业禁入", "industry", "punish", "safety-production-2016", "市应急管理局", "各行业主管部门",
     "all", ["market_ban"], [], "", ["market_access", "licensing", "bidding"],
     "《中华人民共和国安全生产法》第九十二条、第一百一十三条；发改财金〔2016〕1001号。"),
    ("CJ-013", "行业协会商会实施行业惩戒，取消会员评优资格", "industry", "punish", "market-regulation-2015", None,
     "相关行业协会商会", "organizations", ["serious_dishonesty"], [], "", ["honours"],
     "《行业协会商会综合监管办法（试行）》。"),
    ("CJ-014", "在“信用中国（江西上饶）”网站公示失信信息", "social", "punish", "market-regulation-2015", "市发改委", "",
     "all", ["serious_dishonesty", "market_ban"], [], "", ["gov_procurement", "bidding", "licensing"],
     "国办发〔2020〕49号：严重失信主体名单依法依规公开。"),
    ("CJ-015", "限制参加政府采购、招标投标（重大税收违法）", "administrative", "punish", "major-tax-2016", "市财政局", "",
     "organizations", [], ["major_tax_violation"], "", ["bidding"], "《重大税收违法失信主体信息公布管理办法》；发改财金〔2016〕1568号。"),
    ("JL-001", "行政审批“绿色通道”，适用容缺受理", "administrative", "incentive", "tax-a-incentive-2016", "市行政审批局", "",
     "all", ["red_list"], [], "", ["licensing", "market_access"], "国发〔2016〕33号；发改财金〔2016〕1467号。"),
    ("JL-002", "降低“双随机”抽查比例和频次", "administrative", "incentive", "tax-a-incentive-2016", "市市场监管局",
     "各行业主管部门", "organizations", ["red_list"], [], "", ["inspection"], "国发〔2019〕5号；发改财金〔2016〕1467号。"),
    ("JL-003", "同等条件下优先安排财政性资金项目", "administrative", "incentive", "tax-a-incentive-2016", "市财政局", "",
     "all", ["red_list"], [], "", ["fiscal_funds"], "发改财金〔2016〕1467号。"),
    ("JL-004", "评优评先同等条件下优先考虑", "social", "incentive", "tax-a-incentive-2016", None, "各评选表彰主办单位",
     "all", ["red_list"], [], "", ["honours"], "国发〔2016〕33号。"),
    ("JL-005", "融资授信给予优惠利率和便利", "market", "incentive", "tax-a-incentive-2016", "人行上饶市分行", "各银行业金融机构",
     "organizations", ["red_list"], [], "", ["financing"], "发改财金〔2016〕1467号。"),
    ("JL-006", "招标投标、政府采购中给予信用加分", "market", "incentive", "tax-a-incentive-2016", "市发改委", "", "organizations",
     ["red_list"], [], "", ["bidding", "gov_procurement"], "《江西省公共信用信息管理办法》；发改财金〔2016〕1467号。"),
]

# Measures conditioned on the public grade (docs/lists.md, "Measures by grade"): (code, name, type, effect,
#  implementer short name, implementer note, scope, grades of the model ``public``, matters, basis)
GRADE_MEASURES = [
    ("CJ-016", "公共信用综合评价为D级的，从严审查投标资格和履约能力", "administrative", "punish", "市发改委",
     "招标投标行政监督部门、招标人", "organizations", "D", ["bidding", "gov_procurement"],
     "《江西省社会信用体系建设条例》；国办发〔2019〕35号：根据信用评价等级实施差异化监管。"),
    ("CJ-017", "公共信用综合评价为D级的，列为重点监管对象，提高抽查比例和频次", "administrative", "punish", "市市场监管局",
     "各行业主管部门", "all", "D", ["inspection"], "国发〔2019〕5号；国办发〔2019〕35号。"),
    ("JL-007", "公共信用综合评价为A级的，适用容缺受理和告知承诺", "administrative", "incentive", "市行政审批局",
     "各行政许可实施机关", "all", "A", ["licensing", "market_access"], "国办发〔2019〕35号；国办发〔2020〕42号。"),
    ("JL-008", "公共信用综合评价为A级的，降低抽查比例和频次", "administrative", "incentive", "市市场监管局",
     "各行业主管部门", "organizations", "A", ["inspection"], "国发〔2019〕5号；国办发〔2019〕35号。"),
    ("JL-009", "公共信用综合评价为A级的，招标投标中给予信用加分", "market", "incentive", "市发改委", "招标人",
     "organizations", "A", ["bidding"], "《江西省公共信用信息管理办法》；国办发〔2019〕35号。"),
]


def load_grade_measures(apps) -> None:
    """Create the measures by grade that do not exist yet (needs the evaluation model ``public``)."""
    Matter = apps.get_model("sanctions", "Matter")
    Measure = apps.get_model("sanctions", "Measure")
    model = apps.get_model("evaluation", "EvaluationModel").objects.filter(code="public").first()
    if model is None:
        return
    orgs = {o.short_name: o for o in apps.get_model("organizations", "Organization").objects.all() if o.short_name}
    matters = {m.code: m for m in Matter.objects.all()}
    for order, (code, name, type_, effect, implementer, note, scope, grades, matter_codes, basis) in enumerate(
            GRADE_MEASURES, start=100):
        if Measure.objects.filter(code=code).exists():
            continue
        measure = Measure.objects.create(code=code, name=name, type=type_, effect=effect, legal_basis=basis,
                                         implementer=orgs.get(implementer), implementer_note=note, scope=scope,
                                         grade_model=model, grades=grades, sort_order=order)
        measure.matters.set([matters[c] for c in matter_codes if c in matters])


def load(apps=None) -> None:
    """Create the seeded matters, memoranda and measures that do not exist yet (never overwrites the office's edits)."""
    import datetime as dt

    if apps is None:
        from django.apps import apps as installed

        apps = installed
    Matter = apps.get_model("sanctions", "Matter")
    Memorandum = apps.get_model("sanctions", "Memorandum")
    Measure = apps.get_model("sanctions", "Measure")
    Organization = apps.get_model("organizations", "Organization")
    ListKind = apps.get_model("lists", "ListKind")
    CatalogItem = apps.get_model("catalog", "CatalogItem")
    orgs = {o.short_name: o for o in Organization.objects.all() if o.short_name}
    kinds = {k.code: k for k in ListKind.objects.all()}
    items = {i.code: i for i in CatalogItem.objects.all()}
    matters = {}
    for order, (code, name, description) in enumerate(MATTERS, start=1):
        matters[code], _ = Matter.objects.get_or_create(code=code, defaults={"name": name, "description": description,
                                                                            "sort_order": order})
    memoranda = {}
    for spec in MEMORANDA:
        memo, created = Memorandum.objects.get_or_create(code=spec["code"], defaults={
            "title": spec["title"], "document_number": spec["document_number"],
            "issued_on": dt.date.fromisoformat(spec["issued_on"]), "effect": spec["effect"],
            "lead_name": spec["lead_name"], "lead_department": orgs.get(spec["lead"]), "summary": spec["summary"]})
        if created:
            memo.participants.set([orgs[s] for s in spec["participants"] if s in orgs])
            memo.list_kinds.set([kinds[k] for k in spec["kinds"] if k in kinds])
        memoranda[spec["code"]] = memo
    for order, (code, name, type_, effect, memo, implementer, note, scope, kind_codes, item_codes, severity,
                matter_codes, basis) in enumerate(MEASURES, start=1):
        measure, created = Measure.objects.get_or_create(code=code, defaults={
            "name": name, "type": type_, "effect": effect, "memorandum": memoranda.get(memo),
            "implementer": orgs.get(implementer) if implementer else None, "implementer_note": note, "scope": scope,
            "record_min_severity": severity, "legal_basis": basis, "sort_order": order})
        if created:
            measure.list_kinds.set([kinds[k] for k in kind_codes if k in kinds])
            measure.record_items.set([items[i] for i in item_codes if i in items])
            measure.matters.set([matters[m] for m in matter_codes])
