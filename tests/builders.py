"""Builders every test may use: rows as departments deliver them, delivery through the real intake, listing a
subject through the real procedure, evidence files. Personas (the enterprise, the citizen, the clerks) are the
fixtures of tests/conftest.py; a domain's own conftest keeps only that domain's fixtures."""

import csv
import datetime as dt

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from publiccredit.catalog.models import CatalogItem
from publiccredit.collection.models import CreditRecord
from publiccredit.collection.services import submit_records
from publiccredit.lists.models import ListEntry, ListKind
from publiccredit.lists.services import decide_entry, propose_entry, publish_entry
from publiccredit.subjects.models import Subject
from tests.conftest import ENTERPRISE_USCC, notify_and_serve, second_approver

MARKET_REGULATION_CODE = "11361100144000149C"  # the seeded 上饶市市场监督管理局


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


def list_subject(subject: Subject, kind_code: str, actor, *, records=(), number: int = 1) -> ListEntry:
    """Propose, notify a month ago, decide today and publish: an entry in force from today."""
    kind = ListKind.objects.get(code=kind_code)
    today = timezone.localdate()
    entry = ListEntry.objects.filter(kind=kind, subject=subject, state__in=ListEntry.OPEN_STATES).first()
    if entry is None:
        entry = propose_entry(kind=kind, subject=subject, reason="测试列入事由", records=list(records), actor=actor)
    if entry.state == ListEntry.State.PROPOSED:
        entry = notify_and_serve(entry=entry, actor=actor, today=today - dt.timedelta(days=30))
    entry = decide_entry(entry=entry, decision_number=f"饶信决〔2026〕{number}号", approver=second_approver(), actor=actor,
                         today=today)
    return publish_entry(entry=entry, actor=actor, today=today)


PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def proof(name: str = "缴款凭证.pdf", content: bytes = PDF) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def days_ago(n: int) -> dt.date:
    return timezone.localdate() - dt.timedelta(days=n)


def page_text(client, url, status=200, **params) -> str:
    """The page at ``url`` as text, asserting its status (the start of the page is shown when it differs)."""
    response = client.get(url, params)
    assert response.status_code == status, response.content.decode()[:500]
    return response.content.decode()
