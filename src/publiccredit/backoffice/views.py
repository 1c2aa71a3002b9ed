from django.shortcuts import render

from publiccredit.accounts.access import staff_of_an_organization
from publiccredit.collection.queries import batches_for, unlinked_records
from publiccredit.lists.models import ListEntry


@staff_of_an_organization
def dashboard(request):
    return render(request, "backoffice/dashboard.html", {
        "batches": batches_for(request.user)[:10],
        "unlinked": unlinked_records(request.user).count(),
        "lists_waiting": ListEntry.objects.filter(state__in=["proposed", "notified", "decided"]).count(),
        **_remedy_counts(request.user),
    })


def _remedy_counts(user) -> dict:
    """Open and overdue repairs and objections the user's office must act on (overdue alerts on the dashboard)."""
    from django.utils import timezone

    from publiccredit.objections.queries import objection_queue
    from publiccredit.repair.queries import repair_queue

    today = timezone.localdate()
    repairs = repair_queue(user, state="open")
    objections = objection_queue(user, state="open")
    return {"repairs_open": repairs.count(),
            "repairs_overdue": repairs.filter(state__in=["submitted", "accepted"], decide_by__lt=today).count(),
            "objections_open": objections.count(),
            "objections_overdue": objections.filter(decide_by__lt=today).count()}
