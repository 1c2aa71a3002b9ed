"""Objections (异议): file → the record is flagged 异议处理中 → the providing department decides within the
configured working days: corrected (a new version delivered through intake), withdrawn, or upheld — or does not
accept an inadmissible objection. While the objection is open the record is marked to every viewer and joint
punishment resting on it is suspended (docs/repair.md); the state before the objection comes back when it is upheld
or not accepted.

Who may suspend punishment (docs/repair.md "谁可以提出异议"): the filer is identified — an account bound to the record's
subject, a mobile number proved by an SMS code, or a department that took the objection at its window or system. The
subject's own objection flags the record at once; a third party's (利害关系人, 受托代理人) waits for the provider to
accept it (受理) within ``flag_working_days``, and is accepted automatically when that day passes unanswered.

Every step is one transaction with an audit entry, a history row and an outbox event ``objections.objection.<step>``.
"""

import datetime as dt
import hmac
import secrets
import unicodedata

from django.conf import settings as django_settings
from django.db import transaction
from django.utils import timezone

from publiccredit.audit.services import record_write
from publiccredit.casework.evidence import check_files, keep_evidence
from publiccredit.casework.services import lock_case, open_case, record_step
from publiccredit.collection.models import CreditRecord, RecordVersion
from publiccredit.collection.services import change_record_state
from publiccredit.core.crypto import lookup_hash
from publiccredit.core.errors import DomainError, PermissionDenied
from publiccredit.core.fields import contact_problems, is_mobile, mask_phone, mobile_digits
from publiccredit.workdays.services import add_working_days

from .models import FilerPhoneCheck, Objection, ObjectionAttachment, ObjectionSettings

State = Objection.State
Identified = Objection.Identified
CODE_DIGITS = 6
CODE_VALID_MINUTES = 10
CODE_RESEND_AFTER = dt.timedelta(seconds=60)
CODES_PER_PHONE_DAY = 5
CODE_ATTEMPTS = 5
# Objections taken by a department (its window, its system through the API) name a filer the department identified.
DEPARTMENT_CHANNELS = ("window", "api")
OBJECTIONABLE_STATES = (CreditRecord.State.ACTIVE, CreditRecord.State.CORRECTED, CreditRecord.State.EXPIRED)


def objection_problems(record: CreditRecord) -> list[str]:
    problems = []
    if record.state == CreditRecord.State.OBJECTION or Objection.objects.filter(
            record=record, state__in=Objection.OPEN_STATES).exists():
        problems.append("该记录已有一件正在处理的异议，请勿重复提交；可凭异议编号和查询码查看进度")
    elif record.state not in OBJECTIONABLE_STATES:
        problems.append(f"该记录当前为“{record.get_state_display()}”，已不再公示或使用，无需提出异议")
    if record.subject_id is None:
        problems.append("该记录尚未关联信用主体")
    return problems


def _step(objection: Objection, *, action: str, actor, note: str = "", detail: dict | None = None) -> None:
    record_step(objection, action=action, actor=actor, note=note, detail=detail,
                payload={"provider": objection.provider_id})


# ---- the filer's mobile number, proved by a one-time code ------------------------------------------------------------
def _phone_hash(phone: str) -> str:
    return lookup_hash(f"objection-filer:{mobile_digits(phone)}")


def _code_hash(check_phone_hash: str, code: str) -> str:
    return lookup_hash(f"objection-code:{check_phone_hash}:{code}")


def send_filer_code(*, phone: str, actor=None) -> FilerPhoneCheck:
    """Text a one-time code to the mobile number the filer gives; the objection is then filed with that code."""
    if not is_mobile(phone):
        raise DomainError("请填写能接收短信的手机号码（11位），用于接收验证码和处理结果", code="not_a_mobile",
                          field="contact_phone")
    phone_hash, now = _phone_hash(phone), timezone.now()
    sent = FilerPhoneCheck.objects.filter(phone_hash=phone_hash)
    last = sent.first()
    if last and now - last.sent_at < CODE_RESEND_AFTER:
        wait = int((CODE_RESEND_AFTER - (now - last.sent_at)).total_seconds()) + 1
        raise DomainError(f"验证码已发送至{last.phone_masked}，请{wait}秒后再重新获取", code="too_soon")
    if sent.filter(sent_at__gte=now - dt.timedelta(days=1)).count() >= CODES_PER_PHONE_DAY:
        raise DomainError(f"该手机号码24小时内最多获取{CODES_PER_PHONE_DAY}次验证码，请明天再试，或到信用窗口提出异议",
                          code="too_many_codes")
    code = f"{secrets.randbelow(10 ** CODE_DIGITS):0{CODE_DIGITS}d}"
    with transaction.atomic():
        sent.filter(used_at__isnull=True, expires_at__gt=now).update(expires_at=now)
        check = FilerPhoneCheck.objects.create(phone_hash=phone_hash, phone_masked=mask_phone(mobile_digits(phone)),
                                               code_hash=_code_hash(phone_hash, code),
                                               expires_at=now + dt.timedelta(minutes=CODE_VALID_MINUTES))
        record_write(actor=actor, action="objections.filer_code.sent", target=check,
                     detail={"sent_to": check.phone_masked})
        from publiccredit.notifications.services import send_text

        try:
            send_text(mobile_digits(phone), f"验证码{code}，用于在{django_settings.PLATFORM_NAME}提出信用信息异议，"
                                            f"{CODE_VALID_MINUTES}分钟内有效。如非本人操作，请忽略。")
        except Exception:  # the gateway's own errors vary; the filer needs one plain answer
            raise DomainError("短信发送失败，请稍后再试，或到信用窗口提出异议", code="sms_failed") from None
    return check


def _use_filer_code(phone: str, code: str) -> FilerPhoneCheck:
    """The latest unexpired code for the number, within its attempts; marked used. A wrong code is counted."""
    code = unicodedata.normalize("NFKC", code or "").strip()
    if not code:
        raise DomainError("请先获取并填写短信验证码：提出异议须核验手机号码（已登录并绑定主体的账号除外）",
                          code="filer_not_identified", field="sms_code")
    phone_hash, now = _phone_hash(phone), timezone.now()
    with transaction.atomic():
        current = (FilerPhoneCheck.objects.select_for_update().filter(phone_hash=phone_hash, used_at__isnull=True)
                   .first())
        if current is None or current.expires_at <= now:
            problem = DomainError("验证码已失效或尚未获取，请重新获取验证码", code="code_expired", field="sms_code")
        elif current.attempts >= CODE_ATTEMPTS:
            problem = DomainError("验证码输错次数过多，已失效，请重新获取", code="too_many_attempts", field="sms_code")
        elif not hmac.compare_digest(_code_hash(phone_hash, code), current.code_hash):
            current.attempts += 1
            current.save(update_fields=["attempts"])
            left = CODE_ATTEMPTS - current.attempts
            problem = DomainError(f"验证码不正确，还可以输入{left}次" if left else "验证码输错次数过多，已失效，请重新获取",
                                  code="wrong_code", field="sms_code")
        else:
            current.used_at = now
            current.save(update_fields=["used_at"])
            return current
    raise problem  # outside the transaction, so that a wrong attempt stays counted


def filer_identity(*, record: CreditRecord, filer_kind: str, contact_phone: str, actor, channel: str,
                   sms_code: str = "") -> tuple[str, bool]:
    """(how the filer was identified, whether a third party files). Raises when the filer is not identified."""
    own_account = bool(getattr(actor, "is_authenticated", False) and getattr(actor, "subject_id", None)
                       and actor.subject_id == record.subject_id)
    if own_account:
        return Identified.ACCOUNT, filer_kind != Objection.Filer.SUBJECT
    if channel in DEPARTMENT_CHANNELS:
        return Identified.DEPARTMENT, filer_kind != Objection.Filer.SUBJECT
    if filer_kind == Objection.Filer.SUBJECT:
        raise DomainError("以信用主体本人（本单位）名义提出异议，请先登录并绑定该主体；也可以利害关系人或受托代理人"
                          "身份提出，经信息提供单位受理后标注", code="subject_needs_account", field="filer_kind")
    if not is_mobile(contact_phone):
        raise DomainError("请填写能接收短信的手机号码（11位），用于核验身份和接收处理结果", code="not_a_mobile",
                          field="contact_phone")
    _use_filer_code(contact_phone, sms_code)
    return Identified.SMS, True


def file_objection(*, record: CreditRecord, filer_kind: str, filer_name: str, contact_phone: str, reasons: str,
                   actor, channel: str, requested: str = "", contact_email: str = "", files=(), sms_code: str = "",
                   today: dt.date | None = None) -> tuple[Objection, str]:
    """File an objection. The subject's own flags the record at once; a third party's waits for 受理. Returns the
    objection and its query code (shown once)."""
    today = today or timezone.localdate()
    files = list(files or [])
    problems = objection_problems(record)
    if problems:
        raise DomainError("；".join(problems), code="not_objectionable", field="record")
    if filer_kind not in Objection.Filer.values:
        raise DomainError("请选择提出人身份（本人/本单位、利害关系人或受托代理人）", code="bad_filer", field="filer_kind")
    missing = [label for label, value in (("提出人", filer_name), ("联系电话", contact_phone), ("异议事项和理由", reasons))
               if not str(value or "").strip()]
    if missing:
        raise DomainError(f"请填写：{'、'.join(missing)}", code="missing_fields")
    bad_contact = contact_problems(contact_phone, contact_email)
    if bad_contact:
        raise DomainError("；".join(bad_contact), code="bad_contact", field="contact_phone")
    check_files(files)
    identified_by, third_party = filer_identity(record=record, filer_kind=filer_kind, contact_phone=contact_phone,
                                                actor=actor, channel=channel, sms_code=sms_code)
    settings = ObjectionSettings.current()

    def create(**case) -> Objection:
        locked = CreditRecord.objects.select_for_update().select_related("item").get(pk=record.pk)
        problems = objection_problems(locked)
        if problems:
            raise DomainError("；".join(problems), code="not_objectionable", field="record")
        now = timezone.now()
        objection = Objection.objects.create(
            **case, record=locked, provider_id=locked.provider_id,
            state=State.RECEIVED if third_party else State.FLAGGED, filer_kind=filer_kind,
            filer_name=filer_name.strip()[:200], contact_phone=contact_phone.strip()[:30],
            contact_email=contact_email.strip(), submitted_by=actor if getattr(actor, "pk", None) else None,
            identified_by=identified_by, third_party=third_party,
            channel=channel, reasons=reasons.strip(), requested=requested.strip()[:300],
            record_state_before=locked.state, record_version_filed=locked.version, filed_at=now,
            flag_by=add_working_days(today, settings.flag_working_days),
            flagged_at=None if third_party else now,
            decide_by=add_working_days(today, settings.decide_working_days))
        keep_evidence(objection.attachments, files, folder=f"objections/{objection.number}")
        if not third_party:
            _flag(objection, locked, actor=actor)
        # a third party's is only received: the provider is asked to accept it (topics differ, and so do
        # the messages to the filer, the subject and the department)
        _step(objection, action="receive" if third_party else "file", actor=actor, note=reasons.strip()[:500],
              detail={"files": len(files), "identified_by": identified_by, "third_party": third_party})
        return objection

    return open_case(Objection, today=today, create=create)


def _flag(objection: Objection, record: CreditRecord, *, actor) -> None:
    change_record_state(record=record, state=CreditRecord.State.OBJECTION, actor=actor,
                        action="collection.record.objection", reason=f"异议 {objection.number}",
                        detail={"objection": objection.number})


def accept_objection(*, objection: Objection, actor, organization=None, today: dt.date | None = None,
                     note: str = "") -> Objection:
    """受理 a third party's objection: the record is flagged 异议处理中 and punishment on it suspended from now;
    the decision period runs from acceptance."""
    today = today or timezone.localdate()
    with transaction.atomic():
        objection = _locked(objection, State.RECEIVED, doing="受理", organization=organization)
        record = CreditRecord.objects.select_for_update().select_related("item").get(pk=objection.record_id)
        if record.state not in OBJECTIONABLE_STATES:
            raise DomainError(f"该记录已为“{record.get_state_display()}”，无需受理后标注，请作不予受理或处理完毕",
                              code="record_changed")
        objection.state, objection.flagged_at = State.FLAGGED, timezone.now()
        objection.record_state_before = record.state
        objection.decide_by = add_working_days(today, ObjectionSettings.current().decide_working_days)
        objection.save()
        _flag(objection, record, actor=actor)
        _step(objection, action="accept", actor=actor, note=note or "已受理，标注“异议处理中”")
    return objection


def accept_overdue(*, today: dt.date | None = None) -> int:
    """Third-party objections left unanswered past their 受理 deadline are accepted by the platform: the filer is
    not made to wait on a department's silence. Run by Celery beat (``objections.accept_overdue``)."""
    today = today or timezone.localdate()
    accepted = 0
    for objection in Objection.objects.filter(state=State.RECEIVED, flag_by__lt=today).order_by("pk"):
        try:
            accept_objection(objection=objection, actor=None, today=today,
                             note=f"提供单位未在受理期限（{objection.flag_by:%Y年%m月%d日}）内答复，平台自动受理")
        except DomainError:
            continue  # handled meanwhile
        accepted += 1
    return accepted


def _locked(objection: Objection, *states: str, doing: str, organization=None) -> Objection:
    if organization is not None and objection.provider_id != organization.pk:
        raise PermissionDenied("只有提供该信息的单位可以处理这件异议", code="not_your_record")
    return lock_case(objection, *states, doing=doing)


def _restore(objection: Objection, *, actor, reason: str) -> None:
    record = CreditRecord.objects.select_for_update().select_related("item").get(pk=objection.record_id)
    if record.state == CreditRecord.State.OBJECTION:
        change_record_state(record=record, state=objection.record_state_before or CreditRecord.State.ACTIVE,
                            actor=actor, action="collection.record.objection", reason=reason,
                            detail={"objection": objection.number})


def reject_objection(*, objection: Objection, reason: str, actor, organization=None) -> Objection:
    """不予受理 (no relation to the record, no reasons given …): the flag is taken off, with the reason."""
    if not reason.strip():
        raise DomainError("不予受理须说明理由", code="reason_required", field="reason")
    with transaction.atomic():
        objection = _locked(objection, State.RECEIVED, State.FLAGGED, doing="不予受理", organization=organization)
        objection.state, objection.decided_at = State.NOT_ACCEPTED, timezone.now()
        objection.decided_by = actor if getattr(actor, "pk", None) else None
        objection.decision_reason, objection.filer_notified_at = reason.strip(), timezone.now()
        objection.save()
        _restore(objection, actor=actor, reason=f"异议 {objection.number} 不予受理")
        _step(objection, action="reject", actor=actor, note=reason.strip())
    return objection


def decide_objection(*, objection: Objection, outcome: str, reason: str, actor, organization=None) -> Objection:
    """The providing department's decision. ``corrected`` needs the corrected version delivered first (same decision
    number through the API or an upload); ``withdrawn`` withdraws the record; ``upheld`` restores it."""
    if outcome not in Objection.OUTCOMES:
        raise DomainError("处理结果须为：已更正、已撤销记录或维持原记录", code="bad_outcome", field="outcome")
    if not reason.strip():
        raise DomainError("请写明处理理由", code="reason_required", field="reason")
    with transaction.atomic():
        objection = _locked(objection, State.FLAGGED, doing="作出处理决定", organization=organization)
        record = CreditRecord.objects.select_for_update().select_related("item").get(pk=objection.record_id)
        if outcome == State.CORRECTED:
            if record.version <= objection.record_version_filed:
                raise DomainError("请先报送更正后的记录（同一决定文书号重新报送即为更正），再作出“已更正”的决定",
                                  code="correction_not_delivered")
            if record.state == CreditRecord.State.OBJECTION:
                change_record_state(record=record, state=CreditRecord.State.CORRECTED, actor=actor,
                                    action="collection.record.objection", reason=f"异议 {objection.number} 已更正")
        elif outcome == State.WITHDRAWN:
            change_record_state(record=record, state=CreditRecord.State.WITHDRAWN, actor=actor,
                                action="collection.record.objection", reason=f"异议 {objection.number}：{reason.strip()}",
                                version_change=RecordVersion.Change.WITHDRAWN)
        else:
            _restore(objection, actor=actor, reason=f"异议 {objection.number} 维持原记录")
        now = timezone.now()
        objection.state, objection.decided_at, objection.decision_reason = outcome, now, reason.strip()
        objection.decided_by = actor if getattr(actor, "pk", None) else None
        objection.filer_notified_at = now  # the result is on the progress page; the event lets SMS/e-mail follow
        objection.save()
        _step(objection, action="decide", actor=actor, note=reason.strip(), detail={"outcome": outcome})
    return objection


def review_problems(objection: Objection, *, today: dt.date | None = None) -> list[str]:
    """Why the filer cannot ask the credit office to review this objection's outcome now (empty when it can)."""
    today = today or timezone.localdate()
    if objection.review_requested_at is not None:
        return ["该异议已申请过复核"]
    if objection.state not in Objection.REVIEWABLE_STATES or objection.decided_at is None:
        return ["只有“维持原记录”或“不予受理”的异议可以申请复核"]
    last_day = add_working_days(timezone.localtime(objection.decided_at).date(),
                                ObjectionSettings.current().review_request_working_days)
    if today > last_day:
        return [f"申请复核的期限已于{last_day:%Y年%m月%d日}届满"]
    return []


def request_review(*, objection: Objection, reasons: str, actor, files=(), today: dt.date | None = None) -> Objection:
    """The filer asks the credit office (the platform's competent department) to review an upheld or not accepted
    objection (DESIGN §5: the outcome is appealable to a review), with new evidence if any. The record keeps its
    state meanwhile."""
    today = today or timezone.localdate()
    files = list(files or [])
    if not reasons.strip():
        raise DomainError("请写明申请复核的理由", code="reason_required", field="reasons")
    check_files(files)
    with transaction.atomic():
        objection = Objection.objects.select_for_update().select_related("record__item").get(pk=objection.pk)
        problems = review_problems(objection, today=today)
        if problems:
            raise DomainError("；".join(problems), code="not_reviewable")
        objection.review_requested_at, objection.review_reasons = timezone.now(), reasons.strip()
        objection.review_by = add_working_days(today, ObjectionSettings.current().review_working_days)
        objection.save()
        keep_evidence(objection.attachments, files, folder=f"objections/{objection.number}",
                      stage=ObjectionAttachment.Stage.REVIEW)
        _step(objection, action="review", actor=actor, note=f"申请复核：{reasons.strip()[:480]}",
              detail={"files": len(files)})
    return objection


def decide_review(*, objection: Objection, outcome: str, reason: str, actor,
                  today: dt.date | None = None) -> Objection:
    """The credit office's review: confirm the department's outcome, or send the objection back to it — the record
    is flagged 异议处理中 again (punishment suspended) and the department decides anew within the usual deadline."""
    today = today or timezone.localdate()
    if outcome not in Objection.ReviewOutcome.values:
        raise DomainError("复核结果须为：维持处理结果或责令重新处理", code="bad_outcome", field="outcome")
    if not reason.strip():
        raise DomainError("请写明复核理由", code="reason_required", field="reason")
    with transaction.atomic():
        objection = Objection.objects.select_for_update().select_related("record__item").get(pk=objection.pk)
        if not objection.under_review:
            raise DomainError("该异议没有待决定的复核申请", code="wrong_state")
        objection.review_outcome, objection.review_reason = outcome, reason.strip()
        objection.review_decided_at = timezone.now()
        objection.review_decided_by = actor if getattr(actor, "pk", None) else None
        if outcome == Objection.ReviewOutcome.REOPENED:
            record = CreditRecord.objects.select_for_update().select_related("item").get(pk=objection.record_id)
            if Objection.objects.filter(record=record, state__in=Objection.OPEN_STATES).exclude(pk=objection.pk).exists():
                raise DomainError("该记录另有一件正在处理的异议，请在那件异议中一并处理", code="another_open")
            objection.state, objection.decided_at, objection.decided_by = State.FLAGGED, None, None
            objection.record_state_before, objection.record_version_filed = record.state, record.version
            objection.decide_by = add_working_days(today, ObjectionSettings.current().decide_working_days)
            if record.state in OBJECTIONABLE_STATES:
                change_record_state(record=record, state=CreditRecord.State.OBJECTION, actor=actor,
                                    action="collection.record.objection", reason=f"异议 {objection.number} 复核后重新处理",
                                    detail={"objection": objection.number})
        objection.save()
        _step(objection, action="review_decide", actor=actor,
              note=f"{objection.get_review_outcome_display()}：{reason.strip()[:480]}", detail={"outcome": outcome})
    return objection
