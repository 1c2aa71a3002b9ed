"""Deterministic synthetic subjects for the demo city: same seed, same subjects.

Codes are valid (GB 32100 / GB 11643) with Shangrao's region codes; names are plausible Chinese enterprise,
shop and person names across industries and counties. Everything is invented.
"""

import datetime as dt
import random
from dataclasses import dataclass
from decimal import Decimal

from publiccredit.core.identifiers import USCC_ALPHABET, make_citizen_id, make_uscc
from publiccredit.organizations.reference import REGIONS, ZONE_HOST_COUNTY

COUNTIES = [(code, name) for code, name, level, _parent, _gb in REGIONS if level == "county"]
ZONES = [(code, name) for code, name, level, _parent, _gb in REGIONS if level == "zone"]
# Shangrao's codes before the 2000 reorganisation (上饶地区 3623xx): older residents' IDs carry them.
OLD_PREFECTURE_CODES = ["362301", "362302", "362321", "362322", "362323", "362324", "362325", "362326", "362327",
                        "362328", "362329", "362330"]

SURNAMES = ("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁任沈姚卢"
            "姜崔钟谭陆汪范金石廖贾夏付方邹熊邱江万占祝桂饶毛龚詹俞洪")
COMPOUND_SURNAMES = ["欧阳", "上官", "司马"]
GIVEN_CHARS = ("伟芳娜敏静丽强磊军洋勇艳杰涛明超秀霞平刚桂英华建国文辉鹏飞婷雪玲红梅兰云峰宇浩俊晨欣怡佳琪子涵"
               "思雨嘉豪志远海燕春生家乐晓东小龙凤丹阳斌林萍蓉瑞祥永福德荣金水根")
TRADE_CHARS = ("鑫源华瑞恒信德润宏达金诚明辉天成永盛和美中远航锦程新锐嘉禾丰泰安康隆兴旺昌茂聚福祥鸿博佳汇通利捷顺宁"
               "益晨晟弘卓越蓝青云峰江饶怀玉紫阳赣东灵山信江三清")

# industry division → words that appear in such enterprises' names
INDUSTRY_WORDS = {
    "A01": ["农业开发", "生态农业", "种植"], "A02": ["林业开发", "苗木"], "A03": ["生态养殖", "畜牧"],
    "C13": ["农产品加工", "粮油"], "C14": ["食品"], "C15": ["茶业", "酒业"], "C18": ["服饰"],
    "C20": ["竹木制品"], "C21": ["家具"], "C26": ["化工"], "C27": ["药业"], "C29": ["塑业"],
    "C30": ["建材", "新型材料"], "C32": ["铜业"], "C33": ["金属制品"], "C34": ["机械"], "C36": ["汽车零部件"],
    "C38": ["光伏科技", "新能源", "电气"], "C39": ["电子科技", "光电"],
    "E47": ["建设工程", "建筑"], "E48": ["路桥工程", "水利工程"], "E50": ["装饰工程"],
    "F51": ["商贸", "贸易"], "F52": ["超市", "百货", "医药连锁"],
    "G54": ["物流", "运输"], "G59": ["仓储"], "H61": ["酒店管理"], "H62": ["餐饮管理"],
    "I64": ["网络科技"], "I65": ["信息技术", "软件"], "K70": ["房地产开发", "置业"], "L72": ["企业管理咨询", "人力资源"],
    "M75": ["科技"], "N77": ["环保科技"], "O80": ["家政服务"], "R90": ["文化传媒"],
}
SHOP_FORMATS = {
    "H62": ["小吃店", "饭店", "农家乐", "早餐店"], "F52": ["便利店", "五金店", "水果店", "副食店", "服装店", "茶叶店"],
    "O80": ["理发店", "洗衣店"], "O81": ["家电维修部", "汽车修理厂"], "F51": ["建材经营部"], "A01": ["家庭农场"],
}
SOCIAL_ORGS = [("51", "行业协会", "S95"), ("51", "商会", "S95"), ("52", "培训学校", "P83"),
               ("52", "养老服务中心", "Q84"), ("12", "检验检测中心", "M75")]
STREETS = ["凤凰大道", "五三大道", "带湖路", "中山路", "解放路", "庆丰路", "广信大道", "书院路", "茶圣路", "紫阳大道",
           "信江大道", "滨江路", "建设路", "胜利路", "人民路", "永平大道", "兴园大道"]


@dataclass
class PersonRow:
    name: str
    citizen_id: str
    region_code: str


@dataclass
class OrganizationRow:
    kind: str
    name: str
    uscc: str
    region_code: str  # where it is registered; a functional zone when it lies in one
    industry: str
    established_on: dt.date
    registered_capital: Decimal | None
    address: str
    status: str
    representative_role: str
    former_name: str | None = None


class DemoCity:
    """Generates persons and organisations for a seed; ``persons(n)`` and ``organizations(n, persons)``."""

    def __init__(self, seed: int):
        self.rng = random.Random(seed)
        self.used_codes: set[str] = set()
        self.used_names: set[str] = set()

    def person_name(self) -> str:
        rng = self.rng
        surname = rng.choice(COMPOUND_SURNAMES) if rng.random() < 0.01 else rng.choice(SURNAMES)
        given = "".join(rng.choice(GIVEN_CHARS) for _ in range(1 if rng.random() < 0.3 else 2))
        return surname + given

    def person(self) -> PersonRow:
        rng = self.rng
        while True:
            birth = dt.date(1950, 1, 1) + dt.timedelta(days=rng.randrange(0, 365 * 55))
            county_code, _ = rng.choice(COUNTIES)
            region = rng.choice(OLD_PREFECTURE_CODES) if birth.year < 1998 and rng.random() < 0.5 else county_code
            number = make_citizen_id(region, birth, rng.randrange(1, 1000))
            if number not in self.used_codes:
                self.used_codes.add(number)
                return PersonRow(self.person_name(), number, county_code)

    def persons(self, count: int) -> list[PersonRow]:
        return [self.person() for _ in range(count)]

    def _uscc(self, authority_and_type: str, region_code: str) -> str:
        rng = self.rng
        while True:
            body = "".join(rng.choice(USCC_ALPHABET[:10] if i < 2 else USCC_ALPHABET) for i in range(8))
            code = make_uscc(authority_and_type, region_code, body)
            if code not in self.used_codes:
                self.used_codes.add(code)
                return code

    def _place(self) -> tuple[str, str, str]:
        """(registration region code, GB region code for the USCC, place name to use in names)."""
        rng = self.rng
        if rng.random() < 0.08:
            zone_code, _zone_name = rng.choice(ZONES)
            return zone_code, ZONE_HOST_COUNTY[zone_code], "上饶"
        code, name = rng.choice(COUNTIES)
        return code, code, rng.choice([name, "上饶市", "上饶", "江西"])

    def _unique(self, make) -> str:
        for _ in range(50):
            name = make()
            if name not in self.used_names:
                self.used_names.add(name)
                return name
        name = make() + f"（{len(self.used_names)}）"
        self.used_names.add(name)
        return name

    def _trade_name(self) -> str:
        return "".join(self.rng.sample(TRADE_CHARS, 2))

    def _address(self, region_name: str) -> str:
        rng = self.rng
        return f"江西省上饶市{region_name}{rng.choice(STREETS)}{rng.randrange(1, 999)}号"

    def organization(self) -> OrganizationRow:
        rng = self.rng
        roll = rng.random()
        region_code, gb_code, place = self._place()
        region_name = dict(COUNTIES + ZONES)[region_code]
        established = dt.date(1995, 1, 1) + dt.timedelta(days=rng.randrange(0, 365 * 30))
        status = rng.choices(["active", "cancelled", "revoked"], weights=[92, 6, 2])[0]
        if roll < 0.55:  # enterprises (legal persons)
            industry = rng.choice(list(INDUSTRY_WORDS))
            form = rng.choices(["有限公司", "有限责任公司", "股份有限公司"], weights=[70, 25, 5])[0]
            name = self._unique(lambda: f"{place}{self._trade_name()}{rng.choice(INDUSTRY_WORDS[industry])}{form}")
            capital = Decimal(rng.choice([10, 50, 100, 200, 300, 500, 1000, 2000, 5000]))
            former = None
            if rng.random() < 0.05:
                former = self._unique(lambda: f"{place}{self._trade_name()}{rng.choice(INDUSTRY_WORDS[industry])}有限公司")
            return OrganizationRow("legal_person", name, self._uscc("91", gb_code), region_code, industry, established,
                                   capital, self._address(region_name), status, "legal_representative", former)
        if roll < 0.85:  # 个体工商户: named after the place and the owner's trade
            industry = rng.choice(list(SHOP_FORMATS))
            shop_place = region_name if region_code in dict(COUNTIES) else "上饶市"
            name = self._unique(lambda: f"{shop_place}{rng.choice(SURNAMES)}记{rng.choice(SHOP_FORMATS[industry])}"
                                if rng.random() < 0.5 else
                                f"{shop_place}{self._trade_name()}{rng.choice(SHOP_FORMATS[industry])}")
            return OrganizationRow("individual_business", name, self._uscc("92", gb_code), region_code, industry,
                                   established, None, self._address(region_name), status, "operator")
        if roll < 0.95:  # 非法人组织: branches, partnerships and sole proprietorships
            industry = rng.choice(list(INDUSTRY_WORDS))
            variant = rng.random()
            if variant < 0.5:
                name = self._unique(lambda: f"江西{self._trade_name()}{rng.choice(INDUSTRY_WORDS[industry])}有限公司"
                                            f"{region_name}分公司")
            elif variant < 0.8:
                name = self._unique(lambda: f"{place}{self._trade_name()}{rng.choice(INDUSTRY_WORDS[industry])}"
                                            "合伙企业（有限合伙）")
            else:
                name = self._unique(lambda: f"{place}{self._trade_name()}{rng.choice(INDUSTRY_WORDS[industry])}"
                                            "个人独资企业")
            return OrganizationRow("unincorporated", name, self._uscc("91", gb_code), region_code, industry,
                                   established, None, self._address(region_name), status, "person_in_charge")
        authority, suffix, industry = rng.choice(SOCIAL_ORGS)  # social organisations and public institutions
        trade = rng.choice(list(INDUSTRY_WORDS.values()))[0]
        name = self._unique(lambda: f"上饶市{trade}{suffix}" if rng.random() < 0.3 else
                            f"{region_name}{self._trade_name()}{suffix}")
        return OrganizationRow("legal_person", name, self._uscc(authority, gb_code), region_code, industry,
                               established, None, self._address(region_name), "active", "legal_representative")

    def organizations(self, count: int) -> list[OrganizationRow]:
        return [self.organization() for _ in range(count)]
