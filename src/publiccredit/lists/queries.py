"""Reads of credit lists: published entries for the public (persons masked) and each subject's entries."""

import datetime as dt

from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils import timezone

from publiccredit.collection.validation import mask_personal_data
from publiccredit.organizations.queries import issuing_office

from .models import ListEntry, ListKind


def published_entries(kind: str | None = None, *, today: dt.date | None = None) -> QuerySet[ListEntry]:
    """Entries the public sees: published, started, not past their term, not exited."""
    today = today or timezone.localdate()
    entries = (ListEntry.objects.filter(state=ListEntry.State.PUBLISHED, start__lte=today)
               .filter(Q(end__isnull=True) | Q(end__gte=today))
               .select_related("kind", "subject", "approver__organization"))
    if kind:
        entries = entries.filter(kind__code=kind)
    return entries.order_by("-start", "-id")


def public_kinds() -> QuerySet[ListKind]:
    return ListKind.objects.filter(is_active=True)


def deciding_office(entry: ListEntry) -> str:
    """The department named on the decision: the approver's organisation, else the credit office (as on the
    written decision, ``organizations.queries.issuing_office``)."""
    office = issuing_office(entry.approver)
    return office.name if office else ""


def present_entry(entry: ListEntry) -> dict:
    """An entry as the public sees it: who decided it, why (ID and mobile numbers in the text masked) and where the
    public decision is."""
    subject = entry.subject
    return {"id": entry.pk, "kind": entry.kind.code, "kind_name": entry.kind.name, "code": subject.code,
            "name": subject.public_name, "start": entry.start, "end": entry.end,
            "decision_number": entry.decision_number, "decided_on": entry.decided_on,
            "decided_by": deciding_office(entry), "reason": mask_personal_data(entry.reason),
            "url": reverse("list-entry", args=[entry.pk])}
