"""What this app's events tell whom: registered with notifications from ``ready`` (docs/architecture.md)."""

from publiccredit.notifications.occasions import (
    DEPARTMENT,
    SUBJECT,
    Occasion,
    accounts_of,
    day_text,
    holders_of,
    resolves,
    staff_recipients,
)

from . import topics
from .models import ListEntry


@resolves(topics.ENTRY, variables=("kind", "subject", "state", "notice_number", "decision_number", "objection_until",
                                     "filer", "adopted", "answer", "basis_note"))
def list_entry(topic: str, payload: dict) -> Occasion | None:
    entry = ListEntry.objects.select_related("kind", "subject").filter(pk=payload.get("entry_id")).first()
    if entry is None:
        return None
    statement = entry.statements.order_by("-pk").first() if topic.endswith((".statement", ".answer")) else None
    return Occasion(
        context={"kind": entry.kind.name, "subject": entry.subject.name, "state": entry.get_state_display(),
                 "notice_number": entry.notice_number, "decision_number": entry.decision_number,
                 "objection_until": day_text(entry.objection_until),
                 "filer": statement.filer_name if statement else "",
                 "adopted": ("采纳" if statement.adopted else "不予采纳") if statement and statement.answered_at else "",
                 "answer": statement.answer if statement else "", "basis_note": entry.basis_note},
        recipients={SUBJECT: accounts_of(entry.subject_id),
                    DEPARTMENT: (staff_recipients(holders_of("lists.manage_entries"))
                                 if topic.endswith((".statement", ".basis", ".suspend")) else [])},
        links={SUBJECT: "/account/", DEPARTMENT: f"/backoffice/lists/{entry.pk}/"})
