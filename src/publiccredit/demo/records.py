"""Deterministic synthetic credit records for the demo city, delivered through the real intake service by many
departments and counties: most on time, some late, a few with errors that are rejected and reported."""

import datetime as dt
import random
from collections import defaultdict
from zoneinfo import ZoneInfo

from publiccredit.catalog.models import CatalogItem
from publiccredit.collection.models import Batch
from publiccredit.collection.services import submit_records
from publiccredit.core.crypto import decrypt_text
from publiccredit.core.identifiers import make_uscc
from publiccredit.organizations.models import Organization
from publiccredit.organizations.reference import ZONE_HOST_COUNTY
from publiccredit.subjects.models import Subject

SHANGHAI = ZoneInfo("Asia/Shanghai")

# department short name → (document prefix, violation types) for penalties
PENALTY_DEPARTMENTS = {
    "市市场监管局": ("饶市监罚", ["销售不符合食品安全标准的食品", "虚假宣传", "无照经营", "未按规定明码标价", "销售过期食品"]),
    "市生态环境局": ("饶环罚", ["超标排放大气污染物", "未批先建", "危险废物贮存不规范", "未按规定设置排污口"]),
    "市住建局": ("饶建罚", ["未取得施工许可擅自施工", "违反工程建设强制性标准", "未按规定办理竣工验收备案"]),
    "市交通运输局": ("饶交罚", ["超限运输", "未取得道路运输经营许可从事经营", "未按规定维护车辆"]),
    "市应急管理局": ("饶应急罚", ["未按规定开展安全生产教育培训", "未建立事故隐患排查治理制度"]),
    "市城管局": ("饶城管罚", ["擅自占用城市道路", "违规设置户外广告"]),
    "市税务局": ("饶税罚", ["未按期办理纳税申报", "未按规定开具发票"]),
    "市卫健委": ("饶卫罚", ["未取得医疗机构执业许可证擅自执业", "公共场所卫生不合格"]),
    "市文广新旅局": ("饶文旅罚", ["未经许可经营旅行社业务", "网吧接纳未成年人"]),
    "市人社局": ("饶人社罚", ["未按规定支付劳动报酬", "非法用工"]),
}
COUNTY_VIOLATIONS = ["销售不符合食品安全标准的食品", "未按规定明码标价", "占道经营", "未取得许可擅自经营", "超标排放污染物"]
LICENSE_DEPARTMENTS = {
    "市行政审批局": [("食品经营许可证", "普通"), ("建筑工程施工许可证", "普通"), ("道路运输经营许可证", "普通")],
    "市市场监管局": [("特种设备生产许可证", "普通"), ("工业产品生产许可证", "普通")],
    "市卫健委": [("医疗机构执业许可证", "普通")],
    "市生态环境局": [("排污许可证", "核准")],
}


# list items and honours, one plan entry each (a few percent of the records), from the departments that hold them
OTHER_ITEMS = {"business_anomaly": "市市场监管局", "court_dishonest_debtor": "市法院", "major_tax_violation": "市税务局",
               "honor": "市发改委"}


def county_body(relay) -> tuple[str, str]:
    """The market regulator of a county or zone, with a synthetic code registered in that county (GB 32100)."""
    region = relay.region
    gb_region = ZONE_HOST_COUNTY.get(region.code, region.code)
    return f"{region.name}市场监督管理局", make_uscc("11", gb_region, f"MB{region.code[-4:]}01")


class RecordFactory:
    def __init__(self, seed: int, today: dt.date):
        self.rng = random.Random(seed)
        self.today = today
        self.departments = {o.short_name: o for o in Organization.objects.select_related("region")}
        self.counties = [o.short_name for o in Organization.objects.filter(kind="county").order_by("sort_order")]
        self.organizations = list(Subject.objects.exclude(kind=Subject.Kind.NATURAL_PERSON).filter(status="active")
                                  .order_by("pk").values_list("pk", "uscc", "name", "kind"))
        self.persons = list(Subject.objects.filter(kind=Subject.Kind.NATURAL_PERSON).order_by("pk")
                            .values_list("pk", "id_cipher", "name")[:2000])

    def decision_date(self, within_days: int = 365) -> dt.date:
        return self.today - dt.timedelta(days=self.rng.randrange(10, within_days))

    def receipt(self, decision: dt.date) -> dt.date:
        """Departments deliver on Fridays: most in the week of the decision or the next, some weeks late."""
        friday = decision + dt.timedelta(days=(4 - decision.weekday()) % 7)
        if self.rng.random() < 0.15:
            friday += dt.timedelta(weeks=self.rng.randrange(2, 6))
        elif friday - decision < dt.timedelta(days=2):
            friday += dt.timedelta(weeks=1)
        return min(friday, self.today)

    def party(self, allow_person: bool):
        if allow_person and self.persons and self.rng.random() < 0.15:
            _pk, cipher, name = self.rng.choice(self.persons)
            return {"kind": "自然人", "name": name, "id": decrypt_text(cipher)}
        _pk, uscc, name, kind = self.rng.choice(self.organizations)
        return {"kind": "个体工商户" if kind == "individual_business" else "法人及非法人组织", "name": name, "uscc": uscc}

    def penalty(self, department, number: int, decision: dt.date) -> dict:
        county_prefix = department.region.name[:2] + "罚"  # counties deliver the penalties of their own bodies
        prefix, violations = PENALTY_DEPARTMENTS.get(department.short_name, (county_prefix, COUNTY_VIOLATIONS))
        party = self.party(allow_person=True)
        roll = self.rng.random()
        if roll < 0.1:
            categories, fine = ["警告"], None
        elif roll < 0.85:
            categories, fine = ["罚款"] if self.rng.random() < 0.6 else ["警告", "罚款"], self.rng.choice(
                [0.2, 0.5, 1, 2, 3, 5, 10, 20, 50])
        else:
            categories = ["罚款", self.rng.choice(["吊销许可证件", "责令停产停业", "没收违法所得", "暂扣许可证件"])]
            fine = self.rng.choice([5, 10, 50, 100, 150])
        content = "、".join(categories) + (f"，罚款{fine}万元" if fine else "")
        authority_name, authority_code = department.name, department.code
        if department.kind in ("county", "zone"):  # the county's 发改委 relays the decisions of its own bodies
            authority_name, authority_code = county_body(department)
        row = {
            "CF_WSH": f"{prefix}〔{decision.year}〕{number}号", "CF_XDR_MC": party["name"], "CF_XDR_LB": party["kind"],
            "CF_WFXW": self.rng.choice(violations), "CF_SY": f"经查，当事人存在{self.rng.choice(violations)}的行为。",
            "CF_YJ": "依据相关法律法规", "CF_CFLB": ";".join(categories), "CF_NR": content,
            "CF_JDRQ": decision.isoformat(), "CF_YXQ": (decision + dt.timedelta(days=365 * 3)).isoformat(),
            "CF_CFJG": authority_name, "CF_CFJGDM": authority_code, "CF_SJLY": department.name,
            "CF_SJLYDM": department.code,
        }
        if fine:
            row["CF_NR_FK"] = str(fine)
        if "uscc" in party and self.rng.random() < 0.01:  # an old file with only the former registration number
            row["CF_XDR_GSZC"] = party["uscc"][2:8] + f"{self.rng.randrange(10 ** 8, 10 ** 9)}"
            row["CF_XDR_MC"] = party["name"].replace("有限公司", "有限责任公司")
        elif "uscc" in party:
            row["CF_XDR_SHXYM"] = party["uscc"]
        else:
            row.update({"CF_XDR_ZJLX": "身份证", "CF_XDR_ZJHM": party["id"]})
        return row

    def license(self, department, number: int, decision: dt.date) -> dict:
        certificate, category = self.rng.choice(LICENSE_DEPARTMENTS[department.short_name])
        party = self.party(allow_person=False)
        return {
            "XK_XKWS": f"{certificate}准予许可决定书", "XK_WSH": f"饶许〔{decision.year}〕{department.pk}-{number}号",
            "XK_XDR_MC": party["name"], "XK_XDR_LB": party["kind"], "XK_XDR_SHXYM": party["uscc"],
            "XK_XKLB": category, "XK_XKZS": certificate, "XK_XKBH": f"XK{decision:%Y%m%d}{number:05d}",
            "XK_NR": f"准予{certificate}", "XK_JDRQ": decision.isoformat(), "XK_YXQZ": decision.isoformat(),
            "XK_YXQZI": (decision + dt.timedelta(days=365 * 5 - 1)).isoformat(),
            "XK_XKJG": department.name, "XK_XKJGDM": department.code, "XK_ZT": "有效",
            "XK_LYDW": department.name, "XK_LYDWDM": department.code,
        }

    def organization_party(self):
        _pk, uscc, name, _kind = self.rng.choice(self.organizations)
        return uscc, name

    def business_anomaly(self, department, number: int, decision: dt.date) -> dict:
        uscc, name = self.organization_party()
        return {"YC_WSH": f"饶市监异〔{decision.year}〕{number}号", "YC_QYMC": name, "YC_SHXYM": uscc,
                "YC_LRYY": self.rng.choice(["未按规定公示年度报告", "通过登记的住所或者经营场所无法联系"]),
                "YC_LRRQ": decision.isoformat(), "YC_JG": department.name, "YC_JGDM": department.code}

    def court_dishonest_debtor(self, department, number: int, decision: dt.date) -> dict:
        uscc, name = self.organization_party()
        return {"SX_AH": f"（{decision.year}）赣11执{number}号", "SX_XDR_MC": name, "SX_XDR_LB": "法人及非法人组织",
                "SX_XDR_SHXYM": uscc, "SX_ZXFY": department.name, "SX_ZXFYDM": department.code,
                "SX_ZXYJWH": f"（{decision.year - 1}）赣11民初{number}号", "SX_YW": "支付货款及利息",
                "SX_LXQK": "全部未履行", "SX_QX": "有履行能力而拒不履行生效法律文书确定义务",
                "SX_LARQ": (decision - dt.timedelta(days=90)).isoformat(), "SX_FBRQ": decision.isoformat()}

    def major_tax_violation(self, department, number: int, decision: dt.date) -> dict:
        uscc, name = self.organization_party()
        return {"SS_AJBH": f"饶税稽〔{decision.year}〕{number}号", "SS_NSRMC": name, "SS_SHXYM": uscc,
                "SS_AJXZ": self.rng.choice(["偷税", "虚开增值税专用发票", "虚开普通发票"]),
                "SS_WFSS": "经检查，该单位少缴增值税及附加税费", "SS_CLQK": "依据《中华人民共和国税收征收管理法》追缴税款并处罚款",
                "SS_QDRQ": decision.isoformat(), "SS_JCJG": department.name, "SS_JCJGDM": department.code}

    def honor(self, department, number: int, decision: dt.date) -> dict:
        uscc, name = self.organization_party()
        return {"RY_WSH": f"饶发改信〔{decision.year}〕{number}号", "RY_ZTMC": name, "RY_ZTLB": "法人及非法人组织",
                "RY_SHXYM": uscc, "RY_MC": self.rng.choice(["守合同重信用企业", "诚信示范企业", "纳税信用A级纳税人"]),
                "RY_JB": self.rng.choice(["省级", "市级"]), "RY_SYDW": department.name, "RY_SYDWDM": department.code,
                "RY_SYRQ": decision.isoformat(), "RY_YXQZ": (decision + dt.timedelta(days=730)).isoformat()}

    def spoil(self, row: dict) -> dict:
        """Make a row wrong in one of the ways departments get rows wrong."""
        row = dict(row)
        mistake = self.rng.randrange(4)
        date_field = "CF_JDRQ" if "CF_JDRQ" in row else "XK_JDRQ"
        if mistake == 0:
            row[date_field] = row[date_field].replace("-", "/") + "/30"
        elif mistake == 1 and "CF_NR_FK" in row:
            row["CF_NR_FK"] = "-" + row["CF_NR_FK"]
        elif mistake == 2:
            code_field = "CF_CFJGDM" if "CF_CFJGDM" in row else "XK_XKJGDM"
            row[code_field] = row[code_field][:-1] + ("0" if row[code_field][-1] != "0" else "1")
        else:
            row.pop("CF_SY", None)
            row.pop("XK_NR", None)
        return row


def seed_records(*, count: int, seed: int, today: dt.date | None = None, bad_share: float = 0.02) -> dict:
    """Deliver about ``count`` records (mostly penalties and licences, a few list entries and honours) in weekly
    batches per department."""
    if Batch.objects.filter(channel=Batch.Channel.DEMO).exists():  # seeded before: keep make run repeatable
        return {"batches": 0, "accepted": 0, "rejected": 0, "skipped": True}
    today = today or dt.date.today()
    factory = RecordFactory(seed, today)
    if not factory.organizations:
        return {"batches": 0, "accepted": 0, "rejected": 0}
    items = {i.code: i for i in CatalogItem.objects.filter(code__in=["penalty", "license", *OTHER_ITEMS])}
    plan = [("penalty", name) for name in [*PENALTY_DEPARTMENTS, *factory.counties]]
    plan += [("license", name) for name in LICENSE_DEPARTMENTS]
    plan += [(code, department) for code, department in OTHER_ITEMS.items() if code in items]
    grouped: dict[tuple[str, str, dt.date], list[dict]] = defaultdict(list)
    for number in range(1, count + 1):
        item_code, department_name = factory.rng.choice(plan)
        department = factory.departments[department_name]
        decision = factory.decision_date()
        row = getattr(factory, item_code)(department, number, decision)
        if factory.rng.random() < bad_share and item_code in ("penalty", "license"):
            row = factory.spoil(row)
        grouped[(item_code, department_name, factory.receipt(decision))].append(row)
    totals = {"batches": 0, "accepted": 0, "rejected": 0}
    for (item_code, department_name, received), rows in sorted(grouped.items(), key=lambda kv: kv[0][2]):
        received_at = dt.datetime.combine(received, dt.time(16, 30), tzinfo=SHANGHAI)
        result = submit_records(item=items[item_code], provider=factory.departments[department_name], records=rows,
                                actor=None, channel=Batch.Channel.DEMO, received_at=received_at)
        totals["batches"] += 1
        totals["accepted"] += result.accepted
        totals["rejected"] += result.rejected
    return totals
