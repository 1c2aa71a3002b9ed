"""The voluntary registration workflow (docs/registrations.md): filed by a bound account with a truthfulness
commitment and evidence → verified or rejected with a reason by the competent department; withdrawable by the
subject; a verified entry later found false becomes a negative record (虚假申报信用信息) through the catalog's own
intake. Every step is a casework step: one transaction, its audit entry and the event
``registrations.registration.<action>``."""

import datetime as dt

from django.db import transaction
from django.utils import timezone

from publiccredit.accounts.roles import sees_everything
from publiccredit.casework.dates import date_or_refuse
from publiccredit.casework.evidence import check_files, keep_evidence
from publiccredit.casework.services import lock_case, open_case, record_step
from publiccredit.catalog.models import CatalogItem
from publiccredit.collection.models import CreditRecord
from publiccredit.collection.services import submit_records
from publiccredit.core.errors import DomainError
from publiccredit.core.fields import contact_problems
from publiccredit.organizations.models import Organization

from .models import Registration

State = Registration.State
FALSE_DECLARATION_ITEM = "false_registration"  # the catalog item a false declaration is recorded under
COMMITMENT_TEXT = (
    "本单位承诺：所注册的信息及提交的证明材料真实、准确、完整、有效，并同意经核实后在信用档案中向社会公示（证明材料不公开）。"
    "如有虚假，自愿承担相应法律责任，并同意将虚假申报的情况记入信用记录。")


def _field(value) -> str:
    return str(value or "").strip()


def file_registration(*, subject, kind: str, title: str, issued_on, department_id, commitment_accepted: bool,
                      files, actor, contact_phone: str, issuer: str = "", certificate_number: str = "",
                      valid_until=None, description: str = "", today: dt.date | None = None
                      ) -> tuple[Registration, str]:
    """File a registration for ``subject`` (an organisation); refused with every missing or wrong field named.
    Returns the registration and its query code (shown once)."""
    today = today or timezone.localdate()
    files = list(files or [])
    if subject.is_person:
        raise DomainError("信用信息自愿注册目前面向法人和非法人组织", code="person_not_supported", field="subject")
    if kind not in Registration.Kind.values:
        raise DomainError("请选择信息类别", code="bad_kind", field="kind")
    missing = [label for label, value in (("名称", title), ("取得日期", issued_on), ("核实单位", department_id),
                                          ("联系电话", contact_phone)) if not _field(value)]
    if missing:
        raise DomainError(f"请填写：{'、'.join(missing)}", code="missing_fields", field="title")
    issued = date_or_refuse(issued_on, "取得日期", "issued_on")
    valid_until = date_or_refuse(valid_until, "有效期至", "valid_until")
    if issued > today:
        raise DomainError("取得日期不能晚于今天", code="future_date", field="issued_on")
    if valid_until and valid_until < max(issued, today):
        raise DomainError("有效期已届满或早于取得日期，过期的证书不予注册", code="expired", field="valid_until")
    department = Organization.objects.filter(pk=department_id, is_active=True).exclude(
        kind__in=[Organization.Kind.ASSOCIATION, Organization.Kind.AGENCY]).first() if str(
        department_id).isdigit() else None
    if department is None:
        raise DomainError("请选择负责核实的主管部门", code="bad_department", field="department")
    if not commitment_accepted:
        raise DomainError("请阅读并勾选真实性承诺", code="commitment_required", field="commitment")
    bad_contact = contact_problems(contact_phone)
    if bad_contact:
        raise DomainError("；".join(bad_contact), code="bad_contact", field="contact_phone")
    if not files:
        raise DomainError("请上传证书、文件等证明材料（PDF、JPG、PNG 或 OFD）", code="no_evidence", field="files")
    check_files(files)
    number = _field(certificate_number)[:100]
    if number and Registration.objects.filter(subject=subject, kind=kind, certificate_number=number,
                                              state__in=[State.SUBMITTED, State.VERIFIED]).exists():
        raise DomainError(f"编号为“{number}”的{Registration.Kind(kind).label}已经注册（待核实或已核实），无需重复提交",
                          code="duplicate", field="certificate_number")

    def create(**case) -> Registration:
        registration = Registration.objects.create(
            **case, subject=subject, kind=kind, title=_field(title)[:200], issuer=_field(issuer)[:200],
            certificate_number=number, issued_on=issued, valid_until=valid_until,
            description=_field(description), department=department, commitment=COMMITMENT_TEXT,
            contact_phone=_field(contact_phone)[:30], submitted_at=timezone.now(),
            submitted_by=actor if getattr(actor, "pk", None) else None)
        keep_evidence(registration.attachments, files, folder=f"registrations/{registration.number}")
        record_step(registration, action="file", actor=actor, note=registration.title,
                    detail={"kind": kind, "files": len(files)}, payload=_payload(registration))
        return registration

    return open_case(Registration, today=today, create=create)


def _payload(registration: Registration) -> dict:
    return {"subject_id": registration.subject_id, "department": registration.department_id}


def _may_verify(registration: Registration, actor) -> bool:
    return sees_everything(actor) or getattr(actor, "organization_id", None) == registration.department_id


def _decide(registration: Registration, *states: str, actor, doing: str) -> Registration:
    locked = lock_case(registration, *states, doing=doing, related=("subject", "department"))
    if not _may_verify(locked, actor):
        raise DomainError(f"只有核实单位（{locked.department.name}）或信用主管部门可以{doing}", code="not_verifier")
    return locked


def verify_registration(*, registration: Registration, actor, note: str = "",
                        today: dt.date | None = None) -> Registration:
    """The competent department confirms the entry: it appears on the credit file and counts in evaluation."""
    with transaction.atomic():
        locked = _decide(registration, State.SUBMITTED, actor=actor, doing="核实")
        locked.state, locked.decided_at, locked.decided_by = State.VERIFIED, timezone.now(), actor
        locked.verified_on, locked.reason = today or timezone.localdate(), _field(note)
        locked.save(update_fields=["state", "decided_at", "decided_by", "verified_on", "reason", "updated_at"])
        record_step(locked, action="verify", actor=actor, note=locked.reason, payload=_payload(locked))
    return locked


def reject_registration(*, registration: Registration, actor, reason: str) -> Registration:
    """Not verified, with the reason the filer reads."""
    if not _field(reason):
        raise DomainError("请填写不通过核实的原因", code="reason_required", field="reason")
    with transaction.atomic():
        locked = _decide(registration, State.SUBMITTED, actor=actor, doing="作出不通过核实的决定")
        locked.state, locked.decided_at, locked.decided_by, locked.reason = (
            State.REJECTED, timezone.now(), actor, _field(reason))
        locked.save(update_fields=["state", "decided_at", "decided_by", "reason", "updated_at"])
        record_step(locked, action="reject", actor=actor, note=locked.reason, payload=_payload(locked))
    return locked


def withdraw_registration(*, registration: Registration, actor) -> Registration:
    """The subject takes back an entry waiting for verification or verified (it stops showing and counting)."""
    with transaction.atomic():
        locked = lock_case(registration, State.SUBMITTED, State.VERIFIED, doing="撤回", related=("subject",))
        if getattr(actor, "subject_id", None) != locked.subject_id:
            raise DomainError("只有主体本人的账号可以撤回注册信息", code="not_owner")
        locked.state = State.WITHDRAWN
        locked.save(update_fields=["state", "updated_at"])
        record_step(locked, action="withdraw", actor=actor, payload=_payload(locked))
    return locked


def find_false(*, registration: Registration, actor, reason: str, decision_number: str,
               today: dt.date | None = None) -> Registration:
    """A verified entry found false later: revoked, and a negative record 虚假申报信用信息 delivered under the
    deciding department's decision number, through the same intake as every record (so lists, measures and
    evaluation read it like any other)."""
    today = today or timezone.localdate()
    missing = [label for label, value in (("认定理由", reason), ("认定文书号", decision_number)) if not _field(value)]
    if missing:
        raise DomainError(f"请填写：{'、'.join(missing)}", code="missing_fields", field="reason")
    with transaction.atomic():
        locked = _decide(registration, State.VERIFIED, State.SUBMITTED, actor=actor, doing="认定虚假申报")
        authority = actor.organization if getattr(actor, "organization_id", None) else locked.department
        row = {"XJ_WSH": _field(decision_number), "XJ_XDR_MC": locked.subject.name, "XJ_XDR_LB": "法人及非法人组织",
               "XJ_XDR_SHXYM": locked.subject.uscc, "XJ_ZCBH": locked.number,
               "XJ_NR": f"自愿注册的“{locked.title}”（{locked.get_kind_display()}）经查虚假：{_field(reason)}",
               "XJ_JDRQ": today.isoformat(), "XJ_JG": authority.name, "XJ_JGDM": authority.code}
        result = submit_records(item=CatalogItem.objects.get(code=FALSE_DECLARATION_ITEM), provider=authority,
                                records=[row], actor=actor, atomic=True, today=today)
        if result.rejected:
            raise DomainError("失信记录未能生成：" + "；".join(f"{e.field} {e.message}" for e in result.errors),
                              code="record_rejected")
        locked.state, locked.decided_at, locked.decided_by, locked.reason = (
            State.FALSE, timezone.now(), actor, _field(reason))
        locked.record = (CreditRecord.objects.filter(item__code=FALSE_DECLARATION_ITEM, provider=authority,
                                                     decision_number=row["XJ_WSH"]).order_by("-id").first())
        locked.save(update_fields=["state", "decided_at", "decided_by", "reason", "record", "updated_at"])
        record_step(locked, action="find_false", actor=actor, note=locked.reason,
                    detail={"decision_number": row["XJ_WSH"]}, payload=_payload(locked))
    return locked
