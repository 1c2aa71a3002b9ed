"""A market-regulation clerk delivering penalties: a valid row to start from, and file helpers."""

import csv

import pytest

from publiccredit.catalog.models import CatalogItem
from tests.conftest import ENTERPRISE_USCC

MARKET_REGULATION_CODE = "11361100144000149C"  # the seeded 上饶市市场监督管理局


@pytest.fixture
def penalty(db) -> CatalogItem:
    return CatalogItem.objects.select_related("current_version").get(code="penalty")


@pytest.fixture
def license_item(db) -> CatalogItem:
    return CatalogItem.objects.select_related("current_version").get(code="license")


def penalty_row(number: int = 1, **overrides) -> dict:
    row = {
        "CF_WSH": f"饶市监罚〔2026〕{number}号",
        "CF_XDR_MC": "上饶市信江光伏科技有限公司",
        "CF_XDR_LB": "法人及非法人组织",
        "CF_XDR_SHXYM": ENTERPRISE_USCC,
        "CF_FRDB": "张三丰",
        "CF_WFXW": "虚假宣传",
        "CF_SY": "在网店宣传中使用虚假的销售数据",
        "CF_YJ": "《中华人民共和国反不正当竞争法》第二十条",
        "CF_CFLB": "警告;罚款",
        "CF_NR": "警告，并处罚款2万元",
        "CF_NR_FK": "2",
        "CF_JDRQ": "2026-11-20",
        "CF_YXQ": "2027-11-20",
        "CF_CFJG": "上饶市市场监督管理局",
        "CF_CFJGDM": MARKET_REGULATION_CODE,
        "CF_SJLY": "上饶市市场监督管理局",
        "CF_SJLYDM": MARKET_REGULATION_CODE,
    }
    row.update(overrides)
    return {k: v for k, v in row.items() if v is not None}


def person_penalty_row(number: int, citizen_id: str, name: str = "李四", **overrides) -> dict:
    return penalty_row(number, CF_XDR_MC=name, CF_XDR_LB="自然人", CF_XDR_SHXYM=None, CF_FRDB=None,
                       CF_XDR_ZJLX="身份证", CF_XDR_ZJHM=citizen_id, **overrides)


def write_csv(path, rows: list[dict], *, encoding: str = "utf-8", headers: list[str] | None = None):
    headers = headers or list(dict.fromkeys(k for row in rows for k in row))
    with path.open("w", encoding=encoding, newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(headers)
        for row in rows:
            writer.writerow([row.get(h, "") for h in headers])
    return path
