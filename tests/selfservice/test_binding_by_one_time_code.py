"""An account is bound at once by a one-time code texted to the subject's registered mobile number, never to the
number the applicant typed; codes are hashed, expire, allow few attempts and are sent sparingly."""

import datetime as dt
import re

import pytest
from django.utils import timezone

from publiccredit.accounts.models import User
from publiccredit.audit.models import AuditEntry
from publiccredit.core.errors import DomainError, PermissionDenied
from publiccredit.events.models import OutboxEvent
from publiccredit.selfservice import services
from publiccredit.selfservice.models import BindingCode, BindingRequest
from publiccredit.subjects.services import set_registered_contact
from tests.conftest import ENTERPRISE_USCC

pytestmark = pytest.mark.django_db

PASSWORD = "Bangding-2026!xyz"
REGISTERED = "13912345678"


@pytest.fixture
def registered(enterprise, credit_office_admin):
    return set_registered_contact(subject=enterprise, phone=REGISTERED, source="市场监管局企业登记联络员信息",
                                  actor=credit_office_admin)


@pytest.fixture
def pending(enterprise):
    return services.register_subject_account(username="liu", password=PASSWORD, name="刘经理", phone="13800000000",
                                             subject_code=ENTERPRISE_USCC, capacity="agent")


def texted_code(outbox) -> str:
    return re.search(r"验证码(\d{6})", outbox[-1].body).group(1)


def test_the_code_goes_to_the_registered_number_and_binds_the_account(registered, pending, sms_outbox):
    sent = services.send_binding_code(request=pending, user=pending.user)
    assert [m.recipients for m in sms_outbox] == [[REGISTERED]] and sent.sent_to == "139****5678"
    code = texted_code(sms_outbox)
    assert code not in str(list(BindingCode.objects.values()))  # only a keyed hash is stored
    bound = services.confirm_binding_code(request=pending, user=pending.user, code=code)
    assert bound.state == BindingRequest.State.APPROVED and bound.method == BindingRequest.Method.SMS_CODE
    assert User.objects.get(pk=pending.user_id).subject_id == pending.subject_id
    assert "139****5678" in bound.note
    actions = list(AuditEntry.objects.filter(target_id=str(pending.pk)).values_list("action", flat=True))
    assert actions.count("selfservice.binding.code_sent") == 1 and "selfservice.binding.approve" in actions
    assert OutboxEvent.objects.filter(topic="selfservice.binding.approve").exists()


def test_full_width_digits_typed_on_a_chinese_keyboard_are_accepted(registered, pending, sms_outbox):
    services.send_binding_code(request=pending, user=pending.user)
    wide = texted_code(sms_outbox).translate(str.maketrans("0123456789", "０１２３４５６７８９"))
    assert services.confirm_binding_code(request=pending, user=pending.user, code=f" {wide} ").state == "approved"


def test_a_wrong_code_is_counted_and_five_wrong_codes_spend_the_code(registered, pending, sms_outbox):
    services.send_binding_code(request=pending, user=pending.user)
    right = texted_code(sms_outbox)
    wrong = f"{(int(right) + 1) % 10 ** 6:06d}"
    with pytest.raises(DomainError, match="还可以输入4次"):
        services.confirm_binding_code(request=pending, user=pending.user, code=wrong)
    assert BindingCode.objects.get().attempts == 1
    for _ in range(4):
        with pytest.raises(DomainError):
            services.confirm_binding_code(request=pending, user=pending.user, code=wrong)
    with pytest.raises(DomainError, match="输错次数过多"):
        services.confirm_binding_code(request=pending, user=pending.user, code=right)
    assert BindingRequest.objects.get(pk=pending.pk).state == BindingRequest.State.PENDING
    assert AuditEntry.objects.filter(action="selfservice.binding.code_wrong").count() == 5


def test_an_expired_code_no_longer_binds(registered, pending, sms_outbox):
    services.send_binding_code(request=pending, user=pending.user)
    BindingCode.objects.update(expires_at=timezone.now() - dt.timedelta(seconds=1))
    with pytest.raises(DomainError, match="已失效"):
        services.confirm_binding_code(request=pending, user=pending.user, code=texted_code(sms_outbox))


def test_a_new_code_is_sent_only_after_a_minute_and_replaces_the_previous_one(registered, pending, sms_outbox):
    services.send_binding_code(request=pending, user=pending.user)
    first = texted_code(sms_outbox)
    with pytest.raises(DomainError, match="秒后再重新获取"):
        services.send_binding_code(request=pending, user=pending.user)
    assert len(sms_outbox) == 1
    BindingCode.objects.update(sent_at=timezone.now() - dt.timedelta(minutes=2))
    services.send_binding_code(request=pending, user=pending.user)
    second = texted_code(sms_outbox)
    if first != second:  # one in a million they are equal; then the old code is simply the new one
        with pytest.raises(DomainError):
            services.confirm_binding_code(request=pending, user=pending.user, code=first)
    assert services.confirm_binding_code(request=pending, user=pending.user, code=second).state == "approved"


def test_at_most_five_codes_a_day_are_sent_for_a_request(registered, pending, sms_outbox):
    for _ in range(services.CODES_PER_DAY):
        services.send_binding_code(request=pending, user=pending.user)
        BindingCode.objects.update(sent_at=timezone.now() - dt.timedelta(minutes=2))
    with pytest.raises(DomainError, match="24小时内最多获取5次"):
        services.send_binding_code(request=pending, user=pending.user)
    assert len(sms_outbox) == services.CODES_PER_DAY


def test_many_accounts_cannot_flood_the_registered_number(registered, sms_outbox):
    for n in range(services.CODES_PER_SUBJECT_DAY):
        request = services.register_subject_account(username=f"u{n}", password=PASSWORD, name="张三",
                                                    phone="13800000000", subject_code=ENTERPRISE_USCC,
                                                    capacity="agent")
        services.send_binding_code(request=request, user=request.user)
    one_more = services.register_subject_account(username="u-last", password=PASSWORD, name="张三",
                                                 phone="13800000000", subject_code=ENTERPRISE_USCC, capacity="agent")
    with pytest.raises(DomainError, match="该主体24小时内的验证码发送次数已达上限"):
        services.send_binding_code(request=one_more, user=one_more.user)
    assert len(sms_outbox) == services.CODES_PER_SUBJECT_DAY


def test_a_subject_without_a_registered_number_is_sent_to_the_window(pending, sms_outbox):
    assert services.code_destination(pending) is None
    with pytest.raises(DomainError, match="没有登记手机号码"):
        services.send_binding_code(request=pending, user=pending.user)
    assert sms_outbox == [] and not BindingCode.objects.exists()


def test_a_failed_text_leaves_no_code_behind(registered, pending, settings):
    settings.SMS_BACKEND = "publiccredit.notifications.sms_gateway.SmsBackend"
    settings.SMS_GATEWAY_URL = "http://127.0.0.1:9/unreachable"
    with pytest.raises(DomainError, match="短信发送失败"):
        services.send_binding_code(request=pending, user=pending.user)
    assert not BindingCode.objects.exists()


def test_only_the_account_that_asked_may_send_or_use_a_code(registered, pending, sms_outbox):
    other = services.register_subject_account(username="other", password=PASSWORD, name="王五", phone="13700000000",
                                              subject_code=ENTERPRISE_USCC, capacity="agent")
    with pytest.raises(PermissionDenied):
        services.send_binding_code(request=pending, user=other.user)
    services.send_binding_code(request=pending, user=pending.user)
    with pytest.raises(PermissionDenied):
        services.confirm_binding_code(request=pending, user=other.user, code=texted_code(sms_outbox))


def test_a_request_a_clerk_decided_needs_no_code(registered, pending, credit_office_admin):
    services.approve_binding(request=pending, actor=credit_office_admin, note="核对营业执照")
    assert BindingRequest.objects.get(pk=pending.pk).method == BindingRequest.Method.CLERK
    with pytest.raises(DomainError, match="状态为“已绑定”"):
        services.send_binding_code(request=BindingRequest.objects.get(pk=pending.pk), user=pending.user)


# ---- the portal ---------------------------------------------------------------------------------------------------
def test_the_portal_offers_the_code_names_the_masked_number_and_binds(client, registered, enterprise, sms_outbox):
    response = client.post("/account/register/", {
        "username": "liu", "password": PASSWORD, "password2": PASSWORD, "name": "刘经理", "phone": "13800000000",
        "subject_code": ENTERPRISE_USCC, "capacity": "legal_representative"})
    assert response.url == "/account/"
    page = client.get("/account/").content.decode()
    assert "短信验证码核验" in page and "139****5678" in page and REGISTERED not in page
    binding = BindingRequest.objects.get()
    page = client.post(f"/account/binding/{binding.pk}/", {"action": "send"}, follow=True).content.decode()
    assert "验证码已发送至登记手机号码139****5678" in page
    page = client.post(f"/account/binding/{binding.pk}/", {"action": "confirm", "code": "abcdef"},
                       follow=True).content.decode()
    assert "验证码不正确" in page and 'role="alert"' in page
    page = client.post(f"/account/binding/{binding.pk}/",
                       {"action": "confirm", "code": texted_code(sms_outbox)}, follow=True).content.decode()
    assert f"账号已绑定“{enterprise.name}”" in page and "失信信息与信用修复" in page
    assert BindingRequest.objects.get().method == BindingRequest.Method.SMS_CODE


def test_the_portal_says_a_subject_without_a_registered_number_must_go_to_the_window(client, enterprise):
    client.post("/account/register/", {
        "username": "liu", "password": PASSWORD, "password2": PASSWORD, "name": "刘经理", "phone": "13800000000",
        "subject_code": ENTERPRISE_USCC, "capacity": "legal_representative"})
    page = client.get("/account/").content.decode()
    assert "该主体没有登记手机号码" in page and "获取验证码" not in page


def test_another_account_cannot_use_the_code_page_of_a_request(client, registered, pending, sms_outbox):
    services.register_subject_account(username="other", password=PASSWORD, name="王五", phone="13700000000",
                                      subject_code=ENTERPRISE_USCC, capacity="agent")
    client.post("/account/login/", {"username": "other", "password": PASSWORD})
    response = client.post(f"/account/binding/{pending.pk}/", {"action": "send"})
    assert response.status_code == 404 and sms_outbox == []


# ---- asking again -------------------------------------------------------------------------------------------------
def test_a_refused_account_asks_again_from_its_page_and_can_then_use_a_code(client, registered, pending,
                                                                           credit_office_admin, sms_outbox):
    services.reject_binding(request=pending, actor=credit_office_admin, note="授权委托书无公章")
    client.post("/account/login/", {"username": "liu", "password": PASSWORD})
    page = client.get("/account/").content.decode()
    assert "未通过" in page and "申请绑定信用主体" in page and "短信验证码核验" not in page
    page = client.post("/account/binding/", {"subject_code": ENTERPRISE_USCC, "capacity": "legal_representative",
                                             "name": "刘经理", "phone": "13800000000"}, follow=True).content.decode()
    assert "绑定申请已提交" in page and "短信验证码核验" in page
    again = BindingRequest.objects.get(state=BindingRequest.State.PENDING)
    assert again.user_id == pending.user_id and again.capacity == "legal_representative"


def test_a_second_pending_request_is_refused(pending):
    with pytest.raises(DomainError, match="已有一件待核验的绑定申请"):
        services.request_binding(user=pending.user, subject_code=ENTERPRISE_USCC, capacity="agent", name="刘经理",
                                 phone="13800000000")
    assert BindingRequest.objects.count() == 1


def test_a_bound_account_cannot_ask_for_another_subject(pending, credit_office_admin):
    services.approve_binding(request=pending, actor=credit_office_admin)
    with pytest.raises(DomainError, match="已绑定"):
        services.request_binding(user=User.objects.get(pk=pending.user_id), subject_code=ENTERPRISE_USCC,
                                 capacity="agent", name="刘经理", phone="13800000000")


def test_staff_accounts_cannot_ask_for_a_binding(market_clerk):
    with pytest.raises(PermissionDenied):
        services.request_binding(user=market_clerk, subject_code=ENTERPRISE_USCC, capacity="agent", name="王",
                                 phone="13800000000")


def test_the_applicant_withdraws_a_pending_request_and_its_code_stops_working(client, registered, pending,
                                                                             sms_outbox):
    services.send_binding_code(request=pending, user=pending.user)
    client.post("/account/login/", {"username": "liu", "password": PASSWORD})
    page = client.post(f"/account/binding/{pending.pk}/", {"action": "withdraw"}, follow=True).content.decode()
    assert "绑定申请已撤回" in page and "申请绑定信用主体" in page
    assert BindingRequest.objects.get(pk=pending.pk).state == BindingRequest.State.WITHDRAWN
    with pytest.raises(DomainError, match="已撤回"):
        services.confirm_binding_code(request=BindingRequest.objects.get(pk=pending.pk), user=pending.user,
                                      code=texted_code(sms_outbox))
    assert AuditEntry.objects.filter(action="selfservice.binding.withdraw").exists()
