"""An enterprise registers, is verified and bound, repairs a penalty online and follows it; anyone objects to a
record from the public credit file."""

import pytest

from publiccredit.collection.models import CreditRecord
from publiccredit.objections.models import Objection
from publiccredit.repair.models import RepairApplication
from publiccredit.selfservice.models import BindingRequest
from tests.builders import proof
from tests.conftest import ENTERPRISE_USCC, filer_code

pytestmark = pytest.mark.django_db

PASSWORD = "Xinyong-修复-2026!"


@pytest.fixture(autouse=True)
def media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def register(client, **overrides):
    data = {"username": "xinjiang-liu", "password": PASSWORD, "password2": PASSWORD, "name": "刘经理",
            "phone": "13800000000", "subject_code": ENTERPRISE_USCC, "capacity": "legal_representative", **overrides}
    return client.post("/account/register/", data)


def bind(client, credit_office_admin):
    request = BindingRequest.objects.get()
    client.force_login(credit_office_admin)
    client.post(f"/backoffice/bindings/{request.pk}/decide/", {"decision": "approve", "note": "核对营业执照"})
    client.logout()
    client.post("/account/login/", {"username": "xinjiang-liu", "password": PASSWORD})


def test_registration_binds_only_after_a_clerk_verifies(client, enterprise, credit_office_admin):
    assert register(client).url == "/account/"
    page = client.get("/account/").content.decode()
    assert "尚未绑定" in page and "待核验" in page
    bind(client, credit_office_admin)
    assert "已绑定" in client.get("/account/").content.decode()


def test_registration_refuses_an_unknown_code_or_a_person_capacity_for_a_company(client, enterprise):
    assert "没有找到该信用主体" in register(client, subject_code="91361102MA35ABCD4X").content.decode()
    assert "自然人只能以" in register(client, capacity="self").content.decode()
    assert not BindingRequest.objects.exists()


def test_a_bound_enterprise_repairs_a_penalty_online_and_follows_it_by_number_and_code(
        client, enterprise, credit_office_admin, old_penalty):
    register(client)
    bind(client, credit_office_admin)
    home = client.get("/account/").content.decode()
    assert old_penalty.decision_number in home and f"/account/repair/{old_penalty.pk}/" in home
    page = client.post(f"/account/repair/{old_penalty.pk}/", {
        "applicant_name": enterprise.name, "contact_name": "刘经理", "contact_phone": "13800000000",
        "statement": "罚款已缴清，已完成整改", "commitment": "on", "files": [proof()]}).content.decode()
    application = RepairApplication.objects.get()
    assert application.number in page and application.channel == "portal"
    code = page.split('id="query-code">')[1].split("<")[0]
    client.logout()
    progress = client.post("/progress/", {"kind": "repair", "number": application.number, "code": code}).content.decode()
    assert "已提交（待受理）" in progress
    assert "编号或查询码不正确" in client.post("/progress/", {"kind": "repair", "number": application.number, "code": "X"}).content.decode()


def test_an_account_cannot_repair_another_subjects_record(client, enterprise, credit_office_admin, old_penalty,
                                                          citizen):
    register(client, username="someone", subject_code="361102199001011230", capacity="self")
    bind(client, credit_office_admin)
    client.post("/account/login/", {"username": "someone", "password": PASSWORD})
    assert client.get(f"/account/repair/{old_penalty.pk}/").status_code == 403


def test_anyone_objects_to_a_public_record_from_the_credit_file(client, enterprise, old_penalty, sms_outbox):
    file_page = client.get(f"/credit/{ENTERPRISE_USCC}/").content.decode()
    assert f"/objection/{old_penalty.pk}/" in file_page
    page = client.post(f"/objection/{old_penalty.pk}/", {
        "filer_kind": "concerned", "filer_name": "上饶市某供应商", "contact_phone": "13900000000",
        "reasons": "处罚对象名称与我公司混淆", "sms_code": filer_code("13900000000", sms_outbox)}).content.decode()
    objection = Objection.objects.get()
    assert objection.number in page and objection.channel == "portal" and objection.third_party
    assert CreditRecord.objects.get(pk=old_penalty.pk).state == "active"  # flagged once the provider accepts
    again = client.get(f"/objection/{old_penalty.pk}/").content.decode()
    assert "正在处理的异议" in again


def test_a_record_the_visitor_cannot_see_cannot_be_objected_to_by_them(client, enterprise, old_penalty):
    CreditRecord.objects.filter(pk=old_penalty.pk).update(state="withdrawn")
    assert client.get(f"/objection/{old_penalty.pk}/").status_code == 403
