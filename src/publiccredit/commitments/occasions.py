"""Which of this app's items the daily deadline digest reminds the departments of (registered from ``ready``,
docs/architecture.md): 容缺受理 whose materials are due, and 告知承诺 drawn for review."""

import datetime as dt

from publiccredit.notifications.occasions import reminds, staff_of

from .models import Commitment, GreenChannelDecision


@reminds
def materials_due(horizon: dt.date):
    due = (GreenChannelDecision.objects.filter(state=GreenChannelDecision.State.AWAITING, supply_by__lte=horizon)
           .select_related("template", "commitment").order_by("supply_by"))
    staff: dict[int, list] = {}
    for decision in due:
        department_id = decision.template.department_id
        if department_id not in staff:
            staff[department_id] = staff_of(department_id)
        yield staff[department_id], ("容缺受理补齐材料", decision.supply_by, decision.commitment.number)


@reminds
def reviews_due(horizon: dt.date):
    due = (Commitment.objects.filter(review_due__lte=horizon, fulfilment="", state=Commitment.State.DECIDED)
           .order_by("review_due").values_list("department_id", "review_due", "number"))
    staff: dict[int, list] = {}
    for department_id, day, number in due:
        if department_id not in staff:
            staff[department_id] = staff_of(department_id)
        yield staff[department_id], ("告知承诺复核", day, number)
