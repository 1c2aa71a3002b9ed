from django.shortcuts import render

from publiccredit.collection.queries import batches_for, unlinked_records
from publiccredit.lists.models import ListEntry

from .access import staff_of_an_organization


@staff_of_an_organization
def dashboard(request):
    return render(request, "backoffice/dashboard.html", {
        "batches": batches_for(request.user)[:10],
        "unlinked": unlinked_records(request.user).count(),
        "lists_waiting": ListEntry.objects.filter(state__in=["proposed", "notified", "decided"]).count(),
    })
