"""Subject accounts: register on the portal, ask to be bound to a subject, and get bound either by a clerk who checks
the business licence or the agent's authorisation (offline), or at once by a one-time code sent to the mobile number
the subject registered with the authorities (``subjects.RegisteredContact``). Only a bound account sees the subject's
own view and applies for repair on its records."""

import datetime as dt
import hmac
import secrets
import unicodedata

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from publiccredit.accounts.models import User
from publiccredit.accounts.roles import Role
from publiccredit.audit.services import record_write
from publiccredit.core.crypto import lookup_hash
from publiccredit.core.errors import DomainError, PermissionDenied
from publiccredit.core.fields import contact_problems
from publiccredit.events.services import emit
from publiccredit.subjects.models import RegisteredContact
from publiccredit.subjects.queries import subject_by_code

from . import topics
from .models import BindingCode, BindingRequest

CODE_DIGITS = 6
CODE_VALID_MINUTES = 10
CODE_VALID_FOR = dt.timedelta(minutes=CODE_VALID_MINUTES)
CODE_RESEND_AFTER = dt.timedelta(seconds=60)
CODES_PER_DAY = 5
CODES_PER_SUBJECT_DAY = 10  # across all requests: registering many accounts must not flood the subject's phone
CODE_ATTEMPTS = 5


def register_subject_account(*, username: str, password: str, name: str, phone: str, subject_code: str,
                             capacity: str) -> BindingRequest:
    """A new portal account with its binding request; the account can sign in at once and sees its request."""
    username = username.strip()
    if not username or len(username) > 150:
        raise DomainError("请填写用户名（150个字符以内）", code="bad_username", field="username")
    if User.objects.filter(username=username).exists():
        raise DomainError(f"用户名“{username}”已被使用", code="duplicate_username", field="username")
    try:
        validate_password(password)
    except ValidationError as exc:
        raise DomainError("密码不符合要求：" + "；".join(exc.messages), code="weak_password", field="password") from None
    subject = _bindable_subject(subject_code=subject_code, capacity=capacity, name=name, phone=phone)
    with transaction.atomic():
        user = User(username=username, role=Role.SUBJECT_USER, first_name=name.strip()[:150], phone=phone.strip()[:20])
        user.set_password(password)
        user.save()
        return _request(user, subject, capacity=capacity, name=name, phone=phone)


def request_binding(*, user, subject_code: str, capacity: str, name: str, phone: str) -> BindingRequest:
    """A signed-in portal account not yet bound asks again (after a refusal, or for the right subject)."""
    if getattr(user, "role", None) != Role.SUBJECT_USER:
        raise PermissionDenied("只有门户账号可以申请绑定信用主体", code="not_a_portal_account")
    if user.subject_id:
        raise DomainError("账号已绑定信用主体", code="already_bound")
    subject = _bindable_subject(subject_code=subject_code, capacity=capacity, name=name, phone=phone)
    with transaction.atomic():
        User.objects.select_for_update().get(pk=user.pk)  # two tabs asking at once: the second gets the message
        if user.binding_requests.filter(state=BindingRequest.State.PENDING).exists():
            raise DomainError("已有一件待核验的绑定申请，请先完成核验", code="pending_exists")
        return _request(user, subject, capacity=capacity, name=name, phone=phone)


def _bindable_subject(*, subject_code: str, capacity: str, name: str, phone: str):
    subject = subject_by_code(subject_code)
    if subject is None:
        raise DomainError("没有找到该信用主体：请填写正确的统一社会信用代码或身份证号码", code="subject_not_found",
                          field="subject_code")
    if capacity not in BindingRequest.Capacity.values:
        raise DomainError("请选择您的身份", code="bad_capacity", field="capacity")
    if (capacity == BindingRequest.Capacity.SELF) != subject.is_person:
        raise DomainError("自然人只能以“本人”身份绑定；单位须由法定代表人或经办人绑定", code="capacity_mismatch",
                          field="capacity")
    if not name.strip() or not phone.strip():
        raise DomainError("请填写姓名和联系电话", code="missing_fields")
    bad_contact = contact_problems(phone)
    if bad_contact:
        raise DomainError("；".join(bad_contact), code="bad_contact", field="phone")
    return subject


def _request(user, subject, *, capacity: str, name: str, phone: str) -> BindingRequest:
    request = BindingRequest.objects.create(user=user, subject=subject, capacity=capacity,
                                            applicant_name=name.strip()[:50], phone=phone.strip()[:30])
    record_write(actor=user, action="selfservice.binding.request", target=request,
                 detail={"subject_id": subject.pk, "capacity": capacity})
    return request


def approve_binding(*, request: BindingRequest, actor, note: str = "") -> BindingRequest:
    with transaction.atomic():
        request = BindingRequest.objects.select_for_update().select_related("user").get(pk=request.pk)
        return _bind(request, actor=actor, note=note, method=BindingRequest.Method.CLERK)


def _bind(request: BindingRequest, *, actor, note: str, method: str) -> BindingRequest:
    """Inside the caller's transaction, with ``request`` locked."""
    if request.state != BindingRequest.State.PENDING:
        raise DomainError("该申请已核验", code="wrong_state")
    request.state, request.decided_at, request.decided_by, request.note, request.method = (
        BindingRequest.State.APPROVED, timezone.now(), actor, note[:300], method)
    request.save()
    User.objects.filter(pk=request.user_id).update(subject=request.subject)
    record_write(actor=actor, action="selfservice.binding.approve", target=request, reason=note,
                 detail={"subject_id": request.subject_id, "user": request.user_id, "method": method})
    emit(topics.BINDING_APPROVED, {"binding": request.pk, "subject_id": request.subject_id})
    return request


def reject_binding(*, request: BindingRequest, actor, note: str) -> BindingRequest:
    if not note.strip():
        raise DomainError("请说明未通过的原因", code="reason_required", field="note")
    with transaction.atomic():
        request = BindingRequest.objects.select_for_update().get(pk=request.pk)
        if request.state != BindingRequest.State.PENDING:
            raise DomainError("该申请已核验", code="wrong_state")
        request.state, request.decided_at, request.decided_by, request.note = (
            BindingRequest.State.REJECTED, timezone.now(), actor, note.strip()[:300])
        request.save()
        record_write(actor=actor, action="selfservice.binding.reject", target=request, reason=note)
        emit(topics.BINDING_REJECTED, {"binding": request.pk, "subject_id": request.subject_id})
    return request


def withdraw_binding(*, request: BindingRequest, user) -> BindingRequest:
    """The applicant takes back a pending request (the wrong subject, or a changed mind) and may ask anew."""
    with transaction.atomic():
        locked = BindingRequest.objects.select_for_update().get(pk=request.pk)
        _own_pending(locked, user)
        locked.state, locked.decided_at, locked.note = BindingRequest.State.WITHDRAWN, timezone.now(), "申请人撤回"
        locked.save()
        record_write(actor=user, action="selfservice.binding.withdraw", target=locked)
    return locked


# ---- binding by a one-time code to the registered mobile number ----------------------------------------------------
def code_destination(request: BindingRequest) -> str | None:
    """The masked registered mobile number a code for this request would go to, or None when there is none."""
    contact = RegisteredContact.objects.filter(subject_id=request.subject_id).only("phone_masked").first()
    return contact.phone_masked if contact else None


def _code_hash(request: BindingRequest, code: str) -> str:
    return lookup_hash(f"binding:{request.pk}:{code}")


def _own_pending(request: BindingRequest, user) -> None:
    if user is None or request.user_id != getattr(user, "pk", None):
        raise PermissionDenied("只能核验本账号的绑定申请", code="not_your_request")
    if request.state != BindingRequest.State.PENDING:
        raise DomainError(f"该绑定申请的状态为“{request.get_state_display()}”，不能再办理", code="wrong_state")


def send_binding_code(*, request: BindingRequest, user) -> BindingCode:
    """Text a one-time code to the subject's registered mobile number (not to the number the applicant typed: the code
    proves the applicant is known to whoever registered the subject). A new code makes the previous one invalid."""
    _own_pending(request, user)
    contact = RegisteredContact.objects.filter(subject_id=request.subject_id).first()
    if contact is None:
        raise DomainError("该主体没有登记手机号码，无法用短信验证码核验。请携营业执照（或授权委托书、身份证）到信用窗口核验，"
                          "或等待工作人员联系。", code="no_registered_contact")
    now = timezone.now()
    with transaction.atomic():
        locked = BindingRequest.objects.select_for_update().select_related("subject").get(pk=request.pk)
        last = locked.codes.order_by("-sent_at", "-id").first()
        if last and now - last.sent_at < CODE_RESEND_AFTER:
            wait = int((CODE_RESEND_AFTER - (now - last.sent_at)).total_seconds()) + 1
            raise DomainError(f"验证码已发送至{last.sent_to}，请{wait}秒后再重新获取", code="too_soon")
        if locked.codes.filter(sent_at__gte=now - dt.timedelta(days=1)).count() >= CODES_PER_DAY:
            raise DomainError(f"24小时内最多获取{CODES_PER_DAY}次验证码，请明天再试，或到信用窗口核验",
                              code="too_many_codes")
        if BindingCode.objects.filter(request__subject_id=locked.subject_id,
                                      sent_at__gte=now - dt.timedelta(days=1)).count() >= CODES_PER_SUBJECT_DAY:
            raise DomainError("该主体24小时内的验证码发送次数已达上限，请明天再试，或到信用窗口核验",
                              code="too_many_codes_for_subject")
        code = f"{secrets.randbelow(10 ** CODE_DIGITS):0{CODE_DIGITS}d}"
        locked.codes.filter(used_at__isnull=True, expires_at__gt=now).update(expires_at=now)
        sent = BindingCode.objects.create(request=locked, code_hash=_code_hash(locked, code),
                                          sent_to=contact.phone_masked, expires_at=now + CODE_VALID_FOR)
        record_write(actor=user, action="selfservice.binding.code_sent", target=locked,
                     detail={"sent_to": contact.phone_masked, "subject_id": locked.subject_id})
        _text_code(contact.phone, code, subject_name=locked.subject.name)  # a failure rolls the new code back
    return sent


def _text_code(phone: str, code: str, *, subject_name: str) -> None:
    from django.conf import settings

    from publiccredit.notifications.services import send_text

    body = (f"验证码{code}，用于将{settings.PLATFORM_NAME}账号绑定到“{subject_name}”，"
            f"{CODE_VALID_MINUTES}分钟内有效。如非本单位（本人）办理，请勿告知他人。")
    try:
        send_text(phone, body)
    except Exception:  # the gateway's own errors vary; the applicant needs one plain answer
        raise DomainError("短信发送失败，请稍后再试，或到信用窗口核验", code="sms_failed") from None


def confirm_binding_code(*, request: BindingRequest, user, code: str) -> BindingRequest:
    """Bind the account when ``code`` is the latest code sent for the request, unexpired, within its attempts."""
    _own_pending(request, user)
    code = unicodedata.normalize("NFKC", code or "").strip()
    now = timezone.now()
    with transaction.atomic():
        locked = BindingRequest.objects.select_for_update().select_related("subject").get(pk=request.pk)
        current = locked.codes.filter(used_at__isnull=True).order_by("-sent_at", "-id").first()
        if current is None or current.expires_at <= now:
            problem = DomainError("验证码已失效或尚未获取，请重新获取验证码", code="code_expired")
        elif current.attempts >= CODE_ATTEMPTS:
            problem = DomainError("验证码输错次数过多，已失效，请重新获取", code="too_many_attempts")
        elif not hmac.compare_digest(_code_hash(locked, code), current.code_hash):
            current.attempts += 1
            current.save(update_fields=["attempts"])
            record_write(actor=user, action="selfservice.binding.code_wrong", target=locked,
                         detail={"attempts": current.attempts})
            left = CODE_ATTEMPTS - current.attempts
            problem = DomainError(f"验证码不正确，还可以输入{left}次" if left else "验证码输错次数过多，已失效，请重新获取",
                                  code="wrong_code", field="code")
        else:
            current.used_at = now
            current.save(update_fields=["used_at"])
            return _bind(locked, actor=user, method=BindingRequest.Method.SMS_CODE,
                         note=f"短信验证码核验（登记手机号码{current.sent_to}）")
    raise problem  # outside the transaction, so that a wrong attempt stays counted
