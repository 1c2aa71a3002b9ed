"""Reads of credit lists: published entries for the public (persons masked) and each subject's entries."""

import datetime as dt

from django.db.models import Q, QuerySet
from django.utils import timezone

from .models import ListEntry, ListKind


def published_entries(kind: str | None = None, *, today: dt.date | None = None) -> QuerySet[ListEntry]:
    """Entries the public sees: published, started, not past their term, not exited."""
    today = today or timezone.localdate()
    entries = (ListEntry.objects.filter(state=ListEntry.State.PUBLISHED, start__lte=today)
               .filter(Q(end__isnull=True) | Q(end__gte=today)).select_related("kind", "subject"))
    if kind:
        entries = entries.filter(kind__code=kind)
    return entries.order_by("-start", "-id")


def public_kinds() -> QuerySet[ListKind]:
    return ListKind.objects.filter(is_active=True)


def present_entry(entry: ListEntry) -> dict:
    subject = entry.subject
    return {"kind": entry.kind.code, "kind_name": entry.kind.name, "code": subject.code, "name": subject.public_name,
            "start": entry.start, "end": entry.end, "decision_number": entry.decision_number}
