"""What each audience may see of a credit record: the one rule every page, API answer, export and report asks.

docs/architecture.md, "Visibility is one rule". The rule reads the catalog disclosure class of the record's item
(社会公开 / 授权查询 / 政务共享), the record's state (有效, 已更正, 异议处理中, 已修复, 已撤销, 已过公示期), whether
it is published at all (轻微 dishonesty need not be, 国办发〔2025〕22号) and its publicity window, and decides per
audience; ``present_record`` then decides how the record is shown (natural persons masked, ID numbers never public).
``visible_records`` (a queryset filter) and ``is_visible`` (one loaded record) state the same rule twice, once for
the database and once for Python; a test holds them equal on every combination.
"""

import datetime as dt
from enum import StrEnum
from functools import lru_cache

from django.db.models import Q, QuerySet
from django.utils import timezone

from publiccredit.catalog.models import CatalogItem, CatalogItemVersion, ItemField
from publiccredit.collection.models import CreditRecord
from publiccredit.core.masking import mask_citizen_id, mask_person_name
from publiccredit.repair.rules import record_repair_problems

from .labels import labels

State = CreditRecord.State
Disclosure = CatalogItem.Disclosure


class Audience(StrEnum):
    PUBLIC = "public"  # anyone on the website or the public API
    SUBJECT = "subject"  # the subject itself, signed in with an account bound to it
    DEPARTMENT = "department"  # a department's staff or system, through government sharing (政务共享)
    CREDIT_OFFICE = "credit_office"  # the credit office and auditors: everything, with its state


DISCLOSURES: dict[Audience, frozenset[str]] = {
    Audience.PUBLIC: frozenset({Disclosure.PUBLIC}),
    Audience.SUBJECT: frozenset(Disclosure.values),
    # 授权查询 needs the subject's own authorisation, which a department's duty alone does not give.
    Audience.DEPARTMENT: frozenset({Disclosure.PUBLIC, Disclosure.GOVERNMENT}),
    Audience.CREDIT_OFFICE: frozenset(Disclosure.values),
}

# A repaired record "stops being published, shared with departments and agencies" (国办发〔2025〕22号): the subject
# itself still sees it, marked. A withdrawn record was never valid: only the credit office sees it.
STATES: dict[Audience, frozenset[str]] = {
    Audience.PUBLIC: frozenset({State.ACTIVE, State.CORRECTED, State.OBJECTION}),
    Audience.SUBJECT: frozenset({State.ACTIVE, State.CORRECTED, State.OBJECTION, State.REPAIRED, State.EXPIRED}),
    Audience.DEPARTMENT: frozenset({State.ACTIVE, State.CORRECTED, State.OBJECTION, State.EXPIRED}),
    Audience.CREDIT_OFFICE: frozenset(State.values),
}

# Fields whose values the public never sees, whatever the item says: identity document numbers and their types.
NEVER_PUBLIC_ROLES = frozenset({
    ItemField.Role.PARTY_ID_NUMBER, ItemField.Role.PARTY_ID_TYPE, ItemField.Role.REPRESENTATIVE_ID_NUMBER,
})
PERSON_NAME_ROLES = frozenset({ItemField.Role.PARTY_NAME})


def audience_for(user, subject=None) -> Audience:
    """The audience a signed-in user (or anonymous visitor) belongs to when looking at ``subject``."""
    if user is None or not getattr(user, "is_authenticated", False):
        return Audience.PUBLIC
    if user.is_superuser or getattr(user, "role", "") in ("credit_office", "auditor"):
        return Audience.CREDIT_OFFICE
    if getattr(user, "organization_id", None):
        return Audience.DEPARTMENT
    if subject is not None and getattr(user, "subject_id", None) == subject.pk:
        return Audience.SUBJECT
    return Audience.PUBLIC


def _today(today: dt.date | None) -> dt.date:
    return today or timezone.localdate()


def visible_records(records: QuerySet[CreditRecord], audience: Audience, *, today: dt.date | None = None
                    ) -> QuerySet[CreditRecord]:
    """``records`` narrowed to what ``audience`` may see today."""
    audience = Audience(audience)
    records = records.filter(state__in=STATES[audience])
    if DISCLOSURES[audience] != frozenset(Disclosure.values):
        # A semi-join on the few catalog items rather than a join that would carry item columns into every row.
        allowed = CatalogItem.objects.filter(disclosure__in=DISCLOSURES[audience]).order_by().values("pk")
        records = records.filter(item_id__in=allowed)
    if audience == Audience.PUBLIC:
        today = _today(today)
        records = records.filter(published=True).filter(
            Q(publicity_start__isnull=True) | Q(publicity_start__lte=today),
            Q(publicity_end__isnull=True) | Q(publicity_end__gte=today))
    return records


def is_visible(record: CreditRecord, audience: Audience, *, today: dt.date | None = None) -> bool:
    """The same rule as ``visible_records`` for one loaded record."""
    audience = Audience(audience)
    if record.state not in STATES[audience] or record.item.disclosure not in DISCLOSURES[audience]:
        return False
    if audience != Audience.PUBLIC:
        return True
    today = _today(today)
    return (record.published
            and (record.publicity_start is None or record.publicity_start <= today)
            and (record.publicity_end is None or record.publicity_end >= today))


def marks(record: CreditRecord, *, today: dt.date | None = None) -> list[str]:
    """The marks a viewer sees beside the record (已修复, 异议处理中, 已更正, 已过公示期, 已撤销)."""
    today = _today(today)
    found = []
    if record.state == State.OBJECTION:
        found.append("异议处理中")
    elif record.state in (State.REPAIRED, State.CORRECTED, State.WITHDRAWN):
        found.append(record.get_state_display())
    if record.state == State.EXPIRED or (record.publicity_end and record.publicity_end < today):
        found.append("已过公示期")
    return found


@lru_cache(maxsize=512)
def version_fields(version_id: int) -> tuple[tuple[str, str, str], ...]:
    """(code, name, role) of each field in a catalog version; versions never change, so this is cached for good."""
    schema = CatalogItemVersion.objects.values_list("schema", flat=True).get(pk=version_id)
    return tuple((field["code"], field["name"], field.get("role", "")) for field in schema["fields"])


def shown_name(name: str, party_kind: str, audience: Audience) -> str:
    return mask_person_name(name) if party_kind == "natural_person" and audience == Audience.PUBLIC else name


def shown_code(code: str, party_kind: str, audience: Audience) -> str:
    """The party code as shown: a person's ID number only masked, and never to the public."""
    if party_kind != "natural_person":
        return code
    return "" if audience == Audience.PUBLIC else mask_citizen_id(code)


def _as_text(value) -> str:
    """A field value as a reader sees it: a set field (处罚类别 …) as "警告、罚款", never a Python list."""
    if isinstance(value, list | tuple):
        return "、".join(str(part) for part in value)
    return value if isinstance(value, str) else str(value)


def present_record(record: CreditRecord, audience: Audience, *, today: dt.date | None = None) -> dict:
    """A record as ``audience`` is shown it. The caller has already checked ``is_visible``/``visible_records``."""
    audience = Audience(audience)
    person = record.party_kind == "natural_person"
    names = labels(needing_item=record.item_id)
    item = names.items[record.item_id]
    fields = []
    for code, name, role in version_fields(record.item_version_id):
        value = record.payload.get(code)
        if value in (None, ""):
            continue
        if role in NEVER_PUBLIC_ROLES and (audience == Audience.PUBLIC or person):
            if audience == Audience.PUBLIC:
                continue
            value = mask_citizen_id(str(value))
        if role in PERSON_NAME_ROLES:
            value = shown_name(str(value), record.party_kind, audience)
        fields.append({"code": code, "name": name, "value": _as_text(value)})
    return {
        "id": record.pk,
        "item": item.code,
        "item_name": item.name,
        "portal_column": item.portal_column,
        "decision_number": record.decision_number,
        "party_name": shown_name(record.party_name, record.party_kind, audience),
        "party_code": shown_code(record.party_code, record.party_kind, audience),
        "decision_date": record.decision_date,
        "provider": names.organizations.get(record.provider_id, ""),
        "severity": record.get_severity_display() if record.severity else "",
        "publicity_end": record.publicity_end,
        "state": record.get_state_display(),
        "marks": marks(record, today=today),
        "fields": fields,
        # Only where an application could be filed today; the form itself also refuses a second open application.
        "repairable_now": not record_repair_problems(record, item_name=item.name, item_nature=item.nature,
                                                     item_repairable=item.repairable, today=_today(today)),
    }
