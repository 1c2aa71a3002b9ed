"""Reads of voluntary registrations for a reader (docs/registrations.md): the credit file's verified entries, a
subject's own, and a department's verification queue."""

import datetime as dt

from django.db.models import QuerySet
from django.utils import timezone

from publiccredit.core.audience import Audience

from .models import Registration

QUEUE_FILTERS = {"submitted": "待核实", "verified": "已核实", "rejected": "未通过核实", "false": "经查虚假",
                 "withdrawn": "已撤回", "": "全部"}


def shown_on_file(subject, audience: Audience, *, today: dt.date | None = None) -> list[Registration]:
    """What the credit file lists for ``audience``: verified entries in force (the subject: all of its own)."""
    return list(Registration.objects.visible_to(audience, today=today).filter(subject_id=subject.pk)
                .select_related("department").order_by("-issued_on", "-id")[:100])


def own_registrations(user) -> QuerySet[Registration]:
    return (Registration.objects.visible_to(Audience.SUBJECT).filter(subject_id=user.subject_id)
            .select_related("department").order_by("-submitted_at", "-id"))


def verification_queue(user, *, state: str = "submitted") -> QuerySet[Registration]:
    registrations = Registration.objects.handled_by(user).select_related("subject", "department")
    if state:
        registrations = registrations.filter(state=state)
    return registrations.order_by("submitted_at", "id")


def verified_facts(*, first_id: int, last_id: int, subject_ids: list[int] | None, today: dt.date | None = None
                   ) -> QuerySet:
    """(id, subject_id, verified on, title) of the verified entries in force of subjects in [first_id, last_id]:
    what evaluation counts (docs/evaluation.md)."""
    today = today or timezone.localdate()
    registrations = Registration.objects.visible_to(Audience.DEPARTMENT, today=today).filter(
        subject_id__gte=first_id, subject_id__lte=last_id)
    if subject_ids is not None and len(subject_ids) <= 500:
        registrations = registrations.filter(subject_id__in=subject_ids)
    return registrations.order_by().values_list("id", "subject_id", "verified_on", "title")


def verifying_departments():
    """The departments a subject may ask to verify a registration: the city's and counties' active public bodies
    (not courts, not associations)."""
    from publiccredit.organizations.models import Organization

    return list(Organization.objects.filter(is_active=True).exclude(kind__in=[Organization.Kind.COURT,
                                                                             Organization.Kind.ASSOCIATION,
                                                                             Organization.Kind.AGENCY])
                .order_by("sort_order", "code"))
