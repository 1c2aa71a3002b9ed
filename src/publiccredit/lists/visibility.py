"""What each audience may see of a credit-list entry, reached through ``ListEntry.objects.visible_to(audience)`` and
``.restrict(user)`` (docs/architecture.md, "Visibility is one rule"; docs/lists.md).

The public sees an entry while it is published and in its term. The subject itself also sees its entries from the
prior notice on (so that it can state its case within the objection period), suspended and exited ones included.
Departments see every entry that was decided, with its state; the credit office sees every entry."""

import datetime as dt

from django.db.models import Q
from django.utils import timezone

from publiccredit.core.audience import Audience

from .models import ListEntry

State = ListEntry.State

STATES: dict[Audience, frozenset[str]] = {
    Audience.PUBLIC: frozenset({State.PUBLISHED}),
    Audience.SUBJECT: frozenset({State.NOTIFIED, State.DECIDED, State.PUBLISHED, State.SUSPENDED, State.EXITED}),
    Audience.DEPARTMENT: frozenset({State.DECIDED, State.PUBLISHED, State.EXITED}),
    Audience.CREDIT_OFFICE: frozenset(State.values),
}


def entry_condition(audience: Audience, *, today: dt.date | None = None) -> Q:
    audience = Audience(audience)
    condition = Q(state__in=sorted(STATES[audience]))
    if audience == Audience.PUBLIC:
        today = today or timezone.localdate()
        condition &= Q(start__lte=today) & (Q(end__isnull=True) | Q(end__gte=today))
    return condition


def in_force_condition(*, today: dt.date | None = None) -> Q:
    """Published and inside its term: what screening and the measures act on, whoever looks."""
    return entry_condition(Audience.PUBLIC, today=today)
