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
    staff_recipients,
)

from .models import Objection


@resolves(Objection.TOPIC, variables=("number", "filer", "item", "decision_number", "provider", "state",
                                              "decide_by", "accept_by", "reason", "review_by", "review_outcome", "review_reason"))
def objection(topic: str, payload: dict) -> Occasion | None:
    found = (Objection.objects.select_related("record__item", "provider", "submitted_by")
             .filter(pk=payload.get("objection")).first())
    if found is None:
        return None
    record = found.record
    if topic.endswith(".review"):  # the request goes to the credit office, which reviews
        staff = holders_of("objections.review_objection")
    else:
        staff = holders_of("objections.handle_objection", organization_id=found.provider_id)
    return Occasion(
        context={"number": found.number, "filer": found.filer_name, "item": record.item.name,
                 "decision_number": record.decision_number, "provider": found.provider.name,
                 "state": found.get_state_display(), "decide_by": day_text(found.decide_by),
                 "accept_by": day_text(found.flag_by), "reason": found.decision_reason, "review_by": day_text(found.review_by),
                 "review_outcome": found.get_review_outcome_display(), "review_reason": found.review_reason},
        recipients={FILER: filer_recipients(found.submitted_by, found.contact_phone, found.contact_email),
                    SUBJECT: accounts_of(record.subject_id, besides=found.submitted_by),
                    DEPARTMENT: staff_recipients(staff)},
        links={FILER: f"/objections/{found.number}/", SUBJECT: "/account/",
               DEPARTMENT: f"/backoffice/objections/{found.pk}/"})


@reminds
def objections_due(horizon: dt.date):
    """Objections due from the providing department's handlers, and reviews due from the credit office."""
    due = Objection.objects.filter(state__in=Objection.OPEN_STATES, decide_by__lte=horizon).order_by("decide_by")
    handlers = cache(lambda provider_id: holders_of("objections.handle_objection", organization_id=provider_id))
    for number, decide_by, provider_id in due.values_list("number", "decide_by", "provider_id"):
        yield handlers(provider_id), ("异议", decide_by, number)
    reviews = Objection.objects.filter(review_requested_at__isnull=False, review_decided_at__isnull=True,
                                       review_by__lte=horizon).order_by("review_by")
    reviewers = holders_of("objections.review_objection")
    for number, review_by in reviews.values_list("number", "review_by"):
        yield reviewers, ("异议复核", review_by, number)
