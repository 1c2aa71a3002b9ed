"""An objection that can suspend punishment comes from someone identified. The subject's own (its bound account, or
the department's window) flags the record at once; a third party proves a mobile number with an SMS code and its
objection waits for the provider's 受理 within one working day — or the platform's, when that day passes."""

import datetime as dt
import re

import pytest
from django.utils import timezone

from publiccredit.accounts.models import User
from publiccredit.collection.models import CreditRecord
from publiccredit.core.errors import DomainError
from publiccredit.objections.models import FilerPhoneCheck, Objection
from publiccredit.objections.services import accept_objection, accept_overdue, file_objection, send_filer_code
from publiccredit.selfservice.services import approve_binding, register_subject_account
from publiccredit.workdays.services import add_working_days
from tests.builders import deliver, recent_penalty
from tests.conftest import ENTERPRISE_USCC

pytestmark = pytest.mark.django_db
MOBILE = "13912345678"


@pytest.fixture
def penalty(enterprise, market_regulation) -> CreditRecord:
    return deliver("penalty", [recent_penalty(1)], market_regulation)[0]


def texted_code(sms_outbox) -> str:
    return re.search(r"验证码(\d{6})", sms_outbox[-1].body).group(1)


def third_party(record, sms_code, **overrides):
    arguments = {"record": record, "filer_kind": "concerned", "filer_name": "王某", "contact_phone": MOBILE,
                 "reasons": "处罚所涉场所为本人承租，处罚对象有误", "actor": None, "channel": "portal",
                 "sms_code": sms_code, **overrides}
    return file_objection(**arguments)


def test_a_portal_objection_without_a_verified_mobile_number_is_refused(penalty):
    with pytest.raises(DomainError) as refused:
        third_party(penalty, "")
    assert refused.value.code == "filer_not_identified" and "短信验证码" in refused.value.message
    assert not Objection.objects.exists() and CreditRecord.objects.get(pk=penalty.pk).state == "active"


def test_a_third_party_with_a_verified_number_is_marked_and_waits_for_acceptance(penalty, sms_outbox):
    send_filer_code(phone=MOBILE)
    assert sms_outbox[-1].recipients == [MOBILE]
    objection, _ = third_party(penalty, texted_code(sms_outbox))
    assert (objection.state, objection.third_party, objection.identified_by) == ("received", True, "sms")
    assert objection.flag_by == add_working_days(timezone.localdate(), 1)
    assert CreditRecord.objects.get(pk=penalty.pk).state == "active"  # punishment not suspended yet
    check = FilerPhoneCheck.objects.get()
    assert check.used_at is not None and MOBILE not in (check.phone_hash + check.phone_masked)


def test_a_used_or_wrong_code_cannot_be_used_again(penalty, sms_outbox):
    send_filer_code(phone=MOBILE)
    code = texted_code(sms_outbox)
    wrong = f"{(int(code) + 1) % 1_000_000:06d}"
    with pytest.raises(DomainError) as refused:
        third_party(penalty, wrong)
    assert refused.value.code == "wrong_code" and "还可以输入4次" in refused.value.message
    objection, _ = third_party(penalty, code)
    reject = objection  # the record is free again once this one is answered
    from publiccredit.objections.services import reject_objection

    reject_objection(objection=reject, reason="与记录无关", actor=None)
    with pytest.raises(DomainError) as reused:
        third_party(CreditRecord.objects.get(pk=penalty.pk), code)
    assert reused.value.code == "code_expired"


def test_accepting_a_third_party_objection_flags_the_record_and_starts_the_decision_period(penalty, sms_outbox,
                                                                                         market_clerk):
    send_filer_code(phone=MOBILE)
    objection, _ = third_party(penalty, texted_code(sms_outbox))
    later = timezone.localdate() + dt.timedelta(days=1)
    accepted = accept_objection(objection=objection, actor=market_clerk, organization=market_clerk.organization,
                                today=later)
    assert accepted.state == "flagged" and accepted.flagged_at is not None
    assert accepted.decide_by == add_working_days(later, 5)
    assert CreditRecord.objects.get(pk=penalty.pk).state == "objection"


def test_a_third_party_objection_left_unanswered_past_its_day_is_accepted_by_the_platform(penalty, sms_outbox):
    send_filer_code(phone=MOBILE)
    objection, _ = third_party(penalty, texted_code(sms_outbox))
    assert accept_overdue(today=objection.flag_by) == 0
    assert accept_overdue(today=objection.flag_by + dt.timedelta(days=1)) == 1
    objection.refresh_from_db()
    assert objection.state == "flagged" and "自动受理" in objection.steps.last().note
    assert CreditRecord.objects.get(pk=penalty.pk).state == "objection"


def test_claiming_to_be_the_subject_without_its_bound_account_is_refused(penalty, sms_outbox):
    send_filer_code(phone=MOBILE)
    with pytest.raises(DomainError) as refused:
        third_party(penalty, texted_code(sms_outbox), filer_kind="subject")
    assert refused.value.code == "subject_needs_account"


def test_the_subjects_bound_account_flags_at_once_without_a_code(penalty, credit_office_admin):
    request = register_subject_account(username="xinjiang", password="Xiufu-2026!abc", name="刘经理",
                                       phone="13800000000", subject_code=ENTERPRISE_USCC, capacity="agent")
    approve_binding(request=request, actor=credit_office_admin, note="已核对")
    account = User.objects.get(username="xinjiang")
    objection, _ = file_objection(record=penalty, filer_kind="subject", filer_name="信江光伏",
                                  contact_phone="13800000000", reasons="金额有误", actor=account, channel="portal")
    assert (objection.state, objection.identified_by, objection.third_party) == ("flagged", "account", False)
    assert CreditRecord.objects.get(pk=penalty.pk).state == "objection"


def test_a_department_window_vouches_for_the_filer_and_a_third_party_still_waits(penalty):
    own, _ = file_objection(record=penalty, filer_kind="subject", filer_name="信江光伏", contact_phone="0793-8888888",
                            reasons="金额有误", actor=None, channel="window")
    assert (own.state, own.identified_by) == ("flagged", "department")
    decided = Objection.objects.get(pk=own.pk)
    from publiccredit.objections.services import reject_objection

    reject_objection(objection=decided, reason="测试", actor=None)
    other, _ = file_objection(record=CreditRecord.objects.get(pk=penalty.pk), filer_kind="agent", filer_name="李律师",
                              contact_phone="0793-8888888", reasons="受托提出", actor=None, channel="api")
    assert (other.state, other.identified_by, other.third_party) == ("received", "department", True)


def test_the_portal_form_sends_a_code_then_files_a_third_party_objection(client, penalty, sms_outbox):
    form = {"filer_kind": "concerned", "filer_name": "王某", "contact_phone": MOBILE, "reasons": "处罚对象有误"}
    page = client.post(f"/objection/{penalty.pk}/", {**form, "action": "send_code"}).content.decode()
    assert "验证码已发送至139****5678" in page
    assert ">处罚对象有误</textarea>" in page  # what was typed is kept
    done = client.post(f"/objection/{penalty.pk}/", {**form, "action": "file", "sms_code": texted_code(sms_outbox)})
    assert "信息提供单位将在" in done.content.decode()
    assert Objection.objects.get().third_party


def test_the_enterprise_sees_a_third_party_objection_on_its_record_without_the_filers_contacts(
        client, penalty, sms_outbox, credit_office_admin):
    send_filer_code(phone=MOBILE)
    objection, _ = third_party(penalty, texted_code(sms_outbox), contact_email="wang@example.com")
    request = register_subject_account(username="xinjiang", password="Xiufu-2026!abc", name="刘经理",
                                       phone="13800000000", subject_code=ENTERPRISE_USCC, capacity="agent")
    approve_binding(request=request, actor=credit_office_admin, note="已核对")
    client.force_login(User.objects.get(username="xinjiang"))
    page = client.get("/account/").content.decode()
    assert objection.number in page and "由第三方（利害关系人）提出" in page
    for contact in (MOBILE, "139****5678", "wang@example.com", "王某"):
        assert contact not in page


def test_the_provider_accepts_on_the_objection_page(client, penalty, sms_outbox, market_clerk):
    send_filer_code(phone=MOBILE)
    objection, _ = third_party(penalty, texted_code(sms_outbox))
    client.force_login(market_clerk)
    page = client.get(f"/backoffice/objections/{objection.pk}/").content.decode()
    assert "受理期限" in page and "短信验证码核验手机号码（第三方提出）" in page
    client.post(f"/backoffice/objections/{objection.pk}/accept/")
    assert Objection.objects.get().state == "flagged"


def test_codes_to_one_number_are_limited(sms_outbox):
    send_filer_code(phone=MOBILE)
    with pytest.raises(DomainError) as too_soon:
        send_filer_code(phone=MOBILE)
    assert too_soon.value.code == "too_soon"
    with pytest.raises(DomainError) as landline:
        send_filer_code(phone="0793-8888888")
    assert landline.value.code == "not_a_mobile"
