"""The catalog the platform ships with: the 2024 edition's 13 categories, 双公示 items with the national field codes
(docs/collection.md), and the other items a city collects. The credit office edits or adds items in the admin."""

CATEGORIES = [
    ("01", "登记注册基本信息"), ("02", "司法裁判及执行信息"), ("03", "行政管理信息"), ("04", "职称和职业信息"),
    ("05", "经营（活动）异常名录信息"), ("06", "诚实守信相关荣誉信息"), ("07", "信用承诺及履行情况信息"),
    ("08", "信用评价结果信息"), ("09", "遵守法律法规情况信息"), ("10", "知识产权信息"), ("11", "纳税信息"),
    ("12", "社会保险和住房公积金缴纳信息"), ("13", "其他信息"),
]

PENALTY_CATEGORIES = ["警告", "通报批评", "罚款", "没收违法所得", "没收非法财物", "暂扣许可证件", "降低资质等级",
                      "吊销许可证件", "限制开展生产经营活动", "责令停产停业", "责令关闭", "限制从业", "行政拘留", "其他"]
PARTY_CATEGORIES = ["法人及非法人组织", "自然人", "个体工商户"]
ID_TYPES = ["身份证", "护照号", "港澳居民来往内地通行证", "台湾居民来往大陆通行证", "外国人永久居留身份证"]
LICENSE_CATEGORIES = ["普通", "特许", "认可", "核准", "登记", "其他"]

# city-wide publicity periods for dishonesty information (国办发〔2025〕22号)
DEFAULT_PERIODS = {
    "minor": {"published": False, "min_months": 0, "max_months": 3},
    "general": {"published": True, "min_months": 3, "max_months": 12},
    "serious": {"published": True, "min_months": 12, "max_months": 36},
}


def f(code, name, type="string", max_length=None, required=False, choices=None, role=""):
    return {"code": code, "name": name, "type": type, "max_length": max_length, "required": required,
            "choices": choices or [], "role": role}


def party_fields(prefix: str, representative: str, representative_id: tuple[str, str]) -> list[dict]:
    """The party (行政相对人) block shared by the 双公示 standards: ``CF_XDR_*`` / ``XK_XDR_*``."""
    return [
        f(f"{prefix}_XDR_MC", "行政相对人名称", max_length=200, required=True, role="party_name"),
        f(f"{prefix}_XDR_LB", "行政相对人类别", "enum", required=True, choices=PARTY_CATEGORIES, role="party_category"),
        f(f"{prefix}_XDR_SHXYM", "统一社会信用代码", max_length=18, role="party_uscc"),
        f(f"{prefix}_XDR_GSZC", "工商注册号", max_length=50),
        f(f"{prefix}_XDR_ZZJG", "组织机构代码", max_length=9),
        f(f"{prefix}_XDR_SWDJ", "税务登记号", max_length=15),
        f(f"{prefix}_XDR_SYDW", "事业单位证书号", max_length=12),
        f(f"{prefix}_XDR_SHZZ", "社会组织登记证号", max_length=50),
        f(representative, "法定代表人", max_length=50, role="representative_name"),
        f(representative_id[0], "法定代表人证件类型", "enum", choices=ID_TYPES),
        f(representative_id[1], "法定代表人证件号码", max_length=64, role="representative_id_number"),
        f(f"{prefix}_XDR_ZJLX", "证件类型", "enum", choices=ID_TYPES, role="party_id_type"),
        f(f"{prefix}_XDR_ZJHM", "证件号码", max_length=64, role="party_id_number"),
    ]


PENALTY_FIELDS = [
    f("CF_WSH", "行政处罚决定书文号", max_length=128, required=True, role="decision_number"),
    *party_fields("CF", "CF_FRDB", ("CF_FR_ZJLX", "CF_FR_ZJHM")),
    f("CF_WFXW", "违法行为类型", max_length=2000, required=True),
    f("CF_SY", "违法事实", max_length=5000, required=True),
    f("CF_YJ", "处罚依据", max_length=2048, required=True),
    f("CF_CFLB", "处罚类别", "set", required=True, choices=PENALTY_CATEGORIES),
    f("CF_NR", "处罚内容", max_length=4000, required=True),
    f("CF_NR_FK", "罚款金额（万元）", "decimal", role="amount"),
    f("CF_NR_WFFF", "没收违法所得、没收非法财物的金额（万元）", "decimal", role="amount"),
    f("CF_NR_ZKDX", "暂扣或吊销证照名称及编号", max_length=200),
    f("CF_JDRQ", "处罚决定日期", "date", required=True, role="decision_date"),
    f("CF_YXQ", "处罚有效期", "date", required=True, role="valid_until"),
    f("CF_GSJZQ", "公示截止期", "date", role="publicity_until"),
    f("CF_CFJG", "处罚机关", max_length=200, required=True, role="authority_name"),
    f("CF_CFJGDM", "处罚机关统一社会信用代码", max_length=18, required=True, role="authority_code"),
    f("CF_SJLY", "数据来源单位", max_length=200, required=True, role="source_name"),
    f("CF_SJLYDM", "数据来源单位统一社会信用代码", max_length=18, required=True, role="source_code"),
    f("BZ", "备注", max_length=512),
]

LICENSE_FIELDS = [
    f("XK_XKWS", "行政许可决定文书名称", max_length=64, required=True),
    f("XK_WSH", "行政许可决定文书号", max_length=64, required=True, role="decision_number"),
    *party_fields("XK", "XK_FRDB", ("XK_FR_ZJLX", "XK_FR_ZJHM")),
    f("XK_XKLB", "许可类别", "enum", required=True, choices=LICENSE_CATEGORIES),
    f("XK_XKZS", "许可证书名称", max_length=64),
    f("XK_XKBH", "许可编号", max_length=64),
    f("XK_NR", "许可内容", max_length=4000, required=True),
    f("XK_JDRQ", "许可决定日期", "date", required=True, role="decision_date"),
    f("XK_YXQZ", "有效期自", "date", required=True, role="valid_from"),
    f("XK_YXQZI", "有效期至", "date", required=True, role="valid_until"),
    f("XK_XKJG", "许可机关", max_length=200, required=True, role="authority_name"),
    f("XK_XKJGDM", "许可机关统一社会信用代码", max_length=18, required=True, role="authority_code"),
    f("XK_ZT", "当前状态", "enum", required=True, choices=["有效", "无效"]),
    f("XK_LYDW", "数据来源单位", max_length=200, required=True, role="source_name"),
    f("XK_LYDWDM", "数据来源单位统一社会信用代码", max_length=18, required=True, role="source_code"),
    f("BZ", "备注", max_length=512),
]


def act_fields(prefix: str, act: str, extra: list[dict] | None = None) -> list[dict]:
    """Fields of the other administrative acts (行政强制、确认、征收、给付、裁决、补偿、奖励、检查)."""
    return [
        f(f"{prefix}_WSH", f"{act}决定文书号", max_length=128, required=True, role="decision_number"),
        f(f"{prefix}_XDR_MC", "行政相对人名称", max_length=200, required=True, role="party_name"),
        f(f"{prefix}_XDR_LB", "行政相对人类别", "enum", required=True, choices=PARTY_CATEGORIES, role="party_category"),
        f(f"{prefix}_XDR_SHXYM", "统一社会信用代码", max_length=18, role="party_uscc"),
        f(f"{prefix}_XDR_ZJLX", "证件类型", "enum", choices=ID_TYPES, role="party_id_type"),
        f(f"{prefix}_XDR_ZJHM", "证件号码", max_length=64, role="party_id_number"),
        *(extra or []),
        f(f"{prefix}_NR", f"{act}内容", max_length=4000, required=True),
        f(f"{prefix}_JDRQ", f"{act}决定日期", "date", required=True, role="decision_date"),
        f(f"{prefix}_JG", "实施机关", max_length=200, required=True, role="authority_name"),
        f(f"{prefix}_JGDM", "实施机关统一社会信用代码", max_length=18, required=True, role="authority_code"),
        f("BZ", "备注", max_length=512),
    ]


def item(code, name, category, disclosure, nature, fields, *, severity="", deadline=None, cycle="realtime",
         providers=(), rules=(), description=""):
    return {"code": code, "name": name, "category": category, "disclosure": disclosure, "nature": nature,
            "default_severity": severity, "deadline_working_days": deadline, "reporting_cycle": cycle,
            "providers": list(providers), "fields": fields, "severity_rules": list(rules), "description": description}


SERIOUS_PENALTIES = ["降低资质等级", "吊销许可证件", "限制开展生产经营活动", "责令停产停业", "责令关闭", "限制从业", "行政拘留"]

ITEMS = [
    item("penalty", "行政处罚", "03", "public", "negative", PENALTY_FIELDS, severity="general", deadline=7,
         description="双公示：行政处罚决定自作出之日起7个工作日内上网公示（字段按2019年全国行政处罚信息标准）",
         rules=[
             {"severity": "serious", "conditions": [{"field": "CF_CFLB", "op": "any_in", "value": SERIOUS_PENALTIES}],
              "description": "吊销、责令关闭、限制从业等处罚为严重失信"},
             {"severity": "serious", "conditions": [{"field": "CF_NR_FK", "op": "gte", "value": 100}],
              "description": "罚款100万元以上为严重失信"},
             {"severity": "minor", "conditions": [{"field": "CF_CFLB", "op": "all_in", "value": ["警告", "通报批评"]}],
              "description": "仅警告、通报批评为轻微失信"},
             {"severity": "minor", "conditions": [{"field": "CF_CFLB", "op": "all_in", "value": ["警告", "通报批评", "罚款"]},
                                                  {"field": "CF_NR_FK", "op": "lt", "value": 0.5}],
              "description": "警告、通报批评或5000元以下罚款为轻微失信（市场监管领域3个月后停止公示）"},
         ]),
    item("license", "行政许可", "03", "public", "neutral", LICENSE_FIELDS, deadline=7,
         description="双公示：行政许可决定自作出之日起7个工作日内上网公示"),
    item("court_dishonest_debtor", "失信被执行人", "02", "public", "negative", [
        f("SX_AH", "案号", max_length=100, required=True, role="decision_number"),
        f("SX_XDR_MC", "被执行人名称", max_length=200, required=True, role="party_name"),
        f("SX_XDR_LB", "被执行人类别", "enum", required=True, choices=PARTY_CATEGORIES, role="party_category"),
        f("SX_XDR_SHXYM", "统一社会信用代码", max_length=18, role="party_uscc"),
        f("SX_XDR_ZJLX", "证件类型", "enum", choices=ID_TYPES, role="party_id_type"),
        f("SX_XDR_ZJHM", "证件号码", max_length=64, role="party_id_number"),
        f("SX_FDDBR", "法定代表人或负责人", max_length=50, role="representative_name"),
        f("SX_ZXFY", "执行法院", max_length=200, required=True, role="authority_name"),
        f("SX_ZXFYDM", "执行法院统一社会信用代码", max_length=18, required=True, role="authority_code"),
        f("SX_ZXYJWH", "执行依据文号", max_length=200, required=True),
        f("SX_YW", "生效法律文书确定的义务", max_length=4000, required=True),
        f("SX_LXQK", "被执行人的履行情况", "enum", required=True, choices=["全部未履行", "部分未履行"]),
        f("SX_QX", "失信被执行人行为具体情形", max_length=2000, required=True),
        f("SX_LARQ", "立案日期", "date", required=True),
        f("SX_FBRQ", "发布日期", "date", required=True, role="decision_date"),
    ], severity="serious", providers=["上饶市中级人民法院"], cycle="daily"),
    item("business_anomaly", "经营异常名录", "05", "public", "negative", [
        f("YC_WSH", "列入决定书文号", max_length=128, required=True, role="decision_number"),
        f("YC_QYMC", "企业名称", max_length=200, required=True, role="party_name"),
        f("YC_SHXYM", "统一社会信用代码", max_length=18, required=True, role="party_uscc"),
        f("YC_LRYY", "列入原因", "enum", required=True, choices=[
            "未按规定公示年度报告", "未按规定公示即时信息", "公示信息隐瞒真实情况、弄虚作假", "通过登记的住所或者经营场所无法联系"]),
        f("YC_LRRQ", "列入日期", "date", required=True, role="decision_date"),
        f("YC_JG", "作出决定机关", max_length=200, required=True, role="authority_name"),
        f("YC_JGDM", "作出决定机关统一社会信用代码", max_length=18, required=True, role="authority_code"),
        f("YC_YCRQ", "移出日期", "date"),
        f("YC_YCYY", "移出原因", max_length=500),
    ], severity="general", providers=["上饶市市场监督管理局"], cycle="daily"),
    item("major_tax_violation", "重大税收违法失信主体", "11", "public", "negative", [
        f("SS_AJBH", "案件编号", max_length=100, required=True, role="decision_number"),
        f("SS_NSRMC", "纳税人名称", max_length=200, required=True, role="party_name"),
        f("SS_SHXYM", "统一社会信用代码", max_length=18, required=True, role="party_uscc"),
        f("SS_FDDBR", "法定代表人或负责人", max_length=50, role="representative_name"),
        f("SS_AJXZ", "案件性质", "enum", required=True, choices=[
            "偷税", "逃避追缴欠税", "骗取出口退税", "抗税", "虚开增值税专用发票", "虚开普通发票", "其他"]),
        f("SS_WFSS", "主要违法事实", max_length=4000, required=True),
        f("SS_CLQK", "相关法律依据及税务处理处罚情况", max_length=4000, required=True),
        f("SS_QDRQ", "确定日期", "date", required=True, role="decision_date"),
        f("SS_JCJG", "检查机关", max_length=200, required=True, role="authority_name"),
        f("SS_JCJGDM", "检查机关统一社会信用代码", max_length=18, required=True, role="authority_code"),
    ], severity="serious", providers=["国家税务总局上饶市税务局"], cycle="monthly"),
    item("honor", "守信荣誉", "06", "public", "positive", [
        f("RY_WSH", "认定文号", max_length=128, required=True, role="decision_number"),
        f("RY_ZTMC", "主体名称", max_length=200, required=True, role="party_name"),
        f("RY_ZTLB", "主体类别", "enum", required=True, choices=PARTY_CATEGORIES, role="party_category"),
        f("RY_SHXYM", "统一社会信用代码", max_length=18, role="party_uscc"),
        f("RY_ZJHM", "证件号码", max_length=64, role="party_id_number"),
        f("RY_MC", "荣誉名称", max_length=200, required=True),
        f("RY_JB", "荣誉级别", "enum", required=True, choices=["国家级", "省级", "市级", "县级"]),
        f("RY_SYDW", "授予单位", max_length=200, required=True, role="authority_name"),
        f("RY_SYDWDM", "授予单位统一社会信用代码", max_length=18, required=True, role="authority_code"),
        f("RY_SYRQ", "授予日期", "date", required=True, role="decision_date"),
        f("RY_YXQZ", "有效期至", "date", role="valid_until"),
    ], cycle="monthly"),
    item("consumer_complaint", "12315消费投诉公示", "03", "public", "neutral", [
        f("TS_BH", "投诉编号", max_length=64, required=True, role="decision_number"),
        f("TS_QYMC", "被投诉经营者名称", max_length=200, required=True, role="party_name"),
        f("TS_SHXYM", "统一社会信用代码", max_length=18, required=True, role="party_uscc"),
        f("TS_WTLX", "投诉问题类型", "enum", required=True, choices=[
            "质量问题", "售后服务", "合同纠纷", "虚假宣传", "价格问题", "安全问题", "其他"]),
        f("TS_TSRQ", "投诉日期", "date", required=True, role="decision_date"),
        f("TS_CLJG", "处理结果", "enum", required=True, choices=["调解成功", "调解不成功", "终止调解", "撤回投诉"]),
        f("TS_BJRQ", "办结日期", "date"),
        f("TS_JG", "处理机关", max_length=200, required=True, role="authority_name"),
        f("TS_JGDM", "处理机关统一社会信用代码", max_length=18, required=True, role="authority_code"),
    ], providers=["上饶市市场监督管理局"], cycle="daily", description="12315平台消费投诉信息公示"),
    item("administrative_coercion", "行政强制", "03", "public", "negative", act_fields("QZ", "行政强制", [
        f("QZ_LB", "强制类别", "enum", required=True, choices=[
            "查封场所、设施或者财物", "扣押财物", "冻结存款、汇款", "限制公民人身自由", "其他行政强制措施", "行政强制执行"]),
        f("QZ_YJ", "强制依据", max_length=2048, required=True),
    ]), severity="general", deadline=7),
    item("administrative_confirmation", "行政确认", "03", "public", "neutral", act_fields("QR", "行政确认"), deadline=7),
    item("administrative_levy", "行政征收", "03", "government", "neutral", act_fields("ZS", "行政征收", [
        f("ZS_JE", "征收金额（万元）", "decimal", role="amount")]), deadline=7),
    item("administrative_payment", "行政给付", "03", "government", "neutral", act_fields("GF", "行政给付", [
        f("GF_JE", "给付金额（万元）", "decimal", role="amount")]), deadline=7),
    item("administrative_adjudication", "行政裁决", "03", "public", "neutral", act_fields("CJ", "行政裁决"), deadline=7),
    item("administrative_compensation", "行政补偿", "03", "government", "neutral", act_fields("BC", "行政补偿", [
        f("BC_JE", "补偿金额（万元）", "decimal", role="amount")]), deadline=7),
    item("administrative_reward", "行政奖励", "06", "public", "positive", act_fields("JL", "行政奖励"), deadline=7),
    item("false_registration", "虚假申报信用信息", "07", "public", "negative", act_fields("XJ", "虚假申报认定", [
        f("XJ_ZCBH", "自愿注册编号", max_length=20)]), severity="general", deadline=7,
         description="主体在信用信息自愿注册中申报虚假信息、提交虚假材料，经主管部门查实认定（违背真实性承诺）"),
    item("administrative_inspection", "行政检查", "03", "authorized", "neutral", act_fields("JC", "行政检查", [
        f("JC_JG_JG", "检查结果", "enum", required=True, choices=["未发现问题", "发现问题已责令整改", "发现问题已立案查处"])]),
         deadline=7),
    item("rectification_overdue", "逾期未整改", "03", "public", "negative", act_fields("ZG", "逾期未整改认定", [
        f("ZG_ZGBH", "整改编号", max_length=20, required=True),
        f("ZG_ZGQX", "整改期限届满日", "date", required=True)]), severity="general", deadline=7,
         description="责令整改的主体逾期未按要求整改，经认定部门认定（docs/rectification.md）；可据以拟列入重点关注名单"),
    item("commitment_breach", "信用承诺未履行", "07", "public", "negative", act_fields("CN", "违诺认定", [
        f("CN_CNLX", "承诺类型", "enum", required=True, choices=[
            "审批替代型", "容缺受理型", "证明事项型", "信用修复型", "行业自律型", "主动型", "其他"]),
        f("CN_CNSY", "承诺事由", max_length=512, required=True),
        f("CN_CNNR", "承诺内容", max_length=4000, required=True),
        f("CN_WNZR", "违诺责任", max_length=4000),
        f("CN_ZCRQ", "作出日期", "date", required=True),
        f("CN_YXQ", "有效期", "date"),
        f("CN_LXZT", "履行状态", "enum", required=True, choices=["部分履行", "全部未履行"]),
        f("CN_WLXNR", "未履行的承诺内容", max_length=4000, required=True),
        f("CN_ZJNR", "违诺责任追究内容", max_length=4000)]), severity="general", deadline=7,
         description="信用承诺经受理单位认定部分履行或全部未履行（docs/commitments.md）；计入信用评价，可据以拟列入重点关注名单"),
    item("criminal_judgment", "刑事判决", "02", "government", "negative", [
        f("XS_AH", "案号", max_length=100, required=True, role="decision_number"),
        f("XS_BGR_MC", "被告单位或被告人名称", max_length=200, required=True, role="party_name"),
        f("XS_BGR_LB", "被告类别", "enum", required=True, choices=PARTY_CATEGORIES, role="party_category"),
        f("XS_BGR_SHXYM", "统一社会信用代码", max_length=18, role="party_uscc"),
        f("XS_BGR_ZJLX", "证件类型", "enum", choices=ID_TYPES, role="party_id_type"),
        f("XS_BGR_ZJHM", "证件号码", max_length=64, role="party_id_number"),
        f("XS_FY", "判决法院", max_length=200, required=True, role="authority_name"),
        f("XS_FYDM", "判决法院统一社会信用代码", max_length=18, required=True, role="authority_code"),
        f("XS_ZM", "罪名", max_length=500, required=True),
        f("XS_PJJG", "判决结果", max_length=2000, required=True),
        f("XS_PJRQ", "判决日期", "date", required=True, role="decision_date"),
        f("XS_SXRQ", "生效日期", "date"),
    ], severity="serious", providers=["上饶市中级人民法院"], cycle="daily",
         description="生效刑事判决（单位犯罪及有关人员）；政务共享，专项信用报告（信用代证）按领域和期间列示（docs/reports.md）"),
]


# Where each built-in item's public records appear on the portal (the credit office can change it in the admin).
PORTAL_COLUMNS = {
    "license": "license", "penalty": "penalty",
    "court_dishonest_debtor": "list", "business_anomaly": "list", "major_tax_violation": "list",
    "honor": "honor", "administrative_reward": "honor",
}


def schema_from_definition(definition: dict, periods: dict) -> dict:
    """The frozen form of an item stored in a catalog version (the same for built-ins and admin-edited items)."""
    return {
        "code": definition["code"], "name": definition["name"], "category": definition["category"],
        "disclosure": definition["disclosure"], "nature": definition["nature"],
        "default_severity": definition.get("default_severity", ""),
        "deadline_working_days": definition.get("deadline_working_days"),
        "fields": [dict(field) for field in definition["fields"]],
        "severity_rules": [{"severity": r["severity"], "conditions": r["conditions"]}
                           for r in definition.get("severity_rules", [])],
        "publicity": {severity: dict(period) for severity, period in periods.items()},
    }


def load(apps=None) -> None:
    """Create the categories, default publicity periods and built-in items (version 1) that are missing."""
    if apps is None:
        from django.apps import apps as global_apps

        apps = global_apps
    category_model = apps.get_model("catalog", "Category")
    item_model = apps.get_model("catalog", "CatalogItem")
    field_model = apps.get_model("catalog", "ItemField")
    rule_model = apps.get_model("catalog", "SeverityRule")
    period_model = apps.get_model("catalog", "PublicityPeriod")
    version_model = apps.get_model("catalog", "CatalogItemVersion")
    organization_model = apps.get_model("organizations", "Organization")
    categories = {}
    for order, (code, name) in enumerate(CATEGORIES):
        categories[code], _ = category_model.objects.get_or_create(code=code, defaults={"name": name, "sort_order": order})
    for severity, period in DEFAULT_PERIODS.items():
        period_model.objects.get_or_create(item=None, severity=severity, defaults=period)
    for definition in ITEMS:
        if item_model.objects.filter(code=definition["code"]).exists():
            continue
        row = item_model.objects.create(
            code=definition["code"], name=definition["name"], category=categories[definition["category"]],
            description=definition["description"], disclosure=definition["disclosure"], nature=definition["nature"],
            default_severity=definition["default_severity"], reporting_cycle=definition["reporting_cycle"],
            deadline_working_days=definition["deadline_working_days"], is_builtin=True)
        row.providers.set(organization_model.objects.filter(name__in=definition["providers"]))
        field_model.objects.bulk_create([field_model(item=row, sort_order=i, **field)
                                         for i, field in enumerate(definition["fields"])])
        rule_model.objects.bulk_create([rule_model(item=row, sort_order=i, **rule)
                                        for i, rule in enumerate(definition["severity_rules"])])
        version = version_model.objects.create(item=row, number=1,
                                               schema=schema_from_definition(definition, DEFAULT_PERIODS))
        row.current_version = version
        row.save(update_fields=["current_version"])
    set_portal_columns(item_model)


# Items whose decisions county bodies and the city's relay deliver through a relay (代报): each county's 发改委 and
# each zone's 管委会 for the bodies of its area, and the big-data bureau for the city (collection/authority.py).
RELAYED_ITEMS = ["penalty", "license", "administrative_coercion", "administrative_confirmation", "administrative_levy",
                 "administrative_payment", "administrative_adjudication", "administrative_compensation",
                 "administrative_reward", "administrative_inspection"]
CITY_RELAYS = ["上饶市大数据发展管理局"]


def declare_relays(apps) -> None:
    item_model = apps.get_model("catalog", "CatalogItem")
    organization_model = apps.get_model("organizations", "Organization")
    relays = list(organization_model.objects.filter(kind__in=["county", "zone"])) + list(
        organization_model.objects.filter(name__in=CITY_RELAYS))
    for item in item_model.objects.filter(code__in=RELAYED_ITEMS, is_builtin=True):
        item.relay_providers.add(*relays)


def set_portal_columns(item_model) -> None:
    """Place the built-in items in their portal columns (a no-op before the column exists in the migration history)."""
    if not any(field.name == "portal_column" for field in item_model._meta.get_fields()):
        return
    for code, column in PORTAL_COLUMNS.items():
        item_model.objects.filter(code=code, is_builtin=True, portal_column="other").update(portal_column=column)
