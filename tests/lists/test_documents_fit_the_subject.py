"""The notice, the decision and the exit decision fit the subject and the case: only measures meant for its kind,
the facts of each basis record in words, the statement and its answer, remedies with time limits and bodies, and an
exit decision when the entry leaves the list; the signature stays with the text."""

import datetime as dt

import pytest
from django.utils import timezone

from publiccredit.lists.models import ListKind
from publiccredit.lists.services import (
    answer_statement,
    decide_entry,
    exit_entry,
    propose_entry,
    submit_statement,
)
from tests.builders import deliver, person_penalty_row, recent_penalty
from tests.conftest import CITIZEN_ID, notify_and_serve, second_approver

pytestmark = pytest.mark.django_db

PERSONS_ONLY = "限制担任国有企业法定代表人、董事、监事、高级管理人员"  # CJ-008, scope persons
ORGANIZATIONS_ONLY = "限制参加政府采购活动"  # CJ-001, scope organizations


@pytest.fixture
def office(client, credit_office_admin):
    client.force_login(credit_office_admin)
    return client


def listing(subject, records, actor, *, statement: str = ""):
    kind = ListKind.objects.get(code="serious_dishonesty")
    entry = propose_entry(kind=kind, subject=subject, reason="情节严重", records=records, actor=actor)
    served = timezone.localdate() - dt.timedelta(days=30)
    entry = notify_and_serve(entry=entry, actor=actor, today=served)
    if statement:
        filed = submit_statement(entry=entry, text=statement, filer_name="刘经理", contact_phone="13800000000",
                                 actor=None, today=served)
        answer_statement(statement=filed, adopted=False, answer="整改不影响已发生的严重失信行为的认定", actor=actor)
    return decide_entry(entry=entry, decision_number="饶信决〔2026〕7号", approver=second_approver(), actor=actor)


def test_an_enterprise_notice_names_measures_for_organisations_never_those_for_persons(
        office, enterprise, market_regulation, credit_office_admin):
    records = deliver("penalty", [recent_penalty(1, CF_SY="在网店宣传中使用虚假的销售数据")], market_regulation)
    entry = listing(enterprise, records, credit_office_admin)
    notice = office.get(f"/backoffice/lists/{entry.pk}/documents/notice/").content.decode()
    assert ORGANIZATIONS_ONLY in notice and PERSONS_ONLY not in notice


def test_a_persons_notice_names_measures_for_persons_never_those_for_organisations(
        office, citizen, market_regulation, credit_office_admin):
    records = deliver("penalty", [person_penalty_row(1, CITIZEN_ID, name="张三丰", CF_JDRQ=str(
        timezone.localdate() - dt.timedelta(days=3)))], market_regulation)
    entry = listing(citizen, records, credit_office_admin)
    notice = office.get(f"/backoffice/lists/{entry.pk}/documents/notice/").content.decode()
    assert PERSONS_ONLY in notice and ORGANIZATIONS_ONLY not in notice


def test_the_documents_state_the_facts_of_each_basis_record_in_words(office, enterprise, market_regulation,
                                                                   credit_office_admin):
    records = deliver("penalty", [recent_penalty(1, CF_SY="在网店宣传中使用虚假的销售数据", CF_CFLB="警告;罚款")],
                      market_regulation)
    entry = listing(enterprise, records, credit_office_admin)
    for document in ("notice", "decision"):
        page = office.get(f"/backoffice/lists/{entry.pk}/documents/{document}/").content.decode()
        assert "上饶市市场监督管理局于" in page and "违法事实：在网店宣传中使用虚假的销售数据" in page
        assert "处罚类别：警告、罚款" in page and records[0].decision_number in page


def test_the_decision_states_the_statement_and_its_answer_and_remedies_with_time_limits(
        office, enterprise, market_regulation, credit_office_admin, settings):
    settings.RECONSIDERATION_BODY, settings.ADMINISTRATIVE_COURT = "上饶市人民政府", "上饶市信州区人民法院"
    records = deliver("penalty", [recent_penalty(1)], market_regulation)
    entry = listing(enterprise, records, credit_office_admin, statement="已全部整改")
    decision = office.get(f"/backoffice/lists/{entry.pk}/documents/decision/").content.decode()
    assert "提出陈述、申辩：已全部整改" in decision and "不予采纳，理由：整改不影响" in decision
    assert "六十日内向上饶市人民政府申请行政复议" in decision and "六个月内向上饶市信州区人民法院提起行政诉讼" in decision
    assert 'class="sign-block"' in decision


def test_a_decision_without_a_statement_says_none_was_made(office, enterprise, market_regulation,
                                                           credit_office_admin):
    entry = listing(enterprise, deliver("penalty", [recent_penalty(1)], market_regulation), credit_office_admin)
    assert "未提出陈述、申辩" in office.get(f"/backoffice/lists/{entry.pk}/documents/decision/").content.decode()


def test_an_exit_has_its_own_decision_and_none_before(office, enterprise, market_regulation, credit_office_admin):
    entry = listing(enterprise, deliver("penalty", [recent_penalty(1)], market_regulation), credit_office_admin)
    before = office.get(f"/backoffice/lists/{entry.pk}/documents/exit/")
    assert before.status_code == 302  # not yet: back to the entry with a message
    exit_entry(entry=entry, reason="court", note="行政复议决定撤销原处罚", actor=credit_office_admin)
    page = office.get(f"/backoffice/lists/{entry.pk}/documents/exit/").content.decode()
    assert "移出决定书" in page and "饶信决〔2026〕7号" in page and "司法裁判或复议撤销（行政复议决定撤销原处罚）" in page
    assert office.get(f"/backoffice/lists/{entry.pk}/documents/exit.pdf")["Content-Type"] == "application/pdf"
