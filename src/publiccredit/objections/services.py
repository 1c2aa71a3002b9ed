"""Objections (异议): file → the record is flagged 异议处理中 at once (the rule allows one working day; flagging on
filing meets it by construction) → the providing department decides within the configured working days: corrected
(a new version delivered through intake), withdrawn, or upheld — or does not accept an inadmissible objection. While
the objection is open the record is marked to every viewer and joint punishment resting on it is suspended
(DESIGN §5); the state before the objection comes back when it is upheld or not accepted.

Every step is one transaction with an audit entry, a history row and an outbox event ``objections.objection.<step>``.
"""

import datetime as dt

from django.db import IntegrityError, transaction
from django.utils import timezone

from publiccredit.audit.services import record_write
from publiccredit.collection.models import CreditRecord, RecordVersion
from publiccredit.collection.services import change_record_state
from publiccredit.core.crypto import lookup_hash
from publiccredit.core.errors import DomainError, PermissionDenied
from publiccredit.core.evidence import check_files, keep_evidence, new_query_code, next_number
from publiccredit.core.fields import contact_problems
from publiccredit.events.services import emit
from publiccredit.workdays.services import add_working_days

from .models import Objection, ObjectionAttachment, ObjectionSettings, ObjectionStep

State = Objection.State
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
    ObjectionStep.objects.create(objection=objection, state=objection.state,
                                 actor=actor if getattr(actor, "pk", None) else None, note=note)
    record_write(actor=actor, action=f"objections.objection.{action}", target=objection, reason=note,
                 detail={"record": objection.record_id, "state": objection.state, **(detail or {})})
    emit(f"objections.objection.{action}", {"objection": objection.pk, "number": objection.number,
                                            "record": objection.record_id, "provider": objection.provider_id,
                                            "state": objection.state})


def file_objection(*, record: CreditRecord, filer_kind: str, filer_name: str, contact_phone: str, reasons: str,
                   actor, channel: str, requested: str = "", contact_email: str = "", files=(),
                   today: dt.date | None = None) -> tuple[Objection, str]:
    """File an objection; the record is flagged at once. Returns the objection and its query code (shown once)."""
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
    settings = ObjectionSettings.current()
    code = new_query_code()
    for _ in range(5):
        try:
            with transaction.atomic():
                locked = CreditRecord.objects.select_for_update().select_related("item").get(pk=record.pk)
                problems = objection_problems(locked)
                if problems:
                    raise DomainError("；".join(problems), code="not_objectionable", field="record")
                now = timezone.now()
                objection = Objection.objects.create(
                    number=next_number(Objection, prefix="YY", day=today), query_code_hash=lookup_hash(code),
                    record=locked, provider_id=locked.provider_id, state=State.FLAGGED, filer_kind=filer_kind,
                    filer_name=filer_name.strip()[:200], contact_phone=contact_phone.strip()[:30],
                    contact_email=contact_email.strip(), submitted_by=actor if getattr(actor, "pk", None) else None,
                    channel=channel, reasons=reasons.strip(), requested=requested.strip()[:300],
                    record_state_before=locked.state, record_version_filed=locked.version, filed_at=now,
                    flag_by=add_working_days(today, settings.flag_working_days), flagged_at=now,
                    decide_by=add_working_days(today, settings.decide_working_days))
                keep_evidence(objection.attachments, files, folder=f"objections/{objection.number}")
                change_record_state(record=locked, state=CreditRecord.State.OBJECTION, actor=actor,
                                    action="collection.record.objection", reason=f"异议 {objection.number}",
                                    detail={"objection": objection.number})
                _step(objection, action="file", actor=actor, note=reasons.strip()[:500],
                      detail={"files": len(files)})
            return objection, code
        except IntegrityError:
            continue  # two objections took the same number: take the next one
    raise DomainError("系统繁忙，请稍后重试", code="busy")


def _locked(objection: Objection, *states: str, doing: str, organization=None) -> Objection:
    objection = Objection.objects.select_for_update().select_related("record__item").get(pk=objection.pk)
    if organization is not None and objection.provider_id != organization.pk:
        raise PermissionDenied("只有提供该信息的单位可以处理这件异议", code="not_your_record")
    if objection.state not in states:
        raise DomainError(f"异议当前为“{objection.get_state_display()}”，不能{doing}", code="wrong_state")
    return objection


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
        objection = _locked(objection, State.FLAGGED, doing="不予受理", organization=organization)
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


def find_by_query_code(number: str, code: str) -> Objection | None:
    number, code = (number or "").strip().upper(), (code or "").strip().upper()
    if not number or not code:
        return None
    objection = Objection.objects.filter(number=number).select_related("record__item", "provider").first()
    if objection is None or objection.query_code_hash != lookup_hash(code):
        return None
    return objection
