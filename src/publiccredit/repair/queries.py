"""Reads of credit repair: the applicant's progress view, the work queues with deadlines, the statistics."""

import datetime as dt

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from publiccredit.casework.queries import find_case, steps_of
from publiccredit.collection.queries import sees_all_organizations
from publiccredit.workdays.queries import local_day_range

from .models import RepairApplication

State = RepairApplication.State
def progress_of(application: RepairApplication) -> dict:
    """What the applicant sees with number + query code: no contact details, no staff names."""
    record = application.record
    return {
        "number": application.number, "state": application.state, "state_label": application.get_state_display(),
        "record": {"item": record.item.name, "decision_number": record.decision_number,
                   "provider": record.provider.name, "record_state": record.get_state_display()},
        "submitted_at": application.submitted_at, "decide_by": application.decide_by,
        "return_reason": application.return_reason, "decision_reason": application.decision_reason,
        "steps": steps_of(application),
    }


def repair_queue(viewer, *, state: str = "") -> QuerySet[RepairApplication]:
    """The credit office handles every application (one window); a department sees those on its own records."""
    applications = RepairApplication.objects.select_related("record__item", "record__provider", "subject")
    if not sees_all_organizations(viewer):
        applications = applications.filter(record__provider_id=getattr(viewer, "organization_id", None))
    if state == "open":
        applications = applications.filter(state__in=RepairApplication.OPEN_STATES)
    elif state == "to_acknowledge":
        applications = applications.filter(state=State.APPROVED, pushed_at__isnull=True)
    elif state in State.values:
        applications = applications.filter(state=state)
    return applications.order_by("decide_by", "submitted_at")


def is_overdue(application: RepairApplication, today: dt.date | None = None) -> bool:
    today = today or timezone.localdate()
    if application.state in (State.SUBMITTED, State.ACCEPTED):
        return application.decide_by < today
    return application.state == State.APPROVED and application.pushed_at is None and bool(
        application.push_by and application.push_by < today)


def repair_statistics(*, since: dt.date, until: dt.date) -> dict:
    """Outcomes, open and overdue applications, and the working days decisions took, for monitoring."""
    from publiccredit.workdays.services import handling_times

    today = timezone.localdate()
    applications = RepairApplication.objects.filter(submitted_at__range=local_day_range(since, until))
    by_state = dict(applications.values_list("state").annotate(n=Count("id")).order_by())
    overdue = applications.filter(Q(state__in=[State.SUBMITTED, State.ACCEPTED], decide_by__lt=today)
                                  | Q(state=State.APPROVED, pushed_at__isnull=True, push_by__lt=today)).count()
    return {"since": since, "until": until, "total": sum(by_state.values()),
            "by_state": {label: by_state.get(value, 0) for value, label in State.choices},
            "overdue": overdue, **handling_times(applications, started="submitted_at", finished="decided_at")}


def find_by_query_code(number: str, code: str) -> RepairApplication | None:
    """An application by its number and query code (both needed; the answer does not say which one was wrong)."""
    return find_case(RepairApplication, number, code, related=("record__item", "subject"))
