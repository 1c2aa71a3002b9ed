"""Voluntary registration of credit information (docs/registrations.md): a bound account files a certificate with a
truthfulness commitment and evidence; the competent department verifies it or rejects it with a reason; a verified
entry shows on the credit file as 自主申报·已核实 and counts in evaluation; one found false is revoked and becomes a
negative record."""

import datetime as dt

import pytest
from django.test import TestCase
from django.utils import timezone

from publiccredit.audit.models import AuditEntry
from publiccredit.collection.models import CreditRecord
from publiccredit.core.errors import DomainError
from publiccredit.evaluation.models import EvaluationResult
from publiccredit.registrations import services
from publiccredit.registrations.models import Registration
from tests.builders import proof

pytestmark = pytest.mark.django_db




def after_commit():
    return TestCase.captureOnCommitCallbacks(execute=True)


def file(enterprise, owner, department, **overrides) -> tuple[Registration, str]:
    arguments = {"subject": enterprise, "kind": "certificate", "title": "安全生产标准化二级企业",
                 "issuer": "上饶市应急管理局", "certificate_number": "AQBZ-2026-0012",
                 "issued_on": str(timezone.localdate() - dt.timedelta(days=40)), "valid_until": "",
                 "department_id": department.pk, "commitment_accepted": True, "files": [proof()], "actor": owner,
                 "contact_phone": "13912345678", **overrides}
    return services.file_registration(**arguments)


def public_score(subject) -> float:
    return float(EvaluationResult.objects.get(subject=subject, model__code="public", is_current=True).score)


def test_a_filed_registration_gets_a_number_a_query_code_its_evidence_and_an_audit_entry(
        enterprise, owner, market_regulation):
    registration, code = file(enterprise, owner, market_regulation)
    assert registration.number.startswith(f"ZC{timezone.localdate():%Y%m%d}") and len(code) == 8
    assert registration.state == "submitted" and registration.has_query_code(code)
    assert registration.attachments.count() == 1 and "如有虚假" in registration.commitment
    assert AuditEntry.objects.filter(action="registrations.registration.file", actor_id=owner.pk).exists()


@pytest.mark.parametrize(("overrides", "message"), [
    ({"commitment_accepted": False}, "真实性承诺"),
    ({"files": []}, "证明材料"),
    ({"title": ""}, "请填写：名称"),
    ({"issued_on": "2026-13-01"}, "不是有效日期"),
    ({"valid_until": "2020-01-01"}, "有效期已届满"),
    ({"kind": "rumour"}, "信息类别"),
])
def test_a_registration_missing_something_is_refused_in_chinese_and_nothing_is_kept(
        enterprise, owner, market_regulation, overrides, message):
    with pytest.raises(DomainError) as refused:
        file(enterprise, owner, market_regulation, **overrides)
    assert message in refused.value.message
    assert not Registration.objects.exists()


def test_the_same_certificate_is_not_registered_twice(enterprise, owner, market_regulation):
    file(enterprise, owner, market_regulation)
    with pytest.raises(DomainError, match="已经注册"):
        file(enterprise, owner, market_regulation)


def test_a_natural_person_cannot_register_yet(citizen, market_regulation):
    with pytest.raises(DomainError, match="法人和非法人组织"):
        file(citizen, None, market_regulation)


def test_a_verified_registration_is_public_marked_self_declared_and_adds_to_the_grade(
        client, enterprise, owner, market_regulation, market_clerk):
    registration, _ = file(enterprise, owner, market_regulation)
    assert "安全生产标准化二级企业" not in client.get(f"/credit/{enterprise.uscc}/").content.decode()
    with after_commit():
        services.verify_registration(registration=registration, actor=market_clerk, note="与原件一致")
    page = client.get(f"/credit/{enterprise.uscc}/").content.decode()
    assert "安全生产标准化二级企业" in page and "自主申报·已核实" in page
    assert public_score(enterprise) == 1010.0  # +10 for a verified registration (default model)
    result = EvaluationResult.objects.get(subject=enterprise, is_current=True)
    [part] = result.contributions
    assert part["indicator"] == "registration" and part["sources"][0] == {
        "type": "registration", "id": registration.pk, "label": "安全生产标准化二级企业",
        "date": str(timezone.localdate()), "points": 10.0}


def test_only_the_chosen_department_or_the_credit_office_verifies_and_a_rejection_needs_a_reason(
        enterprise, owner, market_regulation, credit_office, credit_office_admin):
    registration, _ = file(enterprise, owner, credit_office)
    with pytest.raises(DomainError, match="请填写不通过核实的原因"):
        services.reject_registration(registration=registration, actor=credit_office_admin, reason=" ")
    rejected = services.reject_registration(registration=registration, actor=credit_office_admin,
                                            reason="证书编号与发证机关登记不符")
    assert rejected.state == "rejected" and rejected.reason == "证书编号与发证机关登记不符"


def test_a_department_other_than_the_chosen_one_cannot_verify(enterprise, owner, credit_office, market_clerk):
    registration, _ = file(enterprise, owner, credit_office)
    with pytest.raises(DomainError, match="只有核实单位"):
        services.verify_registration(registration=registration, actor=market_clerk)
    assert Registration.objects.get(pk=registration.pk).state == "submitted"


def test_a_withdrawn_registration_stops_showing_and_counting(client, enterprise, owner, market_regulation,
                                                             market_clerk):
    registration, _ = file(enterprise, owner, market_regulation)
    with after_commit():
        services.verify_registration(registration=registration, actor=market_clerk)
    with after_commit():
        services.withdraw_registration(registration=registration, actor=owner)
    assert "安全生产标准化二级企业" not in client.get(f"/credit/{enterprise.uscc}/").content.decode()
    assert public_score(enterprise) == 1000.0
    with pytest.raises(DomainError, match="只有主体本人"):
        services.withdraw_registration(registration=file(enterprise, owner, market_regulation,
                                                         certificate_number="B-2")[0], actor=market_clerk)


def test_a_registration_found_false_becomes_a_negative_record_and_lowers_the_grade(
        client, enterprise, owner, market_regulation, market_clerk):
    registration, _ = file(enterprise, owner, market_regulation)
    with after_commit():
        services.verify_registration(registration=registration, actor=market_clerk)
    with after_commit():
        found = services.find_false(registration=registration, actor=market_clerk, reason="证书系伪造",
                                    decision_number="饶市监认〔2026〕8号")
    assert found.state == "false"
    record = CreditRecord.objects.get(pk=found.record_id)
    assert (record.item.code, record.decision_number, record.subject_id) == (
        "false_registration", "饶市监认〔2026〕8号", enterprise.pk)
    assert record.payload["XJ_ZCBH"] == registration.number and "证书系伪造" in record.payload["XJ_NR"]
    page = client.get(f"/credit/{enterprise.uscc}/").content.decode()
    assert "虚假申报信用信息" in page and "自主申报·已核实" not in page
    assert public_score(enterprise) == 950.0  # the +10 gone, −50 for the false declaration (default model)
