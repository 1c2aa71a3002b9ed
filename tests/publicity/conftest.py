"""Records in every state the public must or must not see, delivered through the real intake."""

import datetime as dt

import pytest
from django.utils import timezone

from publiccredit.catalog.models import CatalogItem
from publiccredit.collection.models import CreditRecord
from publiccredit.collection.services import submit_records
from tests.collection.conftest import MARKET_REGULATION_CODE, penalty_row, person_penalty_row
from tests.conftest import CITIZEN_ID, ENTERPRISE_USCC


def deliver(item_code: str, rows: list[dict], provider) -> list[CreditRecord]:
    result = submit_records(item=CatalogItem.objects.get(code=item_code), provider=provider, records=rows, actor=None)
    assert result.rejected == 0, result.errors
    return list(CreditRecord.objects.filter(item__code=item_code).order_by("-id")[:len(rows)])[::-1]


def license_row(number: int, **overrides) -> dict:
    today = timezone.localdate()
    row = {"XK_XKWS": "食品经营许可决定书", "XK_WSH": f"JY1361102{number:04d}", "XK_XDR_MC": "上饶市信江光伏科技有限公司",
           "XK_XDR_LB": "法人及非法人组织", "XK_XDR_SHXYM": ENTERPRISE_USCC, "XK_XKLB": "普通",
           "XK_NR": "预包装食品销售", "XK_JDRQ": str(today - dt.timedelta(days=number)),
           "XK_YXQZ": str(today - dt.timedelta(days=number)), "XK_YXQZI": str(today + dt.timedelta(days=1500)),
           "XK_XKJG": "上饶市市场监督管理局", "XK_XKJGDM": MARKET_REGULATION_CODE, "XK_ZT": "有效",
           "XK_LYDW": "上饶市市场监督管理局", "XK_LYDWDM": MARKET_REGULATION_CODE}
    row.update(overrides)
    return row


def recent_penalty(number: int, days_ago: int = 3, **overrides) -> dict:
    decided = timezone.localdate() - dt.timedelta(days=days_ago)
    return penalty_row(number, CF_JDRQ=str(decided), CF_YXQ=str(decided + dt.timedelta(days=365)), **overrides)


def inspection_row(number: int) -> dict:
    """A 行政检查 record: the item is 授权查询, never public."""
    return {"JC_WSH": f"饶市监检〔2026〕{number}号", "JC_XDR_MC": "上饶市信江光伏科技有限公司",
            "JC_XDR_LB": "法人及非法人组织", "JC_XDR_SHXYM": ENTERPRISE_USCC,
            "JC_JG_JG": "发现问题已责令整改", "JC_NR": "检查仓库消防通道保密标记AUTHONLY",
            "JC_JDRQ": str(timezone.localdate() - dt.timedelta(days=2)),
            "JC_JG": "上饶市市场监督管理局", "JC_JGDM": MARKET_REGULATION_CODE}


@pytest.fixture
def public_penalty(enterprise, market_regulation) -> CreditRecord:
    return deliver("penalty", [recent_penalty(1, CF_SY="在网店宣传中使用虚假的销售数据PUBLICFACT")], market_regulation)[0]


@pytest.fixture
def records_in_every_state(enterprise, citizen, market_regulation) -> dict[str, CreditRecord]:
    """One enterprise with a public penalty, a repaired, an expired, one under objection, a withdrawn one,
    an authorised-only inspection, and a penalty on a natural person delivered with the full ID number."""
    rows = [recent_penalty(1, CF_SY="事实PUBLICFACT"), recent_penalty(2, CF_SY="事实REPAIREDFACT"),
            penalty_row(3, CF_JDRQ="2020-01-10", CF_YXQ="2021-01-10", CF_SY="事实EXPIREDFACT"),
            recent_penalty(4, CF_SY="事实OBJECTIONFACT"), recent_penalty(5, CF_SY="事实WITHDRAWNFACT")]
    public, repaired, expired, objection, withdrawn = deliver("penalty", rows, market_regulation)
    repaired.state = CreditRecord.State.REPAIRED
    objection.state = CreditRecord.State.OBJECTION
    withdrawn.state = CreditRecord.State.WITHDRAWN
    for record in (repaired, objection, withdrawn):
        record.save(update_fields=["state"])
    person = deliver("penalty", [person_penalty_row(6, CITIZEN_ID, name="张三丰", CF_JDRQ=str(
        timezone.localdate() - dt.timedelta(days=3)), CF_FR_ZJHM=CITIZEN_ID)], market_regulation)[0]
    inspection = deliver("administrative_inspection", [inspection_row(7)], market_regulation)[0]
    return {"public": public, "repaired": repaired, "expired": expired, "objection": objection,
            "withdrawn": withdrawn, "person": person, "inspection": inspection}
