"""How a credit record is shown to an audience that may see it: natural persons masked, ID numbers never public, the
marks beside it (已修复, 异议处理中 …). Whether it may be seen at all is ``collection.visibility``'s rule, reached
through ``CreditRecord.objects.visible_to`` (docs/architecture.md, "Visibility is one rule")."""

import datetime as dt
from functools import lru_cache

from django.utils import timezone

from publiccredit.catalog.models import CatalogItemVersion, ItemField
from publiccredit.collection.models import CreditRecord
from publiccredit.core.audience import Audience
from publiccredit.core.masking import mask_citizen_id, mask_person_name
from publiccredit.repair.rules import record_repair_problems

from .labels import labels

State = CreditRecord.State

# Fields whose values the public never sees, whatever the item says: identity document numbers and their types.
NEVER_PUBLIC_ROLES = frozenset({
    ItemField.Role.PARTY_ID_NUMBER, ItemField.Role.PARTY_ID_TYPE, ItemField.Role.REPRESENTATIVE_ID_NUMBER,
})
PERSON_NAME_ROLES = frozenset({ItemField.Role.PARTY_NAME})


def _today(today: dt.date | None) -> dt.date:
    return today or timezone.localdate()


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
    """A record as ``audience`` is shown it. The caller read it through ``CreditRecord.objects.visible_to``."""
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
