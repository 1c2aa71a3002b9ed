"""A department orders a subject to rectify within working days; the subject's account reports; the department
confirms or returns; the daily sweep reminds and marks overdue; an overdue finding becomes a 逾期未整改 record that
the list rules propose for the watch list; the identifying department interviews (谁认定、谁约谈); all of it on the
credit file, the details not for the public."""

import datetime as dt

import pytest
from django.test import TestCase

from publiccredit.audit.models import AuditEntry
from publiccredit.collection.models import CreditRecord
from publiccredit.core.errors import DomainError, PermissionDenied
from publiccredit.lists.models import ListEntry
from publiccredit.notifications.models import Notification
from publiccredit.rectification.models import Interview, RectificationTask
from publiccredit.rectification.queries import rectification_statistics, typical_case
from publiccredit.rectification.services import (
    answer_report,
    open_rectification,
    record_interview,
    record_overdue,
    report_progress,
    sweep_rectifications,
)

pytestmark = pytest.mark.django_db
State = RectificationTask.State
MONDAY = dt.date(2026, 12, 7)


def order(enterprise, market_regulation, regulator, *, days=10, issued_on=MONDAY, today=MONDAY):
    return open_rectification(subject=enterprise, department=market_regulation, source="finding", actor=regulator,
                              problem="未公示营业执照", requirement="在经营场所公示营业执照", working_days=days,
                              source_reference="饶市监责改〔2026〕1号", issued_on=issued_on, today=today)


def test_a_deadline_counts_working_days_and_the_subject_is_told(enterprise, market_regulation, regulator, owner):
    with TestCase.captureOnCommitCallbacks(execute=True):
        task = order(enterprise, market_regulation, regulator, days=10)
    # 2026-12-07 is a Monday: ten working days later, two weekends skipped, is Monday 2026-12-21
    assert (task.number[:2], task.due_on, task.state) == ("ZG", dt.date(2026, 12, 21), State.OPEN)
    told = Notification.objects.get(user=owner, topic="rectification.task.open")
    assert "2026年12月21日前完成整改" in told.body
    assert AuditEntry.objects.filter(action="rectification.task.open", target_id=str(task.pk)).exists()


def test_wrong_orders_are_refused_with_every_reason(enterprise, market_regulation, regulator, citizen, old_penalty):
    with pytest.raises(DomainError) as refused:
        open_rectification(subject=enterprise, department=market_regulation, source="elsewhere", actor=regulator,
                           problem="", requirement=" ", working_days="十", today=MONDAY)
    for reason in ("请选择整改来源", "请填写发现的问题", "请填写整改要求", "应为工作日天数"):
        assert reason in refused.value.message
    with pytest.raises(DomainError, match="1到180个工作日"):
        order(enterprise, market_regulation, regulator, days=0)
    with pytest.raises(DomainError, match="依据的信用记录不属于该主体"):
        open_rectification(subject=citizen, department=market_regulation, source="finding", actor=regulator,
                           problem="p", requirement="r", working_days=5, record=old_penalty, today=MONDAY)


def test_only_the_identifying_department_orders_and_answers(enterprise, market_regulation, regulator, tax_regulator,
                                                            owner, auditor, market_clerk):
    with pytest.raises(PermissionDenied, match="谁认定、谁负责"):
        order(enterprise, market_regulation, tax_regulator)
    with pytest.raises(PermissionDenied, match="只有监管部门的执法、监管人员可以责令整改"):
        order(enterprise, market_regulation, market_clerk)  # the department's data clerk
    with pytest.raises(PermissionDenied):
        order(enterprise, market_regulation, auditor)
    task = order(enterprise, market_regulation, regulator)
    report_progress(task=task, text="已公示", actor=owner)
    with pytest.raises(PermissionDenied):
        answer_report(task=task, accepted=True, note="", actor=tax_regulator)


def test_the_subject_reports_and_the_department_confirms_on_time(enterprise, market_regulation, regulator, owner):
    task = order(enterprise, market_regulation, regulator)
    report = report_progress(task=task, text="已在门店公示营业执照", actor=owner)
    task.refresh_from_db()
    assert task.state == State.REPORTED and report.filed_by == owner
    with pytest.raises(DomainError, match="不能再报告"):
        report_progress(task=task, text="再报一次", actor=owner)
    done = answer_report(task=task, accepted=True, note="现场复查到位", actor=regulator, today=dt.date(2026, 12, 14))
    assert (done.state, done.concluded_on) == (State.COMPLETED, dt.date(2026, 12, 14))
    report.refresh_from_db()
    assert report.answer == "accepted" and report.answered_by == regulator
    figures = rectification_statistics(since=dt.date(2026, 12, 1), until=dt.date(2026, 12, 31))
    assert (figures["ordered"], figures["completed"], figures["on_time"], figures["on_time_rate"]) == (1, 1, 1, 1.0)


def test_a_returned_report_needs_a_reason_and_reopens_the_task(enterprise, market_regulation, regulator, owner):
    task = order(enterprise, market_regulation, regulator)
    report_progress(task=task, text="已整改", actor=owner)
    with pytest.raises(DomainError, match="须写明尚未整改到位的问题"):
        answer_report(task=task, accepted=False, note="", actor=regulator, today=MONDAY)
    returned = answer_report(task=task, accepted=False, note="贮存区仍未分区", actor=regulator, today=MONDAY)
    assert returned.state == State.OPEN
    report_progress(task=returned, text="已分区", actor=owner)


def test_another_account_cannot_report_for_the_subject(enterprise, citizen, market_regulation, regulator):
    from publiccredit.accounts.roles import Role
    from publiccredit.accounts.services import create_user

    stranger = create_user(username="other-co", role=Role.SUBJECT_USER, subject=citizen, password="Qita-2026!!x")
    task = order(enterprise, market_regulation, regulator)
    with pytest.raises(PermissionDenied, match="只有整改主体本身的账号"):
        report_progress(task=task, text="代报", actor=stranger)


def test_the_daily_sweep_reminds_once_marks_the_overdue_and_changes_nothing_when_run_again(
        enterprise, market_regulation, regulator, owner):
    task = order(enterprise, market_regulation, regulator, days=5)  # due Monday 2026-12-14
    with TestCase.captureOnCommitCallbacks(execute=True):
        assert sweep_rectifications(today=dt.date(2026, 12, 8)) == {"reminded": 0, "overdue": 0}
        assert sweep_rectifications(today=dt.date(2026, 12, 9)) == {"reminded": 1, "overdue": 0}
        assert sweep_rectifications(today=dt.date(2026, 12, 10)) == {"reminded": 0, "overdue": 0}
        assert sweep_rectifications(today=dt.date(2026, 12, 15)) == {"reminded": 0, "overdue": 1}
        assert sweep_rectifications(today=dt.date(2026, 12, 15)) == {"reminded": 0, "overdue": 0}
    task.refresh_from_db()
    assert task.state == State.OVERDUE and task.reminded_on == dt.date(2026, 12, 9)
    assert Notification.objects.filter(user=owner, topic="rectification.task.remind").count() == 1
    assert Notification.objects.filter(user=owner, topic="rectification.task.overdue").count() == 1
    assert Notification.objects.filter(user=regulator, topic="rectification.task.overdue").count() == 1
    report_progress(task=task, text="逾期后整改完毕", actor=owner)  # late, but still taken


def test_an_overdue_finding_becomes_a_record_the_rules_propose_for_the_watch_list(enterprise, market_regulation,
                                                                                  regulator, owner):
    task = order(enterprise, market_regulation, regulator, days=5)
    with pytest.raises(DomainError, match="只有逾期未整改的任务可以认定"):
        record_overdue(task=task, decision_number="饶市监信认〔2026〕9号", actor=regulator, today=MONDAY)
    sweep_rectifications(today=dt.date(2026, 12, 15))
    task.refresh_from_db()
    with pytest.raises(DomainError, match="请填写认定文书号"):
        record_overdue(task=task, decision_number=" ", actor=regulator, today=dt.date(2026, 12, 15))
    with TestCase.captureOnCommitCallbacks(execute=True):
        found = record_overdue(task=task, decision_number="饶市监信认〔2026〕9号", actor=regulator,
                               today=dt.date(2026, 12, 15))
    record = CreditRecord.objects.get(pk=found.overdue_record_id)
    assert (record.item.code, record.subject, record.provider) == ("rectification_overdue", enterprise,
                                                                   market_regulation)
    assert record.payload["ZG_ZGBH"] == task.number and record.payload["ZG_ZGQX"] == "2026-12-14"
    entry = ListEntry.objects.get(subject=enterprise, kind__code="watch_list")
    assert entry.state == "proposed" and entry.rule.name == "逾期未按要求整改拟列入重点关注名单"
    assert list(entry.records.all()) == [record]
    again = record_overdue(task=found, decision_number="另一文号", actor=regulator, today=dt.date(2026, 12, 15))
    assert again.overdue_record_id == record.pk and CreditRecord.objects.filter(
        item__code="rectification_overdue").count() == 1
    case = typical_case(found)
    assert "逾期未整改" in case["title"] and task.requirement in case["body"]


def test_whoever_identified_interviews_and_the_public_sees_that_it_happened_but_not_what_was_said(
        client, enterprise, market_regulation, regulator, tax_regulator, owner, old_penalty):
    task = order(enterprise, market_regulation, regulator)
    kwargs = dict(subject=enterprise, kind="warning", held_on="2026-12-07", participants="孙监管；企业法定代表人",
                  content="警示逾期不整改的后果AUTHONLY", undertakings="三日内整改完毕", today=MONDAY)
    with pytest.raises(PermissionDenied, match="谁认定"):
        record_interview(department=market_regulation, task=task, actor=tax_regulator, **kwargs)
    with pytest.raises(DomainError, match="由上饶市市场监督管理局责令，应由其约谈"):
        record_interview(department=tax_regulator.organization, task=task, actor=tax_regulator, **kwargs)
    with pytest.raises(DomainError, match=r"该记录由.*认定，应由其约谈"):
        record_interview(department=tax_regulator.organization, record=old_penalty, actor=tax_regulator,
                         **{**kwargs, "subject": old_penalty.subject})
    held = record_interview(department=market_regulation, task=task, actor=regulator, **kwargs)
    assert (held.number[:2], held.kind, held.held_on) == ("YT", "warning", MONDAY)
    public = client.get(f"/credit/{enterprise.uscc}/").content.decode()
    assert "整改与约谈" in public and "警示约谈" in public and "在经营场所公示营业执照" in public
    assert "AUTHONLY" not in public and "孙监管" not in public
    client.force_login(owner)
    own = client.get(f"/credit/{enterprise.uscc}/").content.decode()
    assert "AUTHONLY" in own and "三日内整改完毕" in own


def test_bad_interviews_are_refused_with_every_reason(enterprise, market_regulation, regulator):
    with pytest.raises(DomainError) as refused:
        record_interview(subject=enterprise, department=market_regulation, kind="chat", held_on="12/07",
                         participants="", content="", undertakings="", actor=regulator, today=MONDAY)
    for reason in ("请选择约谈类别", "不是有效日期", "请填写参加人员", "请填写约谈内容", "请填写主体承诺事项"):
        assert reason in refused.value.message
    with pytest.raises(DomainError, match="约谈日期不能晚于今天"):
        record_interview(subject=enterprise, department=market_regulation, kind="prompt", held_on=dt.date(2026, 12, 8),
                         participants="p", content="c", undertakings="u", actor=regulator, today=MONDAY)
    assert not Interview.objects.exists()
