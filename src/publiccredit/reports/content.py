"""What a report says (docs/reports.md, "Contents"), read through the visibility rule of its audience and nothing
else: the standard report is the credit file as the public sees it (a person's own report: as the person sees it);
the special report (信用代证) is what the subject itself sees of the chosen domains and period — administrative
penalties (summary procedure included), compulsory measures, serious-dishonesty list entries and criminal
judgments — each section saying 无 when empty and a repaired record marked 已修复."""

import datetime as dt

from django.utils import timezone

from publiccredit.collection.models import CreditRecord
from publiccredit.core.audience import Audience
from publiccredit.lists.models import ListEntry
from publiccredit.publicity.presentation import present_record
from publiccredit.publicity.queries import credit_file, present_subject

from .models import ReportDomain

# the special report's record sections: item code, heading
SPECIAL_ITEMS = [("penalty", "行政处罚信息（含简易程序）"), ("administrative_coercion", "行政强制信息"),
                 ("criminal_judgment", "刑事判决信息")]
# criminal judgments come from the courts, not from a domain's department: listed whatever the domains
ITEMS_OF_EVERY_DOMAIN = {"criminal_judgment"}
SERIOUS_LIST = "serious_dishonesty"
NUMERALS = "一二三四五六七八九十"


def standard_audience(subject) -> Audience:
    return Audience.SUBJECT if subject.is_person else Audience.PUBLIC


# the fields a special report quotes for each record: what was done and why (the rest stays on the credit file)
SUMMARY_FIELDS = {"CF_SY", "CF_NR", "QZ_LB", "QZ_NR", "XS_ZM", "XS_PJJG"}
MAX_RECORDS = 2000  # a report lists every record its audience sees, up to this many


def standard_content(subject) -> dict:
    """The credit file's content, every record listed (the web page shows the first of each section)."""
    audience = standard_audience(subject)
    file = credit_file(subject, audience, section_limit=MAX_RECORDS)
    sections = [{"title": section["title"], "count": section["count"], "records": section["records"],
                 "entries": section.get("entries", [])} for section in file["sections"]]
    return {"subject": file["subject"], "audience": audience, "risks": file["risks"], "sections": sections,
            "grades": [grade for grade in file["evaluation"]["results"] if grade.get("disclosed")
                       or audience != Audience.PUBLIC],
            "registrations": file["registrations"], "commitments": file["commitments"], "courses": file["courses"]}


def special_content(subject, *, domains: list[ReportDomain], since: dt.date, until: dt.date,
                    today: dt.date | None = None) -> dict:
    today = today or timezone.localdate()
    organizations = {organization_id for domain in domains
                     for organization_id in domain.organizations.values_list("pk", flat=True)}
    sections = []
    for code, title in SPECIAL_ITEMS:
        records = (CreditRecord.objects.visible_to(Audience.SUBJECT, today=today)
                   .filter(subject_id=subject.pk, item__code=code, decision_date__gte=since, decision_date__lte=until)
                   .select_related("item").order_by("-decision_date", "-id"))
        if code not in ITEMS_OF_EVERY_DOMAIN:
            records = records.filter(provider_id__in=organizations)
        shown = []
        for record in records:
            row = present_record(record, Audience.SUBJECT, today=today)
            row["repaired"] = record.state == CreditRecord.State.REPAIRED
            row["summary"] = "；".join(field["value"] for field in row["fields"] if field["code"] in SUMMARY_FIELDS)
            shown.append(row)
        sections.append({"title": title, "records": shown, "count": len(shown)})
    entries = (ListEntry.objects.visible_to(Audience.SUBJECT).filter(
        subject_id=subject.pk, kind__code=SERIOUS_LIST, start__gte=since, start__lte=until)
        .select_related("kind", "approver__organization").order_by("-start"))
    listed = [{"kind": entry.kind.name, "decision_number": entry.decision_number, "start": entry.start,
               "end": entry.end, "state": entry.get_state_display(), "reason": entry.reason} for entry in entries]
    headings = iter(NUMERALS[1:])  # 一 is the subject's basic information
    for section in sections:
        section["heading"] = f"{next(headings)}、{section['title']}"
    return {"subject": present_subject(subject, Audience.SUBJECT), "audience": Audience.SUBJECT,
            "list_heading": f"{next(headings)}、严重失信主体名单信息",
            "domains": [domain.name for domain in domains], "since": since, "until": until, "sections": sections,
            "serious_list": listed}
