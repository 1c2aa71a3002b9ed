"""The subject answers a prior notice of listing (陈述申辩) from its account; the credit office answers before deciding;
a basis record under objection holds the decision back."""

import datetime as dt

import pytest
from django.utils import timezone

from publiccredit.accounts.roles import Role
from publiccredit.accounts.services import create_user
from publiccredit.lists.models import ListEntry, ListKind
from publiccredit.lists.services import decide_entry, propose_entry
from publiccredit.notifications.models import Notification
from publiccredit.objections.services import file_objection
from tests.builders import deliver, proof, recent_penalty
from tests.conftest import notify_and_serve, second_approver

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def penalty(enterprise, market_regulation):
    return deliver("penalty", [recent_penalty(1, CF_CFLB="降低资质等级")], market_regulation)[0]


@pytest.fixture
def notified(penalty, enterprise, credit_office_admin):
    entry = propose_entry(kind=ListKind.objects.get(code="serious_dishonesty"), subject=enterprise, reason="降低资质等级",
                          actor=credit_office_admin, records=[penalty], legal_basis="《建筑法》")
    return notify_and_serve(entry=entry, actor=credit_office_admin)


@pytest.fixture
def account(enterprise):
    return create_user(username="xinjiang", role=Role.SUBJECT_USER, subject=enterprise, password="Xinyong-2026!",
                       full_name="刘经理")


def close_window(entry):
    ListEntry.objects.filter(pk=entry.pk).update(objection_until=timezone.localdate() - dt.timedelta(days=1))


def decide(entry, actor):
    return decide_entry(entry=ListEntry.objects.get(pk=entry.pk), decision_number="饶信决〔2026〕9号", approver=second_approver(),
                        actor=actor)


def test_the_bound_account_files_a_statement_within_the_period_and_the_office_is_told(
        client, notified, account, credit_office_admin, django_capture_on_commit_callbacks):
    client.force_login(account)
    home = client.get("/account/").content.decode()
    assert "提出陈述申辩" in home and notified.notice_number in home
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/account/lists/{notified.pk}/statement/", {
            "text": "资质等级降低系主管部门调整标准所致，不属于失信行为", "filer_name": "刘经理",
            "contact_phone": "13800000000", "files": [proof("说明.pdf")]})
    assert response.url == "/account/"
    statement = notified.statements.get()
    assert statement.filed_by == account and statement.attachments.count() == 1
    told = Notification.objects.get(user=credit_office_admin, channel="site", topic="lists.entry.statement")
    assert "请答复后再作出列入决定" in told.body and told.link == f"/backoffice/lists/{notified.pk}/"


def test_a_statement_after_the_period_is_refused_with_the_date(client, notified, account):
    close_window(notified)
    client.force_login(account)
    page = client.get(f"/account/lists/{notified.pk}/statement/").content.decode()
    assert "陈述申辩期限已过" in page
    from publiccredit.core.errors import DomainError
    from publiccredit.lists.services import submit_statement

    with pytest.raises(DomainError, match="届满"):
        submit_statement(entry=notified, text="x", filer_name="刘", contact_phone="13800000000", actor=account)


def test_another_subjects_account_cannot_answer_the_notice(client, notified, citizen):
    client.force_login(create_user(username="other", role=Role.SUBJECT_USER, subject=citizen, password="Xinyong-2026!"))
    assert client.get(f"/account/lists/{notified.pk}/statement/").status_code == 403


def test_the_decision_waits_for_an_answer_to_every_statement(client, notified, account, credit_office_admin,
                                                             django_capture_on_commit_callbacks):
    from publiccredit.core.errors import DomainError
    from publiccredit.lists.services import submit_statement

    submit_statement(entry=notified, text="情节轻微", filer_name="刘经理", contact_phone="13800000000", actor=account)
    close_window(notified)
    with pytest.raises(DomainError, match="请先逐一答复"):
        decide(notified, credit_office_admin)
    client.force_login(credit_office_admin)
    page = client.get(f"/backoffice/lists/{notified.pk}/").content.decode()
    assert "情节轻微" in page and "不予采纳" in page
    statement = notified.statements.get()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/backoffice/lists/{notified.pk}/statements/{statement.pk}/answer/",
                    {"adopted": "no", "answer": "降低资质等级属严重失信情形，陈述理由不成立"})
    statement.refresh_from_db()
    assert statement.adopted is False and statement.answered_by == credit_office_admin
    assert decide(notified, credit_office_admin).state == "decided"
    client.force_login(account)
    assert "不予采纳" in client.get("/account/").content.decode()
    assert "陈述理由不成立" in client.get("/account/messages/").content.decode()


def test_no_listing_decision_while_a_basis_record_is_under_objection(notified, penalty, credit_office_admin):
    from publiccredit.core.errors import DomainError

    file_objection(record=penalty, filer_kind="subject", filer_name="刘经理", contact_phone="13800000000",
                   reasons="处罚已被复议撤销", actor=None, channel="window")
    close_window(notified)
    with pytest.raises(DomainError, match="正在异议处理中") as held:
        decide(notified, credit_office_admin)
    assert penalty.decision_number in held.value.message
    assert ListEntry.objects.get(pk=notified.pk).state == "notified"
