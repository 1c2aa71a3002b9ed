"""Reads of integrity education (docs/education.md): the published courses, a subject's completions as an audience
sees them, the completions of repair-route courses a repair handler sees, and the facts evaluation counts."""

import datetime as dt

from django.db.models import QuerySet

from publiccredit.core.audience import Audience

from .models import Completion, Course


def published_courses() -> QuerySet[Course]:
    return Course.objects.filter(is_active=True).order_by("sort_order", "code")


def completions_of(subject, audience: Audience, *, limit: int = 20) -> list[dict]:
    """The subject's completions: shown to the subject and to departments, and to the public on the file of an
    organisation (a person's learning is nobody else's business)."""
    if Audience(audience) == Audience.PUBLIC and subject.is_person:
        return []
    rows = (Completion.objects.filter(subject_id=subject.pk).select_related("course")
            .order_by("-completed_on", "-id")[:limit])
    return [{"course": row.course.title, "code": row.course.code, "completed_on": row.completed_on,
             "score": row.score, "channel": row.get_channel_display(), "repair_route": row.course.repair_route}
            for row in rows]


def repair_route_completions(subject_id: int, *, since: dt.date) -> list[Completion]:
    """Completions of the 信用修复专题培训 courses since ``since``: what a repair handler sees beside an application
    (a route the subject may take, never one it must)."""
    return list(Completion.objects.filter(subject_id=subject_id, course__repair_route=True, completed_on__gte=since)
                .select_related("course").order_by("-completed_on"))


def completion_facts(*, first_id: int, last_id: int, subject_ids: list[int] | None) -> QuerySet:
    """(id, subject_id, completed on, course title) of the completions of subjects in [first_id, last_id]: what
    evaluation counts (docs/evaluation.md); its decay ages them out."""
    completions = Completion.objects.filter(subject_id__gte=first_id, subject_id__lte=last_id)
    if subject_ids is not None and len(subject_ids) <= 500:
        completions = completions.filter(subject_id__in=subject_ids)
    return completions.order_by().values_list("id", "subject_id", "completed_on", "course__title")


def window_completions(user) -> QuerySet[Completion]:
    """The completions recorded at the user's window (the credit office sees every window's)."""
    from publiccredit.accounts.roles import sees_everything

    rows = Completion.objects.filter(channel=Completion.Channel.WINDOW).select_related("course", "subject",
                                                                                       "department")
    if not sees_everything(user):
        rows = rows.filter(department_id=getattr(user, "organization_id", None) or -1)
    return rows.order_by("-created_at", "-id")
