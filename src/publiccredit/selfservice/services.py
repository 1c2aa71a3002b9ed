"""Subject accounts: register on the portal, ask to be bound to a subject, a clerk verifies (by the business licence
or the agent's authorisation, offline) and binds. Only a bound account sees the subject's own view and applies for
repair on its records."""

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from publiccredit.accounts.models import User
from publiccredit.accounts.roles import Role
from publiccredit.audit.services import record_write
from publiccredit.core.errors import DomainError
from publiccredit.core.fields import contact_problems
from publiccredit.events.services import emit
from publiccredit.subjects.queries import subject_by_code

from .models import BindingRequest


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
    with transaction.atomic():
        user = User(username=username, role=Role.SUBJECT_USER, first_name=name.strip()[:150], phone=phone.strip()[:20])
        user.set_password(password)
        user.save()
        request = BindingRequest.objects.create(user=user, subject=subject, capacity=capacity,
                                                applicant_name=name.strip()[:50], phone=phone.strip()[:30])
        record_write(actor=user, action="selfservice.binding.request", target=request,
                     detail={"subject_id": subject.pk, "capacity": capacity})
    return request


def approve_binding(*, request: BindingRequest, actor, note: str = "") -> BindingRequest:
    with transaction.atomic():
        request = BindingRequest.objects.select_for_update().select_related("user").get(pk=request.pk)
        if request.state != BindingRequest.State.PENDING:
            raise DomainError("该申请已核验", code="wrong_state")
        request.state, request.decided_at, request.decided_by, request.note = (
            BindingRequest.State.APPROVED, timezone.now(), actor, note[:300])
        request.save()
        User.objects.filter(pk=request.user_id).update(subject=request.subject)
        record_write(actor=actor, action="selfservice.binding.approve", target=request, reason=note,
                     detail={"subject_id": request.subject_id, "user": request.user_id})
        emit("selfservice.binding.approve", {"binding": request.pk, "subject_id": request.subject_id})
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
        emit("selfservice.binding.reject", {"binding": request.pk, "subject_id": request.subject_id})
    return request
