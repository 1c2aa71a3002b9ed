"""Repair applications and objections are cases of one kernel (docs/architecture.md, "One casework kernel"): the
same numbering, query codes, locking, steps, audit entries and events, written once."""

import pytest
from django.db import IntegrityError
from django.utils import timezone

from publiccredit.audit.models import AuditEntry
from publiccredit.casework.queries import find_case, steps_of
from publiccredit.casework.services import NUMBER_ATTEMPTS, lock_case, open_case
from publiccredit.core.errors import DomainError
from publiccredit.events.models import OutboxEvent
from publiccredit.objections.models import Objection
from publiccredit.objections.services import file_objection
from publiccredit.repair.models import RepairApplication
from publiccredit.repair.services import Applicant, accept_application, apply_for_repair
from tests.builders import deliver, proof, recent_penalty

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def repair_case(old_penalty):
    return apply_for_repair(record=old_penalty, applicant=Applicant(name="上饶市信江光伏科技有限公司",
                                                                    contact_name="刘经理", contact_phone="0793-8888888"),
                            statement="已缴清罚款并完成整改", commitment_accepted=True, files=[proof()], actor=None,
                            channel="portal")


@pytest.fixture
def objection_case(enterprise, market_regulation):
    [record] = deliver("penalty", [recent_penalty(9, CF_NR_FK="2")], market_regulation)
    return file_objection(record=record, filer_kind="subject", filer_name="上饶市信江光伏科技有限公司",
                          contact_phone="0793-8888888", reasons="罚款金额录入有误", actor=None, channel="window")


@pytest.fixture(params=["repair", "objection"])
def case_and_code(request):
    return request.getfixturevalue(f"{request.param}_case")


def test_each_kind_numbers_its_cases_by_prefix_day_and_a_five_digit_serial(repair_case, objection_case):
    today = f"{timezone.localdate():%Y%m%d}"
    assert repair_case[0].number == f"XF{today}00001"
    assert objection_case[0].number == f"YY{today}00001"


def test_the_query_code_itself_is_stored_nowhere_in_the_case(case_and_code):
    case, code = case_and_code
    row = type(case).objects.filter(pk=case.pk).values().get()
    assert len(code) == 8 and not any(code in str(value) for value in row.values())
    assert case.has_query_code(code.lower()) and not case.has_query_code("")


def test_a_case_is_found_with_its_number_and_query_code_together_and_never_with_one_alone(case_and_code):
    case, code = case_and_code
    model = type(case)
    assert find_case(model, case.number.lower(), f" {code.lower()} ") == case
    assert find_case(model, case.number, "") is None
    assert find_case(model, case.number, "ABCDEFGH") is None
    assert find_case(model, "", code) is None


def test_every_step_is_kept_with_its_audit_entry_and_event_under_the_kinds_topic(repair_case, credit_office_admin):
    application, _ = repair_case
    accept_application(application=application, actor=credit_office_admin)
    assert [step["state"] for step in steps_of(application)] == ["submitted", "accepted"]
    assert AuditEntry.objects.filter(action="repair.application.accept", target_id=str(application.pk)).count() == 1
    event = OutboxEvent.objects.get(topic="repair.application.accept")
    assert (event.payload["application"], event.payload["number"], event.payload["state"]) == (
        application.pk, application.number, "accepted")


def test_a_case_in_the_wrong_state_is_refused_naming_the_state_it_is_in_and_the_ones_needed(case_and_code):
    case, _ = case_and_code
    open_state = case.state
    type(case).objects.filter(pk=case.pk).update(state="withdrawn" if isinstance(case, RepairApplication)
                                                  else Objection.State.WITHDRAWN)
    with pytest.raises(DomainError) as refused:
        lock_case(case, open_state, doing="办理")
    message = refused.value.message
    assert message.startswith(f"{type(case).NOUN}当前为") and "不能办理" in message
    assert str(dict(type(case)._meta.get_field("state").choices)[open_state]) in message


def test_a_number_taken_meanwhile_is_retried_and_then_refused_as_busy_without_a_case(db):
    attempts = []

    def create(**case):
        attempts.append(case["number"])
        raise IntegrityError("duplicate key value violates unique constraint")

    with pytest.raises(DomainError) as refused:
        open_case(RepairApplication, today=timezone.localdate(), create=create)
    assert refused.value.code == "busy" and len(attempts) == NUMBER_ATTEMPTS
    assert not RepairApplication.objects.exists()
