"""An enterprise repairs a penalty: eligibility, evidence, deadlines in working days, and the effects everywhere."""

import pytest
from django.utils import timezone

from publiccredit.audit.models import AuditEntry
from publiccredit.collection.models import CreditRecord
from publiccredit.collection.visibility import is_visible
from publiccredit.core.audience import Audience
from publiccredit.core.errors import DomainError
from publiccredit.lists.models import ListEntry
from publiccredit.repair.models import RepairApplication
from publiccredit.repair.queries import find_by_query_code
from publiccredit.repair.services import (
    accept_application,
    acknowledge_result,
    apply_for_repair,
    approve_application,
    refuse_application,
    resubmit_application,
    return_application,
)
from publiccredit.workdays.services import add_working_days
from tests.builders import proof

pytestmark = pytest.mark.django_db


def apply(record, applicant, **overrides):
    arguments = {"record": record, "applicant": applicant, "statement": "已缴清罚款并完成整改",
                 "commitment_accepted": True, "files": [proof()], "actor": None, "channel": "portal", **overrides}
    return apply_for_repair(**arguments)


def test_an_application_gets_a_number_a_query_code_and_a_deadline_of_ten_working_days(old_penalty, applicant):
    application, code = apply(old_penalty, applicant)
    today = timezone.localdate()
    assert application.number.startswith(f"XF{today:%Y%m%d}") and len(code) == 8
    assert application.decide_by == add_working_days(today, 10)
    assert application.attachments.get().name == "缴款凭证.pdf"
    assert find_by_query_code(application.number, code) == application
    assert find_by_query_code(application.number, "WRONG123") is None
    assert code not in str(RepairApplication.objects.values().get())  # only the keyed hash is kept


def test_a_record_inside_its_minimum_period_is_refused_with_the_date(fresh_penalty, applicant):
    with pytest.raises(DomainError) as refused:
        apply(fresh_penalty, applicant)
    assert "最短公示期至" in refused.value.message and not RepairApplication.objects.exists()


def test_a_second_open_application_on_the_same_record_is_refused(old_penalty, applicant):
    apply(old_penalty, applicant)
    with pytest.raises(DomainError) as again:
        apply(old_penalty, applicant)
    assert "正在办理" in again.value.message and RepairApplication.objects.count() == 1


@pytest.mark.parametrize("overrides, reason", [
    ({"commitment_accepted": False}, "承诺书"),
    ({"files": []}, "证明材料"),
    ({"statement": "  "}, "情况说明"),
    ({"files": [proof("报告.exe", b"MZ\x90\x00")]}, "类型不允许"),
    ({"files": [proof("伪装.pdf", b"MZ\x90\x00 not a pdf")]}, "内容与扩展名不符"),
])
def test_missing_or_bad_material_is_refused_with_a_reason_and_nothing_is_kept(old_penalty, applicant, overrides,
                                                                             reason):
    with pytest.raises(DomainError) as refused:
        apply(old_penalty, applicant, **overrides)
    assert reason in refused.value.message
    assert not RepairApplication.objects.exists()


def test_a_court_dishonest_debtor_record_is_not_repaired_here(enterprise, applicant, db):
    from publiccredit.catalog.models import CatalogItem

    assert CatalogItem.objects.get(code="court_dishonest_debtor").repairable is False


def test_approval_repairs_the_record_everywhere_and_tells_the_deciding_department(old_penalty, applicant,
                                                                                  credit_office_admin, market_clerk):
    application, _ = apply(old_penalty, applicant)
    accept_application(application=application, actor=credit_office_admin)
    approve_application(application=application, reason="材料齐全", actor=credit_office_admin)
    record = CreditRecord.objects.get(pk=old_penalty.pk)
    assert record.state == "repaired" and record.updated_at > old_penalty.updated_at
    assert record.versions.order_by("-number").first().change == "repaired"
    assert not is_visible(record, Audience.PUBLIC) and not is_visible(record, Audience.DEPARTMENT)
    assert is_visible(record, Audience.SUBJECT)
    application.refresh_from_db()
    assert application.state == "approved" and application.push_by is not None and application.pushed_at is None
    acknowledge_result(application=application, actor=market_clerk)
    application.refresh_from_db()
    assert application.pushed_at is not None
    actions = list(AuditEntry.objects.filter(target_type="repair.repairapplication").order_by("seq")
                   .values_list("action", flat=True))
    assert actions == ["repair.application.submit", "repair.application.accept", "repair.application.approve",
                       "repair.application.acknowledge"]


def test_a_list_entry_resting_only_on_the_repaired_record_exits(old_penalty, applicant, enterprise,
                                                                credit_office_admin):
    from tests.builders import list_subject

    entry = list_subject(enterprise, "watch_list", credit_office_admin, records=[old_penalty])
    application, _ = apply(old_penalty, applicant)
    accept_application(application=application, actor=credit_office_admin)
    approve_application(application=application, reason="", actor=credit_office_admin)
    entry = ListEntry.objects.get(pk=entry.pk)
    assert (entry.state, entry.exit_reason) == ("exited", "repair")


def test_a_repaired_record_no_longer_triggers_measures_in_screening(client, old_penalty, applicant,
                                                                    credit_office_admin, market_regulation):
    from publiccredit.accounts.services import issue_token
    from tests.conftest import ENTERPRISE_USCC

    token = issue_token(organization=market_regulation, name="审批系统", scopes=["screening:write"])
    headers = {"HTTP_AUTHORIZATION": f"Bearer {token.secret}"}

    def screen():
        return client.post("/api/v1/screening/", {"matter": "inspection", "subjects": [{"code": ENTERPRISE_USCC}]},
                           content_type="application/json", **headers).json()["results"][0]

    assert screen()["status"] == "hit"
    application, _ = apply(old_penalty, applicant)
    accept_application(application=application, actor=credit_office_admin)
    approve_application(application=application, reason="", actor=credit_office_admin)
    assert screen()["status"] == "clean"


def test_return_for_more_material_then_resubmit_restarts_the_deadline(old_penalty, applicant, credit_office_admin):
    application, _ = apply(old_penalty, applicant)
    return_application(application=application, reason="请补充整改报告", actor=credit_office_admin)
    with pytest.raises(DomainError):
        approve_application(application=application, reason="", actor=credit_office_admin)
    application = resubmit_application(application=application, statement="已补充", files=[proof("整改报告.pdf")],
                                       actor=None)
    assert application.state == "submitted" and application.attachments.count() == 2
    assert list(application.steps.values_list("state", flat=True)) == ["submitted", "returned", "submitted"]


def test_a_refusal_needs_a_reason_and_leaves_the_record_as_it_was(old_penalty, applicant, credit_office_admin):
    application, _ = apply(old_penalty, applicant)
    accept_application(application=application, actor=credit_office_admin)
    with pytest.raises(DomainError):
        refuse_application(application=application, reason="", actor=credit_office_admin)
    refuse_application(application=application, reason="罚款尚未缴清", actor=credit_office_admin)
    assert CreditRecord.objects.get(pk=old_penalty.pk).state == "active"
    apply(old_penalty, applicant)  # a refused application does not block a new one


def test_a_department_correcting_a_repaired_record_does_not_undo_the_repair(old_penalty, applicant,
                                                                           credit_office_admin, market_regulation):
    from tests.builders import deliver, recent_penalty

    application, _ = apply(old_penalty, applicant)
    accept_application(application=application, actor=credit_office_admin)
    approve_application(application=application, reason="", actor=credit_office_admin)
    deliver("penalty", [recent_penalty(1, days_ago=100, CF_NR="警告，并处罚款2万元（更正笔误）")], market_regulation)
    record = CreditRecord.objects.get(pk=old_penalty.pk)
    assert record.payload["CF_NR"].endswith("（更正笔误）")
    assert record.state == "repaired" and not is_visible(record, Audience.PUBLIC)
