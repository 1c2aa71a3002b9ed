"""The prior notice is served, not just generated: electronically to a bound account, or by a clerk who records
the method, the date and the proof; the objection period runs from service, and no decision comes before it."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from publiccredit.core.errors import DomainError
from publiccredit.lists.models import ListKind
from publiccredit.lists.services import decide_entry, notify_entry, propose_entry, serve_notice
from publiccredit.selfservice.services import approve_binding, register_subject_account
from publiccredit.workdays.services import add_working_days
from tests.builders import PDF, deliver, recent_penalty
from tests.conftest import ENTERPRISE_USCC, second_approver

pytestmark = pytest.mark.django_db


@pytest.fixture
def proposed(enterprise, market_regulation, credit_office_admin):
    [penalty] = deliver("penalty", [recent_penalty(1, CF_CFLB="降低资质等级")], market_regulation)
    return propose_entry(kind=ListKind.objects.get(code="serious_dishonesty"), subject=enterprise, reason="情节严重",
                         records=[penalty], actor=credit_office_admin)


def receipt():
    return SimpleUploadedFile("送达回证.pdf", PDF, content_type="application/pdf")


def test_a_subject_without_an_account_is_not_served_by_generating_the_notice(proposed, credit_office_admin):
    entry = notify_entry(entry=proposed, actor=credit_office_admin)
    assert (entry.served_on, entry.objection_until) == (None, None)
    with pytest.raises(DomainError) as refused:
        decide_entry(entry=entry, decision_number="饶信决〔2026〕1号", approver=second_approver(),
                     actor=credit_office_admin, today=timezone.localdate() + dt.timedelta(days=60))
    assert refused.value.code == "notice_not_served"


def test_the_objection_period_runs_from_the_recorded_service(proposed, credit_office_admin):
    generated = timezone.localdate() - dt.timedelta(days=10)
    entry = notify_entry(entry=proposed, actor=credit_office_admin, today=generated)
    served = generated + dt.timedelta(days=4)
    entry = serve_notice(entry=entry, method="post", served_on=served, files=[receipt()], note="邮政EMS签收",
                         actor=credit_office_admin)
    assert entry.objection_until == add_working_days(served, entry.kind.objection_working_days)
    assert (entry.service_method, entry.service_proofs.count()) == ("post", 1)
    assert "邮寄送达" in entry.steps.last().note


@pytest.mark.parametrize("method, served_on, files, code", [
    ("direct", 0, [], "proof_required"),
    ("direct", 1, ["receipt"], "bad_service_date"),
    ("courier", 0, ["receipt"], "bad_service_method"),
])
def test_a_service_without_proof_in_the_future_or_of_an_unknown_kind_is_refused(proposed, credit_office_admin,
                                                                                 method, served_on, files, code):
    entry = notify_entry(entry=proposed, actor=credit_office_admin)
    with pytest.raises(DomainError) as refused:
        serve_notice(entry=entry, method=method, served_on=timezone.localdate() + dt.timedelta(days=served_on),
                     files=[receipt() for _ in files], actor=credit_office_admin)
    assert refused.value.code == code


def test_a_bound_account_is_served_electronically_when_the_notice_is_generated(proposed, credit_office_admin):
    request = register_subject_account(username="xinjiang", password="Xiufu-2026!abc", name="刘经理",
                                       phone="13800000000", subject_code=ENTERPRISE_USCC, capacity="agent")
    approve_binding(request=request, actor=credit_office_admin, note="已核对")
    entry = notify_entry(entry=proposed, actor=credit_office_admin)
    assert (entry.served_on, entry.service_method) == (timezone.localdate(), "electronic")
    assert entry.objection_until == add_working_days(timezone.localdate(), entry.kind.objection_working_days)


def test_a_notice_is_served_once(proposed, credit_office_admin):
    entry = notify_entry(entry=proposed, actor=credit_office_admin)
    serve_notice(entry=entry, method="direct", served_on=timezone.localdate(), files=[receipt()],
                 actor=credit_office_admin)
    with pytest.raises(DomainError) as again:
        serve_notice(entry=entry, method="direct", served_on=timezone.localdate(), files=[receipt()],
                     actor=credit_office_admin)
    assert again.value.code == "already_served"
