"""The domains a special report covers (docs/reports.md, "Domains"): one per city department, named as the
province's 信用代证 lists name them; the credit office adds county offices to a domain in the admin."""

# code, name, the departments whose decisions fall in it
DOMAINS = [
    ("market", "市场监管", ["上饶市市场监督管理局"]),
    ("tax", "税务", ["国家税务总局上饶市税务局"]),
    ("housing", "住房城乡建设", ["上饶市住房和城乡建设局", "上饶市住房公积金管理中心"]),
    ("environment", "生态环境", ["上饶市生态环境局"]),
    ("labour", "人力资源社会保障", ["上饶市人力资源和社会保障局"]),
    ("transport", "交通运输", ["上饶市交通运输局"]),
    ("public-security", "公安", ["上饶市公安局"]),
    ("civil-affairs", "民政", ["上饶市民政局"]),
    ("justice", "司法行政", ["上饶市司法局"]),
    ("finance", "财政", ["上饶市财政局"]),
    ("natural-resources", "自然资源", ["上饶市自然资源局"]),
    ("agriculture", "农业农村", ["上饶市农业农村局"]),
    ("commerce", "商务", ["上饶市商务局"]),
    ("culture-tourism", "文化旅游", ["上饶市文化广电新闻出版旅游局"]),
    ("health", "卫生健康", ["上饶市卫生健康委员会"]),
    ("emergency", "应急管理（安全生产）", ["上饶市应急管理局"]),
    ("fire", "消防救援", ["上饶市消防救援支队"]),
    ("education", "教育", ["上饶市教育局"]),
    ("science", "科学技术", ["上饶市科学技术局"]),
    ("industry", "工业和信息化", ["上饶市工业和信息化局"]),
    ("water", "水利", ["上饶市水利局"]),
    ("forestry", "林业", ["上饶市林业局"]),
    ("urban", "城市管理", ["上饶市城市管理局"]),
    ("medical-insurance", "医疗保障", ["上饶市医疗保障局"]),
    ("statistics", "统计", ["上饶市统计局"]),
    ("audit", "审计", ["上饶市审计局"]),
    ("approval", "行政审批", ["上饶市行政审批局"]),
    ("financial-regulation", "金融监管", ["中国人民银行上饶市分行", "国家金融监督管理总局上饶监管分局"]),
]


def load(apps) -> None:
    domain_model = apps.get_model("reports", "ReportDomain")
    organizations = {o.name: o for o in apps.get_model("organizations", "Organization").objects.all()}
    for position, (code, name, members) in enumerate(DOMAINS):
        domain, created = domain_model.objects.get_or_create(code=code, defaults={"name": name,
                                                                                 "sort_order": position * 10})
        if created:
            domain.organizations.set([organizations[member] for member in members if member in organizations])
