"""The list kinds a city publishes, with the criteria 国办发〔2020〕49号 requires to be public (seeded; the credit
office edits them in the admin)."""

KINDS = [
    {
        "code": "serious_dishonesty", "name": "严重失信主体名单", "category": "dishonest", "sort_order": 1,
        "legal_basis": "《国务院办公厅关于进一步完善失信约束制度构建诚信建设长效机制的指导意见》（国办发〔2020〕49号）；"
                       "相关领域法律、行政法规关于严重失信主体名单的规定。",
        "standard": "严重危害人民群众身体健康和生命安全、严重破坏市场公平竞争秩序和社会正常秩序、拒不履行法定义务严重影响"
                    "司法机关和行政机关公信力、拒不履行国防义务等行为，经依法作出的行政处罚、行政裁决等认定，且法律法规"
                    "规定可以列入严重失信主体名单的。",
        "procedure": "认定部门提出拟列入意见 → 向当事人送达列入前告知书，告知列入的事由、依据、惩戒措施和当事人享有的陈述、"
                     "申辩权利 → 异议期满无异议或异议不成立的，经批准作出书面列入决定 → 在信用网站公示。",
        "exit_conditions": "列入期限届满自动移出；完成信用修复的，按规定提前移出；列入依据被依法撤销、变更的，及时移出。",
        "remedies": "对列入决定不服的，可依法申请行政复议或者提起行政诉讼；对信息有异议的，可向认定部门或市信用办提出。",
        "objection_working_days": 5, "default_years": 3, "allows_lifetime": False,
    },
    {
        "code": "watch_list", "name": "重点关注名单", "category": "watch", "sort_order": 2,
        "legal_basis": "国办发〔2020〕49号；相关行业主管部门关于重点关注对象的规定。",
        "standard": "存在一般失信行为且在一定期限内多次受到行政处罚，或者存在较大失信风险、需要加强监管的主体。",
        "procedure": "监管部门提出 → 告知当事人并听取意见 → 部门负责人批准 → 公示。",
        "exit_conditions": "列入满一年且期间未发生新的失信行为的移出；完成信用修复的提前移出。",
        "remedies": "可向认定部门提出异议，或依法申请行政复议、提起行政诉讼。",
        "objection_working_days": 5, "default_years": 1, "allows_lifetime": False,
    },
    {
        "code": "red_list", "name": "红名单（守信激励对象）", "category": "red", "sort_order": 3,
        "legal_basis": "《国务院关于建立完善守信联合激励和失信联合惩戒制度加快推进社会诚信建设的指导意见》（国发〔2016〕33号）。",
        "standard": "近三年无失信记录，获得市级以上守信荣誉或纳税信用A级、公共信用综合评价A级的主体。",
        "procedure": "部门推荐 → 信用核查 → 公示征求意见 → 认定发布。",
        "exit_conditions": "发生失信行为的，立即移出；有效期满未重新认定的移出。",
        "remedies": "对不予认定或移出有异议的，可向认定部门申请复核。",
        "objection_working_days": 5, "default_years": 2, "allows_lifetime": False,
    },
    {
        "code": "market_ban", "name": "市场和行业禁入名单", "category": "ban", "sort_order": 4,
        "legal_basis": "《中华人民共和国食品安全法》第一百三十五条、《中华人民共和国证券法》第二百二十一条等法律规定的从业禁止、"
                       "市场禁入。",
        "standard": "因严重违法行为被依法作出限制从业、市场禁入决定的主体及其法定代表人、主要负责人。",
        "procedure": "作出禁入决定的部门提出 → 告知当事人 → 作出书面决定 → 公示。",
        "exit_conditions": "禁入期限届满移出；终身禁入的不移出；禁入决定被依法撤销的移出。",
        "remedies": "可依法申请行政复议或者提起行政诉讼。",
        "objection_working_days": 5, "default_years": 5, "allows_lifetime": True,
    },
]


def load(apps=None) -> None:
    if apps is None:
        from django.apps import apps as global_apps

        apps = global_apps
    kind_model = apps.get_model("lists", "ListKind")
    for definition in KINDS:
        kind_model.objects.get_or_create(code=definition["code"], defaults=definition)


RULES = [
    {"name": "严重行政处罚（吊销、责令关闭、限制从业等）拟列入严重失信主体名单", "kind": "serious_dishonesty",
     "items": ["penalty"], "min_severity": "serious",
     "penalty_categories": "吊销许可证件、责令关闭、限制从业、责令停产停业", "min_count": 1, "within_months": 12},
    {"name": "重大税收违法失信主体拟列入严重失信主体名单", "kind": "serious_dishonesty", "items": ["major_tax_violation"],
     "min_severity": "", "penalty_categories": "", "min_count": 1, "within_months": 12,
     "legal_basis": "《重大税收违法失信主体信息公布管理办法》（国家税务总局令第54号）。"},
    {"name": "一年内受到三次以上一般及以上行政处罚拟列入重点关注名单", "kind": "watch_list", "items": ["penalty"],
     "min_severity": "general", "penalty_categories": "", "min_count": 3, "within_months": 12},
    {"name": "逾期未按要求整改拟列入重点关注名单", "kind": "watch_list", "items": ["rectification_overdue"],
     "min_severity": "", "penalty_categories": "", "min_count": 1, "within_months": 12,
     "legal_basis": "国办发〔2020〕49号：对未按要求整改的主体可列为重点关注对象。"},
    {"name": "一年内两次以上未履行信用承诺拟列入重点关注名单", "kind": "watch_list", "items": ["commitment_breach"],
     "min_severity": "", "penalty_categories": "", "min_count": 2, "within_months": 12,
     "legal_basis": "国办发〔2020〕42号：对违反承诺的主体依法依规实施失信惩戒。"},
]


def load_rules(apps=None) -> None:
    if apps is None:
        from django.apps import apps as installed

        apps = installed
    ProposalRule = apps.get_model("lists", "ProposalRule")
    ListKind = apps.get_model("lists", "ListKind")
    CatalogItem = apps.get_model("catalog", "CatalogItem")
    for spec in RULES:
        if ProposalRule.objects.filter(name=spec["name"]).exists():
            continue
        items = CatalogItem.objects.filter(code__in=spec["items"])
        if items.count() < len(spec["items"]):  # an item a later catalog migration adds: its own migration loads it
            continue
        rule = ProposalRule.objects.create(
            name=spec["name"], kind=ListKind.objects.get(code=spec["kind"]), min_severity=spec["min_severity"],
            penalty_categories=spec["penalty_categories"], min_count=spec["min_count"],
            within_months=spec["within_months"], legal_basis=spec.get("legal_basis", ""))
        rule.items.set(items)
