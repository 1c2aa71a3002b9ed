"""Shangrao's regions and the organisations of its credit work, seeded as data.

Region codes follow GB/T 2260; the three functional zones have none and get internal codes (3611A*).
Organisation codes are synthetic but valid unified social credit codes (authority 1 = 机构编制, type 1 =
机关); the credit office replaces them with the real ones in the admin.
"""

from publiccredit.core.identifiers import make_uscc

CITY_CODE = "361100"

# code, name, level, parent code, is GB code
REGIONS = [
    (CITY_CODE, "上饶市", "city", None, True),
    ("361102", "信州区", "county", CITY_CODE, True),
    ("361103", "广丰区", "county", CITY_CODE, True),
    ("361104", "广信区", "county", CITY_CODE, True),
    ("361123", "玉山县", "county", CITY_CODE, True),
    ("361124", "铅山县", "county", CITY_CODE, True),
    ("361125", "横峰县", "county", CITY_CODE, True),
    ("361126", "弋阳县", "county", CITY_CODE, True),
    ("361127", "余干县", "county", CITY_CODE, True),
    ("361128", "鄱阳县", "county", CITY_CODE, True),
    ("361129", "万年县", "county", CITY_CODE, True),
    ("361130", "婺源县", "county", CITY_CODE, True),
    ("361181", "德兴市", "county", CITY_CODE, True),
    ("3611A1", "上饶经济技术开发区", "zone", CITY_CODE, False),
    ("3611A2", "三清山风景名胜区", "zone", CITY_CODE, False),
    ("3611A3", "上饶高铁经济试验区", "zone", CITY_CODE, False),
]

# Functional zones lie inside these counties; their entities register there (USCC positions 3–8).
ZONE_HOST_COUNTY = {"3611A1": "361104", "3611A2": "361123", "3611A3": "361104"}

# name, short name, kind
CITY_ORGANIZATIONS = [
    ("上饶市发展和改革委员会", "市发改委", "credit_office"),
    ("上饶市大数据发展管理局", "市大数据局", "credit_office"),
    ("上饶市市场监督管理局", "市市场监管局", "department"),
    ("国家税务总局上饶市税务局", "市税务局", "department"),
    ("上饶市住房和城乡建设局", "市住建局", "department"),
    ("上饶市生态环境局", "市生态环境局", "department"),
    ("上饶市人力资源和社会保障局", "市人社局", "department"),
    ("上饶市交通运输局", "市交通运输局", "department"),
    ("上饶市中级人民法院", "市法院", "court"),
    ("上饶市人民检察院", "市检察院", "court"),
    ("上饶市公安局", "市公安局", "department"),
    ("上饶市民政局", "市民政局", "department"),
    ("上饶市司法局", "市司法局", "department"),
    ("上饶市财政局", "市财政局", "department"),
    ("上饶市自然资源局", "市自然资源局", "department"),
    ("上饶市农业农村局", "市农业农村局", "department"),
    ("上饶市商务局", "市商务局", "department"),
    ("上饶市文化广电新闻出版旅游局", "市文广新旅局", "department"),
    ("上饶市卫生健康委员会", "市卫健委", "department"),
    ("上饶市应急管理局", "市应急管理局", "department"),
    ("上饶市教育局", "市教育局", "department"),
    ("上饶市科学技术局", "市科技局", "department"),
    ("上饶市工业和信息化局", "市工信局", "department"),
    ("上饶市水利局", "市水利局", "department"),
    ("上饶市林业局", "市林业局", "department"),
    ("上饶市城市管理局", "市城管局", "department"),
    ("上饶市医疗保障局", "市医保局", "department"),
    ("上饶市统计局", "市统计局", "department"),
    ("上饶市审计局", "市审计局", "department"),
    ("上饶市行政审批局", "市行政审批局", "department"),
    ("上饶市退役军人事务局", "市退役军人事务局", "department"),
    ("上饶市住房公积金管理中心", "市公积金中心", "department"),
    ("上饶市消防救援支队", "市消防救援支队", "department"),
    ("中国人民银行上饶市分行", "人行上饶市分行", "department"),
    ("国家金融监督管理总局上饶监管分局", "上饶金融监管分局", "department"),
]

COUNTY_ORGANIZATION_SUFFIX = "发展和改革委员会"
ZONE_ORGANIZATION_SUFFIX = "管理委员会"


def organization_code(region_code: str, index: int) -> str:
    """A valid, stable, synthetic USCC for the index-th seeded organisation."""
    gb_region = ZONE_HOST_COUNTY.get(region_code, region_code)
    return make_uscc("11", gb_region, f"{14400000 + index * 7:08d}")


def organizations() -> list[dict]:
    """All seeded organisations: city departments, then each county's and zone's credit lead."""
    rows = []
    for index, (name, short_name, kind) in enumerate(CITY_ORGANIZATIONS):
        rows.append({"code": organization_code(CITY_CODE, index), "name": name, "short_name": short_name,
                     "kind": kind, "region": CITY_CODE})
    offset = len(rows)
    for position, (code, region_name, level, _parent, _gb) in enumerate(REGIONS[1:], start=offset):
        if level == "county":
            name, kind, short = f"{region_name}{COUNTY_ORGANIZATION_SUFFIX}", "county", f"{region_name}发改委"
        else:
            name, kind, short = f"{region_name}{ZONE_ORGANIZATION_SUFFIX}", "zone", f"{region_name}管委会"
        rows.append({"code": organization_code(code, position), "name": name, "short_name": short,
                     "kind": kind, "region": code})
    return rows


def load(apps=None) -> None:
    """Create or update the reference regions and organisations (idempotent; used by a data migration)."""
    if apps is None:
        from django.apps import apps as global_apps

        apps = global_apps
    region_model = apps.get_model("organizations", "Region")
    organization_model = apps.get_model("organizations", "Organization")
    by_code = {}
    for order, (code, name, level, parent_code, is_gb) in enumerate(REGIONS):
        region, _ = region_model.objects.update_or_create(
            code=code,
            defaults={"name": name, "level": level, "parent": by_code.get(parent_code), "is_gb_code": is_gb,
                      "sort_order": order},
        )
        by_code[code] = region
    credit_office = None
    for order, row in enumerate(organizations()):
        organization, _ = organization_model.objects.update_or_create(
            code=row["code"],
            defaults={"name": row["name"], "short_name": row["short_name"], "kind": row["kind"],
                      "region": by_code[row["region"]], "sort_order": order,
                      "parent": credit_office if row["kind"] in ("county", "zone") else None},
        )
        if credit_office is None:
            credit_office = organization
