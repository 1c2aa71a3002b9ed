"""What each audience may see of a credit record: the one rule every page, API answer, export, screening and report
asks, through ``CreditRecord.objects.visible_to(audience)`` or ``.restrict(user)`` (docs/architecture.md,
"Visibility is one rule").

The rule reads the catalog disclosure class of the record's item (社会公开 / 授权查询 / 政务共享), the record's state
(有效, 已更正, 异议处理中, 已修复, 已撤销, 已过公示期), whether it is published at all (轻微 dishonesty need not be,
国办发〔2025〕22号) and its publicity window. ``record_condition`` states it for the database and ``is_visible`` for
one loaded record; a test holds the two equal on every combination.
"""

import datetime as dt

from django.db.models import Q
from django.utils import timezone

from publiccredit.catalog.models import CatalogItem
from publiccredit.core.audience import Audience

from .models import CreditRecord

State = CreditRecord.State
Disclosure = CatalogItem.Disclosure

DISCLOSURES: dict[Audience, frozenset[str]] = {
    Audience.PUBLIC: frozenset({Disclosure.PUBLIC}),
    Audience.SUBJECT: frozenset(Disclosure.values),
    # 授权查询 needs the subject's own authorisation, which a department's duty alone does not give.
    Audience.DEPARTMENT: frozenset({Disclosure.PUBLIC, Disclosure.GOVERNMENT}),
    Audience.CREDIT_OFFICE: frozenset(Disclosure.values),
    Audience.AGENCY: frozenset({Disclosure.PUBLIC, Disclosure.AUTHORIZED}),
}

# A repaired record "stops being published, shared with departments and agencies" (国办发〔2025〕22号): the subject
# itself still sees it, marked. A withdrawn record was never valid: only the credit office sees it.
STATES: dict[Audience, frozenset[str]] = {
    Audience.PUBLIC: frozenset({State.ACTIVE, State.CORRECTED, State.OBJECTION}),
    Audience.SUBJECT: frozenset({State.ACTIVE, State.CORRECTED, State.OBJECTION, State.REPAIRED, State.EXPIRED}),
    Audience.DEPARTMENT: frozenset({State.ACTIVE, State.CORRECTED, State.OBJECTION, State.EXPIRED}),
    Audience.CREDIT_OFFICE: frozenset(State.values),
    Audience.AGENCY: frozenset({State.ACTIVE, State.CORRECTED, State.OBJECTION}),
}

# Who sees a record only while it is published and inside its publicity window.
WINDOWED = frozenset({Audience.PUBLIC, Audience.AGENCY})
# A record grounds measures and lists while it is valid and inside its publicity period: corrected content is still
# valid content; under objection it stays, marked, and the measures resting on it wait (docs/lists.md).
IN_FORCE_STATES = frozenset({State.ACTIVE, State.CORRECTED, State.OBJECTION})


def _today(today: dt.date | None) -> dt.date:
    return today or timezone.localdate()


def record_condition(audience: Audience, *, today: dt.date | None = None) -> Q:
    """The rule for ``audience`` as a condition on ``collection_creditrecord`` rows."""
    audience = Audience(audience)
    condition = Q(state__in=sorted(STATES[audience]))
    if DISCLOSURES[audience] != frozenset(Disclosure.values):
        # A semi-join on the few catalog items rather than a join that would carry item columns into every row.
        allowed = CatalogItem.objects.filter(disclosure__in=sorted(DISCLOSURES[audience])).order_by().values("pk")
        condition &= Q(item_id__in=allowed)
    if audience in WINDOWED:
        today = _today(today)
        condition &= (Q(published=True)
                      & (Q(publicity_start__isnull=True) | Q(publicity_start__lte=today))
                      & (Q(publicity_end__isnull=True) | Q(publicity_end__gte=today)))
    return condition


def in_force_condition(*, today: dt.date | None = None) -> Q:
    return Q(state__in=sorted(IN_FORCE_STATES)) & (Q(publicity_end__isnull=True) | Q(publicity_end__gte=_today(today)))


def is_visible(record: CreditRecord, audience: Audience, *, today: dt.date | None = None) -> bool:
    """The same rule as ``record_condition`` for one loaded record."""
    audience = Audience(audience)
    if record.state not in STATES[audience] or record.item.disclosure not in DISCLOSURES[audience]:
        return False
    if audience not in WINDOWED:
        return True
    today = _today(today)
    return (record.published
            and (record.publicity_start is None or record.publicity_start <= today)
            and (record.publicity_end is None or record.publicity_end >= today))
