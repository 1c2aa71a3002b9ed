"""What this app's events tell whom (registered with notifications from ``ready``, docs/architecture.md), and
which of its items the daily deadline digest reminds clerks of."""

import datetime as dt
from functools import cache

from publiccredit.notifications.occasions import (
    DEPARTMENT,
    FILER,
    SUBJECT,
    Occasion,
    accounts_of,
    day_text,
    filer_recipients,
    holders_of,
    reminds,
    resolves,
    staff_of,
    staff_recipients,
)

from .models import RepairApplication


@resolves(RepairApplication.TOPIC, variables=("number", "applicant", "item", "decision_number", "provider", "state",
                                            "decide_by", "push_by", "return_reason", "reason"))
def repair_application(topic: str, payload: dict) -> Occasion | None:
    application = (RepairApplication.objects.select_related("record__item", "record__provider", "submitted_by")
                   .filter(pk=payload.get("application")).first())
    if application is None:
        return None
    record = application.record
    action = topic.rsplit(".", 1)[1]
    if action == "approve":
        staff = staff_of(record.provider_id)  # any clerk of the deciding department acknowledges the result
    elif action in ("submit", "resubmit"):
        staff = holders_of("repair.handle_repair")
    else:
        staff = []
    return Occasion(
        context={"number": application.number, "applicant": application.applicant_name, "item": record.item.name,
                 "decision_number": record.decision_number, "provider": record.provider.name,
                 "state": application.get_state_display(), "decide_by": day_text(application.decide_by),
                 "push_by": day_text(application.push_by), "return_reason": application.return_reason,
                 "reason": application.decision_reason},
        recipients={FILER: filer_recipients(application.submitted_by, application.contact_phone, application.contact_email),
                    SUBJECT: accounts_of(application.subject_id, besides=application.submitted_by),
                    DEPARTMENT: staff_recipients(staff)},
        # the page asks for the query code unless the reader is the subject's account or showed the code already
        links={FILER: f"/repairs/{application.number}/", SUBJECT: f"/repairs/{application.number}/",
               DEPARTMENT: f"/backoffice/repairs/{application.pk}/"})


@reminds
def repairs_due(horizon: dt.date):
    """Decisions due from the credit office, and results the deciding department has not yet acknowledged."""
    handlers = holders_of("repair.handle_repair")
    open_states = [RepairApplication.State.SUBMITTED, RepairApplication.State.ACCEPTED]
    due = RepairApplication.objects.filter(state__in=open_states, decide_by__lte=horizon).order_by("decide_by")
    for number, decide_by in due.values_list("number", "decide_by"):
        yield handlers, ("信用修复", decide_by, number)
    unacknowledged = RepairApplication.objects.filter(state=RepairApplication.State.APPROVED, pushed_at__isnull=True,
                                                      push_by__lte=horizon).order_by("push_by")
    staff = cache(staff_of)  # one look-up per department, however many of its results wait
    for number, push_by, provider_id in unacknowledged.values_list("number", "push_by", "record__provider_id"):
        yield staff(provider_id), ("修复结果待确认", push_by, number)
