"""Who sees a voluntary registration (docs/registrations.md, "Who sees what"), reached through
``Registration.objects.visible_to(audience)`` and ``.restrict(user)`` (docs/architecture.md, "Visibility is one
rule").

A verified registration inside its validity is published on the credit file, marked 自主申报·已核实: the filer
agreed to that in its commitment. Departments see the same. The subject sees all of its own, whatever their state;
the credit office sees everything. Evidence files are never public: only the verifying department and the credit
office download them."""

import datetime as dt

from django.db.models import Q
from django.utils import timezone

from publiccredit.core.audience import Audience

from .models import Registration

State = Registration.State


def in_force_condition(*, today: dt.date | None = None) -> Q:
    """Verified and not past its validity: what the credit file shows and evaluation counts."""
    today = today or timezone.localdate()
    return Q(state=State.VERIFIED) & (Q(valid_until__isnull=True) | Q(valid_until__gte=today))


def registration_condition(audience: Audience, *, today: dt.date | None = None) -> Q:
    audience = Audience(audience)
    if audience in (Audience.SUBJECT, Audience.CREDIT_OFFICE):
        return Q()
    return in_force_condition(today=today)
