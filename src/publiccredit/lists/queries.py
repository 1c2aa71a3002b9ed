"""Reads of credit lists: published entries for the public (persons masked) and each subject's entries."""

import datetime as dt

from django.db.models import QuerySet
from django.urls import reverse

from publiccredit.collection.validation import mask_personal_data
from publiccredit.core.audience import Audience
from publiccredit.organizations.queries import issuing_office
from publiccredit.subjects.models import SubjectScope

from .models import ListEntry, ListKind


def published_entries(kind: str | None = None, *, today: dt.date | None = None) -> QuerySet[ListEntry]:
    """Entries the public sees: published, started, not past their term, not exited."""
    entries = (ListEntry.objects.visible_to(Audience.PUBLIC, today=today)
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


# Fields of a basis record that say what happened, in the order a document states them (penalty items first; other
# items fall back to their name and decision number).
FACT_FIELDS = (("CF_WFXW", "违法行为类型"), ("CF_SY", "违法事实"), ("CF_CFLB", "处罚类别"), ("CF_NR", "处罚内容"))


def basis_facts(entry: ListEntry) -> list[str]:
    """The facts of each basis record in words, for the notice and the decision (docs/lists.md "文书")."""
    facts = []
    for record in entry.records.select_related("item", "provider").order_by("decision_date", "pk"):
        day = f"{record.decision_date:%Y年%m月%d日}" if record.decision_date else "（日期未报送）"
        parts = []
        for code, label in FACT_FIELDS:
            value = record.payload.get(code)
            if value not in (None, "", []):
                text = "、".join(value) if isinstance(value, list) else str(value)
                parts.append(f"{label}：{mask_personal_data(text)}")
        detail = f"，{'；'.join(parts)}" if parts else ""
        severity = f"（{record.get_severity_display()}失信）" if record.severity else ""
        facts.append(f"{record.provider.name}于{day}作出{record.item.name}决定（{record.decision_number}）"
                     f"{severity}{detail}。")
    return facts


def document_measures(entry: ListEntry):
    """The measures the documents name: active, of the entry's list, and meant for this kind of subject (a measure
    for persons never appears in an enterprise's notice, nor the reverse)."""
    # the measures catalog points at list kinds (sanctions sits above lists): read through the reverse relation
    scopes = SubjectScope.reaching(is_person=entry.subject.is_person)
    return entry.kind.measures.filter(is_active=True, scope__in=scopes).order_by("sort_order", "code")


def remedies_text(issuer_name: str) -> str:
    """Remedies with their time limits and bodies (行政复议法 第20条: 60 days; 行政诉讼法 第46条: 6 months)."""
    from django.conf import settings

    return (f"如不服本决定，可以自收到本决定书之日起六十日内向{settings.RECONSIDERATION_BODY}申请行政复议，"
            f"或者自收到本决定书之日起六个月内向{settings.ADMINISTRATIVE_COURT}提起行政诉讼。"
            f"复议、诉讼期间，本决定不停止执行。（作出决定单位：{issuer_name}）")
