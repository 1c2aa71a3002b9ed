"""Reads of objections: the filer's progress view, the providing department's queue, the statistics."""

import datetime as dt

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from publiccredit.casework.queries import find_case, steps_of
from publiccredit.collection.queries import sees_all_organizations

from .models import Objection

State = Objection.State


def progress_of(objection: Objection) -> dict:
    record = objection.record
    return {
        "number": objection.number, "state": objection.state, "state_label": objection.get_state_display(),
        "record": {"item": record.item.name, "decision_number": record.decision_number,
                   "provider": objection.provider.name, "record_state": record.get_state_display()},
        "filed_at": objection.filed_at, "decide_by": objection.decide_by, "decided_at": objection.decided_at,
        "decision_reason": objection.decision_reason,
        "review": {"requested_at": objection.review_requested_at, "review_by": objection.review_by,
                   "outcome": objection.review_outcome, "outcome_label": objection.get_review_outcome_display(),
                   "reason": objection.review_reason} if objection.review_requested_at else None,
        "steps": steps_of(objection),
    }


def objection_queue(viewer, *, state: str = "") -> QuerySet[Objection]:
    """A department handles objections to its own records; the credit office and auditors see all."""
    objections = Objection.objects.select_related("record__item", "record__subject", "provider")
    if not sees_all_organizations(viewer):
        objections = objections.filter(provider_id=getattr(viewer, "organization_id", None))
    if state == "open":
        objections = objections.filter(state__in=Objection.OPEN_STATES)
    elif state == "review":
        return objections.filter(review_requested_at__isnull=False, review_decided_at__isnull=True).order_by(
            "review_by", "review_requested_at")
    elif state in State.values:
        objections = objections.filter(state=state)
    return objections.order_by("decide_by", "filed_at")


def is_overdue(objection: Objection, today: dt.date | None = None) -> bool:
    today = today or timezone.localdate()
    if objection.under_review:
        return bool(objection.review_by and objection.review_by < today)
    return objection.is_open and bool(objection.decide_by and objection.decide_by < today)


def objection_statistics(*, since: dt.date, until: dt.date) -> dict:
    from publiccredit.workdays.queries import local_day_range
    from publiccredit.workdays.services import handling_times

    today = timezone.localdate()
    objections = Objection.objects.filter(filed_at__range=local_day_range(since, until))
    by_state = dict(objections.values_list("state").annotate(n=Count("id")).order_by())
    by_provider = list(objections.values("provider__name").annotate(n=Count("id")).order_by("-n"))
    return {"since": since, "until": until, "total": sum(by_state.values()),
            "by_state": {label: by_state.get(value, 0) for value, label in State.choices},
            **objections.aggregate(
                overdue=Count("id", filter=Q(state__in=Objection.OPEN_STATES, decide_by__lt=today)),
                reviews=Count("id", filter=Q(review_requested_at__isnull=False)),
                reviews_reopened=Count("id", filter=Q(review_outcome=Objection.ReviewOutcome.REOPENED))),
            **handling_times(objections, started="filed_at", finished="decided_at"),
            "by_provider": [{"provider": row["provider__name"], "objections": row["n"]} for row in by_provider]}


def find_by_query_code(number: str, code: str) -> Objection | None:
    """An objection by its number and query code (both needed; the answer does not say which one was wrong)."""
    return find_case(Objection, number, code, related=("record__item", "provider"))
