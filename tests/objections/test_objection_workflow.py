"""Anyone concerned objects to a record: it is flagged at once, punishment waits, the provider decides in time."""

import pytest
from django.utils import timezone

from publiccredit.collection.models import CreditRecord
from publiccredit.collection.visibility import is_visible
from publiccredit.core.audience import Audience
from publiccredit.core.errors import DomainError, PermissionDenied
from publiccredit.objections.models import Objection
from publiccredit.objections.queries import find_by_query_code
from publiccredit.objections.services import (
    decide_objection,
    file_objection,
    reject_objection,
)
from publiccredit.publicity.presentation import marks
from publiccredit.workdays.services import add_working_days
from tests.builders import deliver, recent_penalty

pytestmark = pytest.mark.django_db


def object_to(record, **overrides):
    arguments = {"record": record, "filer_kind": "subject", "filer_name": "上饶市信江光伏科技有限公司",
                 "contact_phone": "0793-8888888", "reasons": "罚款金额应为0.2万元，录入为2万元", "actor": None,
                 "channel": "window", **overrides}  # taken at the window: the clerk identified the filer
    return file_objection(**arguments)


def test_filing_flags_the_record_at_once_and_sets_the_deadlines(penalty):
    objection, code = object_to(penalty)
    today = timezone.localdate()
    record = CreditRecord.objects.get(pk=penalty.pk)
    assert record.state == "objection" and objection.state == "flagged"
    assert objection.flag_by == add_working_days(today, 1) and objection.decide_by == add_working_days(today, 5)
    assert objection.provider.short_name == "市市场监管局"
    assert is_visible(record, Audience.PUBLIC) and "异议处理中" in str(marks(record))
    assert find_by_query_code(objection.number, code) == objection


def test_a_second_objection_on_the_same_record_is_refused_while_the_first_is_open(penalty):
    object_to(penalty)
    with pytest.raises(DomainError) as again:
        object_to(CreditRecord.objects.get(pk=penalty.pk))
    assert "正在处理的异议" in again.value.message and Objection.objects.count() == 1


def test_missing_reasons_are_refused_and_nothing_is_flagged(penalty):
    with pytest.raises(DomainError) as refused:
        object_to(penalty, reasons=" ")
    assert "异议事项和理由" in refused.value.message
    assert CreditRecord.objects.get(pk=penalty.pk).state == "active"


def test_upheld_restores_the_record_and_punishment_resumes(penalty, market_clerk, market_regulation):
    objection, _ = object_to(penalty)
    decide_objection(objection=objection, outcome="upheld", reason="经核查，处罚决定书载明罚款2万元，记录无误",
                     actor=market_clerk, organization=market_regulation)
    assert CreditRecord.objects.get(pk=penalty.pk).state == "active"
    objection.refresh_from_db()
    assert objection.state == "upheld" and objection.filer_notified_at is not None


def test_withdrawn_takes_the_record_out_with_a_version(penalty, market_clerk, market_regulation):
    objection, _ = object_to(penalty)
    decide_objection(objection=objection, outcome="withdrawn", reason="处罚决定已被复议撤销", actor=market_clerk,
                     organization=market_regulation)
    record = CreditRecord.objects.get(pk=penalty.pk)
    assert record.state == "withdrawn" and record.versions.order_by("-number").first().change == "withdrawn"
    assert not is_visible(record, Audience.PUBLIC)


def test_corrected_needs_the_corrected_version_delivered_first(penalty, market_clerk, market_regulation):
    objection, _ = object_to(penalty)
    with pytest.raises(DomainError) as early:
        decide_objection(objection=objection, outcome="corrected", reason="金额更正", actor=market_clerk,
                         organization=market_regulation)
    assert "先报送更正后的记录" in early.value.message
    deliver("penalty", [recent_penalty(1, CF_NR_FK="0.2", CF_NR="警告，并处罚款0.2万元")], market_regulation)
    decide_objection(objection=objection, outcome="corrected", reason="金额更正为0.2万元", actor=market_clerk,
                     organization=market_regulation)
    record = CreditRecord.objects.get(pk=penalty.pk)
    assert record.state == "corrected" and record.payload["CF_NR_FK"] in ("0.2", 0.2)


def test_only_the_providing_department_decides(penalty, credit_office_admin, credit_office):
    objection, _ = object_to(penalty)
    with pytest.raises(PermissionDenied):
        decide_objection(objection=objection, outcome="upheld", reason="理由", actor=credit_office_admin,
                         organization=credit_office)


def test_an_inadmissible_objection_is_not_accepted_with_a_reason_and_the_flag_comes_off(penalty, market_clerk,
                                                                                       market_regulation):
    objection, _ = object_to(penalty, filer_kind="concerned", filer_name="路人甲", reasons="看这家公司不顺眼")
    reject_objection(objection=objection, reason="提出人与该记录无利害关系", actor=market_clerk,
                     organization=market_regulation)
    assert CreditRecord.objects.get(pk=penalty.pk).state == "active"
    assert Objection.objects.get().state == "rejected"


def test_punishment_is_suspended_in_screening_while_the_objection_is_open(client, penalty, market_regulation,
                                                                          market_clerk):
    from publiccredit.accounts.services import issue_token
    from tests.conftest import ENTERPRISE_USCC

    CreditRecord.objects.filter(pk=penalty.pk).update(severity="serious")
    token = issue_token(organization=market_regulation, name="审批", scopes=["screening:write"])

    def measures():
        body = client.post("/api/v1/screening/", {"matter": "licensing", "subjects": [{"code": ENTERPRISE_USCC}]},
                           content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {token.secret}").json()
        return {m["code"]: m["suspended"] for m in body["results"][0]["measures"]}

    assert measures() == {"CJ-006": False}
    objection, _ = object_to(CreditRecord.objects.get(pk=penalty.pk))
    assert measures() == {"CJ-006": True}
    decide_objection(objection=objection, outcome="upheld", reason="记录无误", actor=market_clerk,
                     organization=market_regulation)
    assert measures() == {"CJ-006": False}


def test_statistics_count_working_days_between_local_dates_and_report_the_median_and_longest(
        enterprise, market_regulation):
    import datetime as dt

    from publiccredit.objections.queries import objection_statistics

    records = deliver("penalty", [recent_penalty(n) for n in (11, 12, 13, 14)], market_regulation)
    local = timezone.get_current_timezone()
    filed = dt.datetime(2026, 3, 2, 9, 0, tzinfo=local)  # a Monday without holidays around it
    decided = [dt.datetime(2026, 3, 3, 16, 0, tzinfo=local),  # 1 working day
               dt.datetime(2026, 3, 5, 0, 30, tzinfo=local),  # 3 — still 4 March in UTC: local dates count
               dt.datetime(2026, 3, 16, 10, 0, tzinfo=local),  # 10
               None]  # still open
    for record, when in zip(records, decided, strict=True):
        objection, _ = object_to(record)
        Objection.objects.filter(pk=objection.pk).update(filed_at=filed, decided_at=when,
                                                         state="upheld" if when else "flagged")
    stats = objection_statistics(since=dt.date(2026, 3, 1), until=dt.date(2026, 3, 31))
    assert stats["total"] == 4 and stats["decided"] == 3
    assert stats["median_working_days"] == 3 and stats["max_working_days"] == 10
    assert objection_statistics(since=dt.date(2026, 3, 3), until=dt.date(2026, 3, 31))["total"] == 0
