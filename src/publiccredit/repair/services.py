"""Credit repair (信用修复): apply → accept → (return for more material → resubmit) → approve or refuse, with the
deadlines in working days. Rules (国办发〔2025〕22号; NDRC order no. 36, in force 2026-04-01): repair may be asked
after the minimum publicity period of the record's severity; it needs proof that the obligations were fulfilled and a
credit commitment; it is free; a repaired record stops being published, shared and used for punishment; the decision
is made within 10 working days and pushed to the deciding department within 3.

Every step is one transaction with an audit entry, a history row and an outbox event ``repair.application.<step>``.
"""

import datetime as dt
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from publiccredit.casework.evidence import check_files, keep_evidence
from publiccredit.casework.services import lock_case, open_case, record_step
from publiccredit.collection.models import CreditRecord, RecordVersion
from publiccredit.collection.services import change_record_state
from publiccredit.core.errors import DomainError
from publiccredit.core.fields import contact_problems
from publiccredit.workdays.services import add_working_days

from .models import RepairApplication, RepairSettings
from .rules import REPAIRABLE_STATES, record_repair_problems

State = RepairApplication.State
COMMITMENT_TEXT = (
    "本单位（本人）承诺：已纠正失信行为、履行相关义务，所提交的材料真实、准确、完整；修复后严格遵守法律法规，"
    "诚信经营。如有虚假，自愿承担相应法律责任，并同意将违背承诺的情况记入信用记录。")


@dataclass
class Applicant:
    name: str
    contact_name: str
    contact_phone: str
    contact_email: str = ""

    @classmethod
    def from_form(cls, values) -> "Applicant":
        """From a portal form, the window's form or an API body: the same field names everywhere."""
        return cls(name=values.get("applicant_name", ""), contact_name=values.get("contact_name", ""),
                   contact_phone=values.get("contact_phone", ""), contact_email=values.get("contact_email", ""))


def repair_problems(record: CreditRecord, *, today: dt.date | None = None) -> list[str]:
    """Why this record cannot be repaired now (empty when it can)."""
    item = record.item
    problems = record_repair_problems(record, item_name=item.name, item_nature=item.nature,
                                      item_repairable=item.repairable, today=today or timezone.localdate())
    if RepairApplication.objects.filter(record=record, state__in=RepairApplication.OPEN_STATES).exists():
        problems.append("该记录已有一件正在办理的修复申请，请勿重复提交")
    return problems


def _step(application: RepairApplication, *, action: str, actor, note: str = "", detail: dict | None = None):
    record_step(application, action=action, actor=actor, note=note, detail=detail)


def _attach(application: RepairApplication, files) -> None:
    keep_evidence(application.attachments, files, folder=f"repair/{application.number}")


def apply_for_repair(*, record: CreditRecord, applicant: Applicant, statement: str, commitment_accepted: bool,
                     files, actor, channel: str, today: dt.date | None = None) -> tuple[RepairApplication, str]:
    """File an application; returns it and the query code (shown once; only its keyed hash is kept)."""
    today = today or timezone.localdate()
    files = list(files or [])
    problems = repair_problems(record, today=today)
    if problems:
        raise DomainError("；".join(problems), code="not_repairable", field="record")
    missing = [label for label, value in (("申请人", applicant.name), ("联系人", applicant.contact_name),
                                          ("联系电话", applicant.contact_phone), ("整改及履行义务情况说明", statement))
               if not str(value or "").strip()]
    if missing:
        raise DomainError(f"请填写：{'、'.join(missing)}", code="missing_fields")
    bad_contact = contact_problems(applicant.contact_phone, applicant.contact_email)
    if bad_contact:
        raise DomainError("；".join(bad_contact), code="bad_contact", field="contact_phone")
    if not commitment_accepted:
        raise DomainError("信用修复须签署信用修复承诺书", code="commitment_required", field="commitment")
    if not files:
        raise DomainError("请上传已纠正失信行为、履行相关义务的证明材料（如缴款凭证、整改报告）", code="evidence_required",
                          field="files")
    check_files(files)
    settings = RepairSettings.current()

    def create(**case) -> RepairApplication:
        application = RepairApplication.objects.create(
            **case, record=record, subject_id=record.subject_id, channel=channel,
            applicant_name=applicant.name.strip()[:200], contact_name=applicant.contact_name.strip()[:50],
            contact_phone=applicant.contact_phone.strip()[:30], contact_email=applicant.contact_email.strip(),
            submitted_by=actor if getattr(actor, "pk", None) else None, statement=statement.strip(),
            commitment=COMMITMENT_TEXT, submitted_at=timezone.now(),
            decide_by=add_working_days(today, settings.decide_working_days))
        _attach(application, files)
        _step(application, action="submit", actor=actor, note=f"{len(files)}份证明材料")
        return application

    def already_open() -> None:
        if RepairApplication.objects.filter(record=record, state__in=RepairApplication.OPEN_STATES).exists():
            raise DomainError("该记录已有一件正在办理的修复申请，请勿重复提交", code="already_open") from None

    return open_case(RepairApplication, today=today, create=create, on_conflict=already_open)


def _locked(application: RepairApplication, *states: str, doing: str) -> RepairApplication:
    return lock_case(application, *states, doing=doing)


def accept_application(*, application: RepairApplication, actor) -> RepairApplication:
    with transaction.atomic():
        application = _locked(application, State.SUBMITTED, doing="受理")
        application.state, application.accepted_at = State.ACCEPTED, timezone.now()
        application.save()
        _step(application, action="accept", actor=actor, note=f"办理期限{application.decide_by:%Y-%m-%d}")
    return application


def return_application(*, application: RepairApplication, reason: str, actor) -> RepairApplication:
    """Ask for more material; the deadline starts again when the applicant resubmits."""
    if not reason.strip():
        raise DomainError("请写明需要补正的材料或内容", code="reason_required", field="reason")
    with transaction.atomic():
        application = _locked(application, State.SUBMITTED, State.ACCEPTED, doing="退回补正")
        application.state, application.return_reason = State.RETURNED, reason.strip()
        application.save()
        _step(application, action="return", actor=actor, note=reason.strip())
    return application


def resubmit_application(*, application: RepairApplication, statement: str = "", files=(), actor,
                         today: dt.date | None = None) -> RepairApplication:
    today = today or timezone.localdate()
    files = list(files or [])
    if not files and not statement.strip():
        raise DomainError("请补充说明或上传补正材料", code="nothing_added")
    check_files(files)
    with transaction.atomic():
        application = _locked(application, State.RETURNED, doing="重新提交")
        if statement.strip():
            application.statement = f"{application.statement}\n\n【补正说明】{statement.strip()}"
        application.state = State.SUBMITTED
        application.decide_by = add_working_days(today, RepairSettings.current().decide_working_days)
        application.save()
        _attach(application, files)
        _step(application, action="resubmit", actor=actor, note=f"补充{len(files)}份材料")
    return application


def approve_application(*, application: RepairApplication, reason: str, actor,
                        today: dt.date | None = None) -> RepairApplication:
    """准予修复: the record becomes 已修复 everywhere (not published, not shared, not used for punishment), list
    entries resting only on repaired records exit, and the deciding department is told."""
    today = today or timezone.localdate()
    with transaction.atomic():
        application = _locked(application, State.ACCEPTED, doing="作出修复决定")
        record = CreditRecord.objects.select_for_update().select_related("item").get(pk=application.record_id)
        if record.state not in REPAIRABLE_STATES:
            raise DomainError(f"该记录当前为“{record.get_state_display()}”，不能修复", code="record_changed")
        application.state, application.decided_at, application.decided_by = State.APPROVED, timezone.now(), actor
        application.decision_reason = reason.strip() or "已纠正失信行为、履行相关义务，并作出信用承诺"
        application.push_by = add_working_days(today, RepairSettings.current().push_working_days)
        application.save()
        change_record_state(record=record, state=CreditRecord.State.REPAIRED, actor=actor,
                            action="collection.record.repair", reason=f"信用修复 {application.number}",
                            version_change=RecordVersion.Change.REPAIRED, detail={"application": application.number})
        exited = _exit_lists_resting_on(record, actor=actor, today=today, number=application.number)
        _step(application, action="approve", actor=actor, note=application.decision_reason,
              detail={"lists_exited": exited})
    return application


def _exit_lists_resting_on(record: CreditRecord, *, actor, today: dt.date, number: str) -> list[int]:
    """Negative list entries whose every basis record is now repaired or withdrawn leave their list (移出条件)."""
    from publiccredit.lists.models import ListEntry
    from publiccredit.lists.services import exit_entry

    gone = (CreditRecord.State.REPAIRED, CreditRecord.State.WITHDRAWN)
    exited = []
    entries = (ListEntry.objects.filter(records=record, state__in=[ListEntry.State.DECIDED, ListEntry.State.PUBLISHED])
               .exclude(kind__category="red").prefetch_related("records"))
    for entry in entries:
        if all(r.state in gone for r in entry.records.all()):
            exit_entry(entry=entry, reason=ListEntry.ExitReason.REPAIR, actor=actor, today=today,
                       note=f"依据的信用记录已完成信用修复（{number}）")
            exited.append(entry.pk)
    return exited


def refuse_application(*, application: RepairApplication, reason: str, actor) -> RepairApplication:
    if not reason.strip():
        raise DomainError("不予修复须说明理由", code="reason_required", field="reason")
    with transaction.atomic():
        application = _locked(application, State.ACCEPTED, doing="作出不予修复决定")
        application.state, application.decided_at, application.decided_by = State.REFUSED, timezone.now(), actor
        application.decision_reason = reason.strip()
        application.save()
        _step(application, action="refuse", actor=actor, note=reason.strip())
    return application


def withdraw_application(*, application: RepairApplication, actor, note: str = "") -> RepairApplication:
    with transaction.atomic():
        application = _locked(application, *RepairApplication.OPEN_STATES, doing="撤回")
        application.state = State.WITHDRAWN
        application.save()
        _step(application, action="withdraw", actor=actor, note=note.strip() or "申请人撤回")
    return application


def acknowledge_result(*, application: RepairApplication, actor) -> RepairApplication:
    """The deciding department confirms it received the repair result (推送 within the push deadline)."""
    with transaction.atomic():
        application = _locked(application, State.APPROVED, doing="确认收到修复结果")
        if application.pushed_at is None:
            application.pushed_at = timezone.now()
            application.save()
            _step(application, action="acknowledge", actor=actor, note="认定部门已确认")
    return application
