"""What this app's events tell whom (registered with notifications from ``ready``, docs/architecture.md), and which
of its items the daily deadline digest reminds the departments of."""

import datetime as dt

from publiccredit.notifications.occasions import (
    DEPARTMENT,
    SUBJECT,
    Occasion,
    accounts_of,
    day_text,
    reminds,
    resolves,
    staff_of,
    staff_recipients,
)

from . import topics
from .models import Interview, RectificationTask

# the department is told of what waits for it; the subject of everything about its own rectification
_DEPARTMENT_TOLD = (".report", ".overdue")


@resolves(topics.TASK, variables=("number", "subject", "department", "requirement", "due_on", "state", "note"))
def rectification_task(topic: str, payload: dict) -> Occasion | None:
    task = (RectificationTask.objects.select_related("subject", "department").filter(pk=payload.get("task_id"))
            .first())
    if task is None:
        return None
    report = task.reports.order_by("-filed_at", "-id").first()
    return Occasion(
        context={"number": task.number, "subject": task.subject.name, "department": task.department.name,
                 "requirement": task.requirement, "due_on": day_text(task.due_on),
                 "state": task.get_state_display(), "note": report.answer_note if report else ""},
        recipients={SUBJECT: accounts_of(task.subject_id),
                    DEPARTMENT: staff_recipients(staff_of(task.department_id)) if topic.endswith(_DEPARTMENT_TOLD)
                    else []},
        links={SUBJECT: "/account/rectifications/", DEPARTMENT: f"/backoffice/rectifications/{task.pk}/"})


@resolves(topics.INTERVIEW, variables=("number", "subject", "department", "kind", "held_on"))
def interview(topic: str, payload: dict) -> Occasion | None:
    held = Interview.objects.select_related("subject", "department").filter(pk=payload.get("interview_id")).first()
    if held is None:
        return None
    return Occasion(
        context={"number": held.number, "subject": held.subject.name, "department": held.department.name,
                 "kind": held.get_kind_display(), "held_on": day_text(held.held_on)},
        recipients={SUBJECT: accounts_of(held.subject_id)}, links={SUBJECT: "/account/rectifications/"})


@reminds
def reports_waiting(horizon: dt.date):
    """Reports waiting for the department's confirmation, and rectifications due or overdue, to their department."""
    waiting = (RectificationTask.objects.filter(state__in=[RectificationTask.State.REPORTED,
                                                           RectificationTask.State.OPEN], due_on__lte=horizon)
               .order_by("due_on"))
    staff: dict[int, list] = {}
    for department_id, number, due_on in waiting.values_list("department_id", "number", "due_on"):
        if department_id not in staff:
            staff[department_id] = staff_of(department_id)
        yield staff[department_id], ("责令整改", due_on, number)
