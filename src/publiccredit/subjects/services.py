"""Writes to the subject registry. Each service is one transaction with its audit entry and outbox event."""

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.utils import timezone

from publiccredit.audit.services import record_read, record_write
from publiccredit.core.bulk import copy_rows, insert_rows, select_where_in
from publiccredit.core.crypto import decrypt_text, encrypt_text, lookup_hash
from publiccredit.core.errors import DomainError, PermissionDenied
from publiccredit.core.fields import EncryptedTextField, is_mobile, mask_phone, mobile_digits
from publiccredit.core.identifiers import USCC, check_identifier, normalize_code, require_citizen_id, require_uscc
from publiccredit.core.masking import mask_citizen_id
from publiccredit.events.services import emit
from publiccredit.organizations.models import Region

from . import topics
from .models import Industry, RegisteredContact, Representative, Subject, SubjectName
from .names import display_name, normalize_name

PERSON = Subject.Kind.NATURAL_PERSON
UPDATABLE_FIELDS = {"region", "industry", "status", "established_on", "registered_capital", "address"}


@dataclass
class SubjectSpec:
    """What is needed to register one subject; ``code`` is a USCC, or a citizen ID for a person."""

    kind: str
    name: str
    code: str
    region: Region | None = None
    industry: Industry | None = None
    status: str = Subject.Status.ACTIVE
    established_on: dt.date | None = None
    registered_capital: Decimal | None = None
    address: str = ""
    former_names: list[tuple[str, dt.date | None, dt.date | None]] = field(default_factory=list)


def citizen_id_hash(citizen_id: str) -> str:
    return lookup_hash(require_citizen_id(citizen_id))


def _region_from_code(code: str, regions_by_code: dict[str, Region]) -> Region | None:
    return regions_by_code.get(code[2:8]) if len(code) == 18 else None


def _build(spec: SubjectSpec, regions_by_code: dict[str, Region]) -> Subject:
    if spec.kind not in Subject.Kind.values:
        raise DomainError(f"未知的主体类别：{spec.kind}", code="unknown_kind", field="kind")
    name = display_name(spec.name)
    if not name:
        raise DomainError("主体名称不能为空", code="name_required", field="name")
    if len(name) > 200:
        raise DomainError(f"主体名称不能超过200字，实际为{len(name)}字", code="name_too_long", field="name")
    subject = Subject(kind=spec.kind, name=name, name_normalized=normalize_name(name), industry=spec.industry,
                      status=spec.status, established_on=spec.established_on,
                      registered_capital=spec.registered_capital, address=spec.address)
    if spec.kind == PERSON:
        number = require_citizen_id(spec.code, field="code")
        subject.id_cipher = encrypt_text(number)
        subject.id_hash = lookup_hash(number)
        subject.id_masked = mask_citizen_id(number)
        subject.region = spec.region or regions_by_code.get(number[:6])
    else:
        subject.uscc = require_uscc(spec.code, field="code")
        subject.region = spec.region or _region_from_code(subject.uscc, regions_by_code)
    return subject


def _regions_by_code() -> dict[str, Region]:
    return {r.code: r for r in Region.objects.all()}


def _duplicate_error(subject: Subject) -> DomainError:
    if subject.is_person:
        return DomainError(f"身份证号码为 {subject.id_masked} 的自然人已在主体库中", code="duplicate_subject",
                           field="code")
    return DomainError(f"统一社会信用代码 {subject.uscc} 已在主体库中", code="duplicate_subject", field="code")


def _exists(subject: Subject) -> bool:
    if subject.is_person:
        return Subject.objects.filter(id_hash=subject.id_hash).exists()
    return Subject.objects.filter(uscc=subject.uscc).exists()


def _event_payload(subject: Subject) -> dict:
    return {"subject_id": subject.pk, "kind": subject.kind, "code": subject.code}


def register_subject(*, spec: SubjectSpec, actor, reason: str = "") -> Subject:
    """Add one subject to the registry. One code, one subject: a second registration is refused."""
    subject = _build(spec, _regions_by_code())
    if _exists(subject):
        raise _duplicate_error(subject)
    try:
        with transaction.atomic():
            subject.save()
            SubjectName.objects.bulk_create(_name_rows(subject, spec))
            record_write(actor=actor, action="subjects.subject.register", target=subject, reason=reason,
                         detail={"kind": subject.kind, "region": subject.region.code if subject.region else None})
            emit(topics.SUBJECTS_REGISTERED, {**_event_payload(subject), "subject_ids": [subject.pk]})
    except IntegrityError as exc:  # a concurrent registration of the same code won the race
        raise _duplicate_error(subject) from exc
    return subject


def _name_rows(subject: Subject, spec: SubjectSpec) -> list[SubjectName]:
    """The subject's name history: former names with their periods, then the current name."""
    rows = [SubjectName(subject=subject, name=display_name(n), name_normalized=normalize_name(n), valid_from=start,
                        valid_to=end) for n, start, end in spec.former_names]
    current_from = spec.former_names[-1][2] if spec.former_names else spec.established_on
    rows.append(SubjectName(subject=subject, name=subject.name, name_normalized=subject.name_normalized,
                            valid_from=current_from))
    return rows


SUBJECT_COLUMNS = ["kind", "uscc", "id_cipher", "id_hash", "id_masked", "name", "name_normalized", "region_id",
                   "industry_id", "status", "established_on", "registered_capital", "address", "created_at", "updated_at"]
NAME_COLUMNS = ["subject_id", "name", "name_normalized", "valid_from", "valid_to", "recorded_at"]


@dataclass
class BulkRegistration:
    created: int = 0
    already_present: int = 0
    subjects: list[Subject] = field(default_factory=list)


def bulk_register_subjects(*, specs: list[SubjectSpec], actor, reason: str = "",
                           batch_size: int = 2000) -> BulkRegistration:
    """Register many subjects at once; codes already in the registry (or repeated in the input) are skipped."""
    regions = _regions_by_code()
    result = BulkRegistration()
    for start in range(0, len(specs), batch_size):
        chunk = specs[start:start + batch_size]
        built = [(_build(spec, regions), spec) for spec in chunk]
        usccs = [s.uscc for s, _ in built if s.uscc]
        hashes = [s.id_hash for s, _ in built if s.id_hash]
        seen = {row[0] for row in select_where_in(Subject, "uscc", usccs, ["uscc"])}
        seen |= {row[0] for row in select_where_in(Subject, "id_hash", hashes, ["id_hash"])}
        fresh = []
        for subject, spec in built:
            key = subject.uscc or subject.id_hash
            if key in seen:
                result.already_present += 1
                continue
            seen.add(key)
            fresh.append((subject, spec))
        with transaction.atomic():
            now = timezone.now()
            rows = []
            for subject, _ in fresh:
                subject.created_at = subject.updated_at = now
                rows.append([getattr(subject, name) for name in SUBJECT_COLUMNS])
            for (subject, _), pk in zip(fresh, insert_rows(Subject, SUBJECT_COLUMNS, rows), strict=True):
                subject.pk = pk
                subject._state.adding = False
            names = [row for subject, spec in fresh for row in _name_rows(subject, spec)]
            insert_rows(SubjectName, NAME_COLUMNS, [[getattr(n, c) for c in NAME_COLUMNS[:-1]] + [now] for n in names])
            if fresh:
                record_write(actor=actor, action="subjects.subject.bulk_register", target_type="subjects.subject",
                             target_label=f"批量入库 {len(fresh)} 个主体", reason=reason,
                             detail={"created": len(fresh), "first_id": fresh[0][0].pk, "last_id": fresh[-1][0].pk})
                emit(topics.SUBJECTS_REGISTERED, {"subject_ids": [s.pk for s, _ in fresh]})
        result.created += len(fresh)
        result.subjects.extend(s for s, _ in fresh)
    return result


def rename_subject(*, subject: Subject, new_name: str, effective_on: dt.date | None = None, actor,
                   reason: str = "") -> Subject:
    """Change a subject's name; the old one stays in the name history as a former name (曾用名)."""
    name = display_name(new_name)
    if not name:
        raise DomainError("新名称不能为空", code="name_required", field="name")
    if normalize_name(name) == subject.name_normalized:
        raise DomainError("新名称与现用名称相同", code="same_name", field="name")
    effective_on = effective_on or dt.date.today()
    with transaction.atomic():
        old = subject.name
        SubjectName.objects.filter(subject=subject, valid_to__isnull=True).update(valid_to=effective_on)
        SubjectName.objects.create(subject=subject, name=name, name_normalized=normalize_name(name),
                                   valid_from=effective_on)
        subject.name, subject.name_normalized = name, normalize_name(name)
        subject.save(update_fields=["name", "name_normalized", "updated_at"])
        record_write(actor=actor, action="subjects.subject.rename", target=subject, reason=reason,
                     detail={"from": old if not subject.is_person else None, "effective_on": effective_on})
        emit(topics.SUBJECT_RENAMED, _event_payload(subject))
    return subject


def update_subject(*, subject: Subject, changes: dict, actor, reason: str = "") -> Subject:
    """Update registration facts other than code and name (region, industry, status, dates, capital, address)."""
    unknown = set(changes) - UPDATABLE_FIELDS
    if unknown:
        raise DomainError(f"这些字段不能这样修改：{'、'.join(sorted(unknown))}", code="not_updatable")
    if "status" in changes and changes["status"] not in Subject.Status.values:
        raise DomainError(f"未知的登记状态：{changes['status']}", code="unknown_status", field="status")
    changed = sorted(k for k, v in changes.items() if getattr(subject, k) != v)
    if not changed:
        return subject
    with transaction.atomic():
        for key in changed:
            setattr(subject, key, changes[key])
        subject.save(update_fields=[*changed, "updated_at"])
        record_write(actor=actor, action="subjects.subject.update", target=subject, reason=reason,
                     detail={"changed": changed})
        emit(topics.SUBJECT_UPDATED, {**_event_payload(subject), "changed": changed})
    return subject


def set_representative(*, organization: Subject, person: Subject,
                       role: str = Representative.Role.LEGAL_REPRESENTATIVE, since: dt.date | None = None,
                       actor, reason: str = "") -> Representative:
    """Record that a person is (from ``since``) the organisation's legal representative or similar.

    Acts of legal representatives and actual controllers are recorded against them too (work plan item 12),
    so the link is kept with its period; the previous holder's link is closed, not deleted.
    """
    if organization.is_person:
        raise DomainError("自然人不能有法定代表人", code="not_an_organization", field="organization")
    if not person.is_person:
        raise DomainError("法定代表人、负责人等必须是自然人主体", code="not_a_person", field="person")
    if role not in Representative.Role.values:
        raise DomainError(f"未知的身份：{role}", code="unknown_role", field="role")
    since = since or dt.date.today()
    with transaction.atomic():
        current = Representative.objects.select_for_update().filter(organization=organization, role=role,
                                                                    until__isnull=True).first()
        if current and current.person_id == person.pk:
            return current
        if current:
            current.until = since
            current.save(update_fields=["until"])
        link = Representative.objects.create(organization=organization, person=person, role=role, since=since)
        # The representative is part of the subject's registration information: pages cached on updated_at follow.
        Subject.objects.filter(pk=organization.pk).update(updated_at=timezone.now())
        record_write(actor=actor, action="subjects.representative.set", target=link, reason=reason,
                     detail={"organization": organization.uscc, "role": role, "person_id": person.pk})
        emit(topics.REPRESENTATIVE_SET, {"organization_id": organization.pk, "person_id": person.pk,
                                            "role": role})
    return link


def reveal_citizen_id(*, subject: Subject, actor, reason: str) -> str:
    """Return a person's full ID number to an authorised user who gives a reason; the read is audited."""
    if not subject.is_person:
        raise DomainError("该主体不是自然人", code="not_a_person")
    if actor is None or not actor.has_perm("subjects.reveal_citizen_id"):
        raise PermissionDenied("无权查看完整身份证号码", code="cannot_reveal")
    if not reason or len(reason.strip()) < 4:
        raise DomainError("请说明查看完整身份证号码的事由（至少4个字）", code="reason_required", field="reason")
    number = decrypt_text(subject.id_cipher)
    record_read(actor=actor, action="subjects.citizen_id.reveal", target=subject, reason=reason.strip())
    return number


# ---- registered contacts (for binding portal accounts by a one-time code) -----------------------------------------
def check_contact_phone(phone: str, *, field: str = "phone") -> str:
    """The 11 digits of a mobile number that can take a one-time code, or a DomainError saying why not."""
    if not is_mobile(phone):
        raise DomainError("登记联系电话须为11位手机号码（用于发送短信验证码），如 13800000000", code="not_a_mobile",
                          field=field)
    return mobile_digits(phone)


def set_registered_contact(*, subject: Subject, phone: str, source: str, actor, reason: str = "") -> RegisteredContact:
    """Record (or replace) the mobile number the subject registered with the authorities; audited, never shown whole."""
    digits = check_contact_phone(phone)
    source = (source or "").strip()[:100]
    if not source:
        raise DomainError("请注明登记联系电话的来源，如“市场监管局企业登记联络员信息”", code="source_required",
                          field="source")
    with transaction.atomic():
        contact, created = RegisteredContact.objects.select_for_update().get_or_create(
            subject=subject, defaults={"phone": digits, "phone_masked": mask_phone(digits), "source": source,
                                       "updated_by": actor})
        if not created:
            if (contact.phone, contact.source) == (digits, source):
                return contact
            contact.phone, contact.phone_masked, contact.source, contact.updated_by = (
                digits, mask_phone(digits), source, actor)
            contact.save()
        record_write(actor=actor, action="subjects.contact.set", target=subject, reason=reason,
                     detail={"phone": contact.phone_masked, "source": contact.source, "new": created})
    return contact


@dataclass
class ContactImport:
    total: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list[tuple[int, str]] = field(default_factory=list)  # (data row from 1, Chinese reason)

    def as_dict(self) -> dict:
        return {"total": self.total, "created": self.created, "updated": self.updated, "unchanged": self.unchanged,
                "rejected": len(self.errors), "errors": [{"row": row, "message": m} for row, m in self.errors]}


CONTACT_IMPORT_CHUNK = 1000


def import_registered_contacts(rows, *, source: str, actor) -> ContactImport:
    """Registered contacts from a list (``(row number, code, phone)``), e.g. the market regulator's liaison register.

    Good rows are kept and bad ones reported with their row number; a re-sent list changes nothing twice. One
    transaction and one audit entry per chunk, since a city's register holds hundreds of thousands of entities."""
    source = (source or "").strip()[:100]
    if not source:
        raise DomainError("请注明登记联系电话的来源（--source）", code="source_required", field="source")
    result = ContactImport()
    chunk: list[tuple[int, str, str]] = []
    for row in rows:
        result.total += 1
        chunk.append(row)
        if len(chunk) >= CONTACT_IMPORT_CHUNK:
            _import_contact_chunk(chunk, source=source, actor=actor, result=result)
            chunk = []
    if chunk:
        _import_contact_chunk(chunk, source=source, actor=actor, result=result)
    return result


def _import_contact_chunk(chunk, *, source: str, actor, result: ContactImport) -> None:
    wanted: dict[tuple[str, str], list[tuple[int, str]]] = {}  # (kind, key) -> rows with their phone
    for number, raw_code, raw_phone in chunk:
        if not normalize_code(raw_code):
            result.errors.append((number, "缺少统一社会信用代码或身份证号码"))
            continue
        check, phone = check_identifier(raw_code), str(raw_phone or "")
        if not check.valid:
            result.errors.append((number, f"代码不正确：{check.message}"))
        elif not is_mobile(phone):
            result.errors.append((number, "联系电话不是11位手机号码，无法用于短信验证码"))
        else:
            key = ("uscc", check.normalized) if check.kind == USCC else ("id_hash", citizen_id_hash(check.normalized))
            wanted.setdefault(key, []).append((number, mobile_digits(phone)))
    found = {("uscc", u): pk for pk, u in select_where_in(
        Subject, "uscc", [key for kind, key in wanted if kind == "uscc"], ["id", "uscc"])}
    found |= {("id_hash", h): pk for pk, h in select_where_in(
        Subject, "id_hash", [key for kind, key in wanted if kind == "id_hash"], ["id", "id_hash"])}
    phones: dict[int, str] = {}
    for key, entries in wanted.items():
        if key not in found:
            result.errors += [(number, "主体库中没有该代码的主体") for number, _ in entries]
            continue
        phones[found[key]] = entries[-1][1]  # the last row for a subject wins, as a re-sent correction would
    with transaction.atomic():
        existing = {pk: (phone, known_source) for pk, phone, known_source in RegisteredContact.objects
                    .select_for_update().filter(pk__in=list(phones)).values_list("pk", "phone", "source")}
        new, changed = [], []
        now, actor_id = timezone.now(), getattr(actor, "pk", None)
        for subject_id, digits in phones.items():
            known = existing.get(subject_id)
            if known is None:
                new.append([subject_id, encrypt_text(digits, context=EncryptedTextField.context), mask_phone(digits),
                            source, now, actor_id])
            elif known != (digits, source):
                changed.append(RegisteredContact(subject_id=subject_id, phone=digits, phone_masked=mask_phone(digits),
                                                 source=source, updated_by_id=actor_id, updated_at=now))
        copy_rows(RegisteredContact, ["subject_id", "phone", "phone_masked", "source", "updated_at", "updated_by_id"], new)
        RegisteredContact.objects.bulk_update(changed, ["phone", "phone_masked", "source", "updated_by",
                                                        "updated_at"])
        if new or changed:
            record_write(actor=actor, action="subjects.contact.import", target_type="subjects.registeredcontact",
                         target_label=source, detail={"source": source, "created": len(new), "updated": len(changed),
                                 "subject_ids": sorted([row[0] for row in new] + [c.subject_id for c in changed])})
    result.created += len(new)
    result.updated += len(changed)
    result.unchanged += len(phones) - len(new) - len(changed)
