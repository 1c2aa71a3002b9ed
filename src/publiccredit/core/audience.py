"""Who is looking: the four audiences every visibility rule is stated for (docs/architecture.md, "Visibility is one
rule"). The rules themselves live beside the data they govern (``collection.visibility`` for credit records,
``lists.visibility`` for list entries) and are reached through each model's queryset: ``visible_to(audience)`` for
a stated audience, ``restrict(user)`` for whoever is signed in."""

import datetime as dt
from enum import StrEnum

from django.db import models
from django.db.models import Q


class Audience(StrEnum):
    PUBLIC = "public"  # anyone on the website or the public API
    SUBJECT = "subject"  # the subject itself, signed in with an account bound to it
    DEPARTMENT = "department"  # a department's staff or system, through government sharing (政务共享)
    CREDIT_OFFICE = "credit_office"  # the credit office and auditors: everything, with its state
    # a credit service agency (信用服务机构), and only within a subject's recorded authorisation: 社会公开 and
    # 授权查询 information in its publicity period (docs/reports.md, "Agencies"); records only
    AGENCY = "agency"

# roles whose people belong to an organisation without being government: they see other subjects as the public
NON_GOVERNMENT_ROLES = ("association", "agency")


def audience_for(user, subject=None) -> Audience:
    """The audience a signed-in user (or anonymous visitor) belongs to when looking at ``subject``."""
    if user is None or not getattr(user, "is_authenticated", False):
        return Audience.PUBLIC
    if user.is_superuser or getattr(user, "role", "") in ("credit_office", "auditor"):
        return Audience.CREDIT_OFFICE
    if getattr(user, "organization_id", None) and getattr(user, "role", "") not in NON_GOVERNMENT_ROLES:
        return Audience.DEPARTMENT
    if subject is not None and getattr(user, "subject_id", None) == subject.pk:
        return Audience.SUBJECT
    return Audience.PUBLIC


def audiences_of(user) -> tuple[Audience, Audience]:
    """(the audience for the user's own subject, the audience for every other subject): a bound portal account sees
    its own subject as the subject and everyone else as the public; staff see every subject alike."""
    others = audience_for(user)
    own_subject = getattr(user, "subject_id", None) if others == Audience.PUBLIC else None
    return (Audience.SUBJECT if own_subject else others), others


class AudienceQuerySet(models.QuerySet):
    """A queryset whose rows are seen by audience: ``condition`` states the rule once, and ``visible_to`` and
    ``restrict`` apply it (the model's app defines ``condition`` in its ``visibility`` module)."""

    def condition(self, audience: Audience, *, today: dt.date | None = None) -> Q:
        raise NotImplementedError

    def visible_to(self, audience: Audience, *, today: dt.date | None = None):
        """What ``audience`` may see today."""
        return self.filter(self.condition(Audience(audience), today=today))

    def restrict(self, user, *, today: dt.date | None = None):
        """What ``user`` may see: a bound account its own subject's rows as the subject and everyone else's as the
        public, staff by their audience, a visitor as the public."""
        own, others = audiences_of(user)
        if own == others:
            return self.visible_to(others, today=today)
        subject_id = user.subject_id
        return self.filter((Q(subject_id=subject_id) & self.condition(own, today=today))
                           | (~Q(subject_id=subject_id) & self.condition(others, today=today)))
