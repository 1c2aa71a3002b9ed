"""What each audience may see of a signed commitment (docs/commitments.md), reached through ``visible_to`` /
``restrict``: the public those marked 可向社会公开 and not withdrawn; the subject itself all of its own; departments
those 可向社会公开 or 特定范围内公开 (政务共享) and not withdrawn; the credit office everything."""

from django.db.models import Q

from publiccredit.core.audience import Audience

from .models import Commitment, Disclosure


def commitment_condition(audience: Audience) -> Q:
    audience = Audience(audience)
    if audience == Audience.CREDIT_OFFICE or audience == Audience.SUBJECT:
        return Q()
    shown = Q(state__in=[Commitment.State.SIGNED, Commitment.State.DECIDED])
    if audience == Audience.DEPARTMENT:
        return shown & Q(disclosure__in=[Disclosure.PUBLIC, Disclosure.RESTRICTED])
    return shown & Q(disclosure=Disclosure.PUBLIC)
