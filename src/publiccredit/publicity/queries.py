"""Public reads of the credit website: credit files, 双公示 and list columns, headline figures, articles.

Every record read here goes through ``visibility``; templates and API serializers receive presented dicts only.
"""

import datetime as dt
import hashlib
from collections import Counter
from dataclasses import dataclass

from django.core.cache import cache
from django.core.paginator import Paginator
from django.db import connection
from django.db.models import QuerySet
from django.utils import timezone

from publiccredit.catalog.models import CatalogItem
from publiccredit.collection.models import Batch, CreditRecord
from publiccredit.commitments.models import Commitment
from publiccredit.commitments.queries import commitments_of
from publiccredit.core.audience import Audience
from publiccredit.core.crypto import lookup_hash
from publiccredit.core.identifiers import check_citizen_id, check_uscc, normalize_code
from publiccredit.education.models import Completion
from publiccredit.education.queries import completions_of
from publiccredit.evaluation.models import EvaluationModel, EvaluationResult
from publiccredit.inspections.models import InspectionResult, InspectionTask
from publiccredit.inspections.queries import tasks_of_subject
from publiccredit.lists.models import ListEntry, ListKind
from publiccredit.lists.queries import present_entry, published_entries
from publiccredit.organizations.models import Organization, Region
from publiccredit.rectification.models import Interview, RectificationTask
from publiccredit.rectification.queries import file_section as rectification_section
from publiccredit.registrations.models import Registration
from publiccredit.registrations.queries import shown_on_file
from publiccredit.subjects.models import Representative, Subject, SubjectName

from .grades import grade_section
from .labels import labels
from .models import Article
from .presentation import present_record, shown_name

Column = CatalogItem.PortalColumn
PERSON_REF_PREFIX = "P"
SECTION_LIMIT = 50
FIGURES_CACHE_SECONDS = 300

# The sections of a credit file, in the order shown.
FILE_SECTIONS = [
    (Column.LICENSE, "行政许可"),
    (Column.PENALTY, "行政处罚"),
    (Column.LIST, "名单信息"),
    (Column.HONOR, "守信激励"),
    (Column.OTHER, "其他公示信息"),
]


def public_ref(subject: Subject) -> str:
    """The identifier in a credit file's address: the USCC, or for a person an opaque keyed reference."""
    return f"{PERSON_REF_PREFIX}{subject.id_hash}" if subject.is_person else subject.uscc


def ref_lookup(ref: str) -> tuple[str, str] | None:
    """The registry column and value a credit-file address or a typed code names: an opaque person reference or
    a full ID number → ``id_hash``, a USCC → ``uscc``; None when it is neither."""
    ref = (ref or "").strip()
    if ref.startswith(PERSON_REF_PREFIX) and len(ref) == len(PERSON_REF_PREFIX) + 64:
        return "id_hash", ref[len(PERSON_REF_PREFIX):]
    code = normalize_code(ref)
    if check_uscc(code).valid:
        return "uscc", code
    if check_citizen_id(code).valid:
        return "id_hash", lookup_hash(code)
    return None


def subject_by_ref(ref: str) -> Subject | None:
    """A subject from a credit-file address or a code typed in: USCC, opaque person reference or full ID number."""
    lookup = ref_lookup(ref)
    if lookup is None:
        return None
    column, value = lookup
    return Subject.objects.select_related("region", "industry").filter(**{column: value}).first()


def present_subject(subject: Subject, audience: Audience) -> dict:
    person = subject.is_person
    names = labels()
    info = {
        "code": subject.code,
        "ref": public_ref(subject),
        "name": shown_name(subject.name, subject.kind if person else "", audience),
        "kind": subject.get_kind_display(),
        "kind_code": subject.kind,
        "region": names.regions.get(subject.region_id, ""),
        "status": subject.get_status_display(),
    }
    if not person:
        if hasattr(subject, "representative_name"):  # read with the subject (subject_for_file)
            representative, has_former_names = subject.representative_name, subject.has_former_names
        else:
            representative = (Representative.objects.filter(organization_id=subject.pk, until__isnull=True,
                                                            role=Representative.Role.LEGAL_REPRESENTATIVE)
                              .values_list("person__name", flat=True).first())
            has_former_names = True
        info.update({
            "industry": names.industries.get(subject.industry_id, ""),
            "established_on": subject.established_on,
            "registered_capital": subject.registered_capital,
            "address": subject.address,
            "legal_representative": representative or "",
            "former_names": list(SubjectName.objects.filter(subject_id=subject.pk, valid_to__isnull=False)
                                 .order_by("valid_from").values_list("name", flat=True)) if has_former_names else [],
        })
    return info


def subject_for_file(subject_id: int) -> Subject:
    """The subject with what its credit file shows beside records: the current legal representative's name and
    whether it has former names (one plain query; ORM subquery annotations cost more to build than to run)."""
    subject = Subject.objects.get(pk=subject_id)
    representatives, names, subjects = (Representative._meta.db_table, SubjectName._meta.db_table,
                                        Subject._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT (SELECT p.name FROM {representatives} r JOIN {subjects} p ON p.id = r.person_id "
            f"WHERE r.organization_id = %s AND r.until IS NULL AND r.role = %s LIMIT 1), "
            f"EXISTS (SELECT 1 FROM {names} n WHERE n.subject_id = %s AND n.valid_to IS NOT NULL)",
            [subject_id, Representative.Role.LEGAL_REPRESENTATIVE, subject_id])
        subject.representative_name, subject.has_former_names = cursor.fetchone()
    return subject


@dataclass(frozen=True)
class FileHead:
    """What identifies a credit file's current public content, read in one small query."""

    subject_id: int
    stamp: str
    has_list_entries: bool
    has_grades: bool = True
    has_registrations: bool = True
    has_supervision: bool = True  # drawn for an inspection, ordered to rectify or interviewed
    has_commitments: bool = True
    has_courses: bool = True


def list_entries_of(subject: Subject, audience: Audience) -> list[dict]:
    """The subject's credit-list entries as ``audience`` may see them (``lists.visibility``), with their state."""
    entries = (ListEntry.objects.visible_to(audience).filter(subject_id=subject.pk)
               .select_related("kind", "subject", "approver__organization").order_by("-start", "-id"))
    return [{**present_entry(entry), "state": entry.get_state_display(), "state_code": entry.state,
             "kind_is_negative": entry.kind.is_negative}
            for entry in entries]


def file_head(ref: str) -> FileHead | None:
    """The subject behind a credit-file address and a stamp that changes whenever anything its public file shows
    may have changed: the subject's registration data (its representative included), any of its records (services
    set ``updated_at`` on every change of content or state), its list entries, its grades (a new result is written
    only when one changes), its voluntary registrations, which models disclose grades (a disclosure change
    publishes a new version) and the day (publicity windows end by date).

    The hottest read of the website, so one plain indexed query rather than two ORM reads.
    """
    lookup = ref_lookup(ref)
    if lookup is None:
        return None
    column, value = lookup
    subject_table, record_table, entry_table, result_table, model_table, registration_table = (
        Subject._meta.db_table, CreditRecord._meta.db_table, ListEntry._meta.db_table, EvaluationResult._meta.db_table,
        EvaluationModel._meta.db_table, Registration._meta.db_table)
    task_table, outcome_table, rectification_table, interview_table, commitment_table, completion_table = (
        InspectionTask._meta.db_table, InspectionResult._meta.db_table, RectificationTask._meta.db_table,
        Interview._meta.db_table, Commitment._meta.db_table, Completion._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT s.id, s.updated_at, (SELECT max(r.updated_at) FROM {record_table} r WHERE r.subject_id = s.id), "
            f"(SELECT count(*) FROM {record_table} r WHERE r.subject_id = s.id), "
            f"(SELECT max(e.updated_at) FROM {entry_table} e WHERE e.subject_id = s.id), "
            f"(SELECT max(v.id) FROM {result_table} v WHERE v.subject_id = s.id), "
            f"(SELECT max(g.updated_at) FROM {registration_table} g WHERE g.subject_id = s.id), "
            f"(SELECT max(t.id) || ':' || coalesce(max(x.id), 0) FROM {task_table} t "
            f"LEFT JOIN {outcome_table} x ON x.task_id = t.id WHERE t.subject_id = s.id), "
            f"(SELECT max(z.updated_at) FROM {rectification_table} z WHERE z.subject_id = s.id), "
            f"(SELECT max(y.id) FROM {interview_table} y WHERE y.subject_id = s.id), "
            f"(SELECT max(c.updated_at) FROM {commitment_table} c WHERE c.subject_id = s.id), "
            f"(SELECT max(q.id) FROM {completion_table} q WHERE q.subject_id = s.id), "
            f"(SELECT count(*) || ':' || coalesce(sum(m.current_version_id), 0) FROM {model_table} m "
            f"WHERE m.is_active AND m.disclosure = %s) "
            f"FROM {subject_table} s WHERE s.{column} = %s", [EvaluationModel.Disclosure.PUBLIC, value])
        row = cursor.fetchone()
    if row is None:
        return None
    (subject_id, updated_at, records_changed_at, records, entries_changed_at, last_result, registrations_changed_at,
     inspections, rectifications_changed_at, last_interview, commitments_changed_at, last_completion,
     disclosed_models) = row
    facts = (f"{subject_id}:{updated_at}:{records_changed_at}:{records}:{entries_changed_at}:{last_result}:"
             f"{registrations_changed_at}:{inspections}:{rectifications_changed_at}:{last_interview}:"
             f"{commitments_changed_at}:{last_completion}:{disclosed_models}:{timezone.localdate().isoformat()}")
    return FileHead(subject_id=subject_id, stamp=f"{subject_id}-{hashlib.blake2b(facts.encode(), digest_size=12).hexdigest()}",
                    has_list_entries=entries_changed_at is not None, has_grades=last_result is not None,
                    has_registrations=registrations_changed_at is not None,
                    has_commitments=commitments_changed_at is not None, has_courses=last_completion is not None,
                    has_supervision=any(value is not None for value in (inspections, rectifications_changed_at,
                                                                        last_interview)))


def records_of(subject: Subject, audience: Audience) -> QuerySet[CreditRecord]:
    return CreditRecord.objects.visible_to(audience).filter(subject_id=subject.pk).order_by("-decision_date", "-id")


def risk_summary(entries: list[dict], states: Counter) -> list[dict]:
    """What a reader must see before the details, from what the audience may see: negative lists in force (a red
    list is an honour, shown apart), records under objection, repaired records (never public: repaired records
    leave the public file)."""
    risks = [{"level": "serious" if entry["kind"] == "serious_dishonesty" else "warning",
              "text": f"已列入{entry['kind_name']}", "url": entry["url"]}
             for entry in entries if entry["kind_is_negative"] and entry["state_code"] == "published"]
    risks += [{"level": "good", "text": f"已列入{entry['kind_name']}", "url": entry["url"]}
              for entry in entries if not entry["kind_is_negative"] and entry["state_code"] == "published"]
    if states[CreditRecord.State.OBJECTION]:
        risks.append({"level": "notice", "text": f"{states[CreditRecord.State.OBJECTION]}条信息异议处理中，"
                                                 "核查期间暂停依据该信息实施惩戒", "url": ""})
    if states[CreditRecord.State.REPAIRED]:
        risks.append({"level": "notice", "text": f"{states[CreditRecord.State.REPAIRED]}条信息已信用修复", "url": ""})
    return risks


def list_marks(subject_ids: list[int]) -> dict[int, list[dict]]:
    """The lists each subject is on (published, in force), for search results: one query for a page of them."""
    marks: dict[int, list[dict]] = {}
    for subject_id, name, category in (published_entries().filter(subject_id__in=subject_ids)
                                       .values_list("subject_id", "kind__name", "kind__category")):
        marks.setdefault(subject_id, []).append({"name": name, "negative": category != ListKind.Category.RED})
    return marks


def present_registration(registration, audience: Audience) -> dict:
    """A voluntary registration as the credit file shows it: what was declared, marked self-declared, and by whom and
    when it was verified (the evidence and the contact phone are never shown here)."""
    row = {"number": registration.number, "kind": registration.get_kind_display(), "title": registration.title,
           "issuer": registration.issuer, "certificate_number": registration.certificate_number,
           "issued_on": registration.issued_on, "valid_until": registration.valid_until,
           "verified_by": registration.department.name, "verified_on": registration.verified_on,
           "state_code": registration.state, "state": registration.get_state_display()}
    if Audience(audience) == Audience.SUBJECT and registration.state != registration.State.VERIFIED:
        row["reason"] = registration.reason
    return row


def credit_file(subject: Subject, audience: Audience = Audience.PUBLIC, *, has_list_entries: bool = True,
                has_grades: bool = True, has_registrations: bool = True, has_supervision: bool = True,
                has_commitments: bool = True, has_courses: bool = True, section_limit: int = SECTION_LIMIT) -> dict:
    """The credit file of ``subject`` as ``audience`` may see it: basic information, its grades, its voluntary
    registrations, its commitments and integrity-education completions, its inspections, rectifications and
    interviews, and records by section. ``has_list_entries``, ``has_grades``, ``has_registrations``,
    ``has_supervision``, ``has_commitments``, ``has_courses`` false (known from
    ``file_head``) skip looking for them."""
    today = timezone.localdate()
    sections = {column: {"key": str(column), "title": title, "records": [], "count": 0} for column, title in FILE_SECTIONS}
    states = Counter()
    for record in records_of(subject, audience):
        states[record.state] += 1
        shown = present_record(record, audience, today=today)
        section = sections[shown["portal_column"]]
        section["count"] += 1
        if len(section["records"]) < section_limit:
            section["records"].append(shown)
    entries = list_entries_of(subject, audience) if has_list_entries else []
    sections[Column.LIST]["entries"] = entries
    sections[Column.LIST]["count"] += len(entries)
    return {
        "subject": present_subject(subject, audience),
        "risks": risk_summary(entries, states),
        "sections": list(sections.values()),
        "evaluation": grade_section(subject, audience) if has_grades else {"results": [], "explains": False,
                                                                           "advises": False},
        "registrations": [] if subject.is_person or not has_registrations else [
            present_registration(registration, audience) for registration in shown_on_file(subject, audience)],
        "commitments": [] if subject.is_person or not has_commitments else commitments_of(subject, audience),
        "courses": completions_of(subject, audience) if has_courses else [],
        "inspections": [] if subject.is_person or not has_supervision else tasks_of_subject(subject, audience),
        "rectification": (rectification_section(subject, audience) if has_supervision
                          else {"tasks": [], "interviews": [], "details": False}),
    }


@dataclass
class ColumnFilters:
    provider: int | None = None
    county: str | None = None
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    item: str | None = None


def column_items(column: str) -> list[CatalogItem]:
    return list(CatalogItem.objects.filter(portal_column=column, is_active=True,
                                           disclosure=CatalogItem.Disclosure.PUBLIC).order_by("code"))


def column_records(column: str, filters: ColumnFilters | None = None) -> QuerySet[CreditRecord]:
    """Public records of a portal column (双公示 licences or penalties, a list), newest decision first."""
    filters = filters or ColumnFilters()
    items = [item.pk for item in column_items(column) if not filters.item or item.code == filters.item]
    records = CreditRecord.objects.visible_to(Audience.PUBLIC).filter(item_id__in=items)
    if filters.provider:
        records = records.filter(provider_id=filters.provider)
    if filters.county:
        records = records.filter(provider__region__code=filters.county)
    if filters.date_from:
        records = records.filter(decision_date__gte=filters.date_from)
    if filters.date_to:
        records = records.filter(decision_date__lte=filters.date_to)
    return records.order_by("-decision_date", "-id")


def column_page(column: str, filters: ColumnFilters | None = None, page: int | str = 1, per_page: int = 20):
    """One page of a column, records presented for the public."""
    paginator = Paginator(column_records(column, filters), per_page)
    page_obj = paginator.get_page(page)
    return page_obj, _presented_with_links(list(page_obj.object_list))


def _presented_with_links(records: list[CreditRecord]) -> list[dict]:
    """Records for the public, each with the address of its subject's credit file (``file_ref``) when linked."""
    today = timezone.localdate()
    subject_ids = {record.subject_id for record in records if record.subject_id}
    refs = {subject.pk: public_ref(subject) for subject in
            Subject.objects.filter(pk__in=subject_ids).only("pk", "kind", "uscc", "id_hash")}
    rows = []
    for record in records:
        row = present_record(record, Audience.PUBLIC, today=today)
        row["file_ref"] = refs.get(record.subject_id, "")
        rows.append(row)
    return rows


def column_providers(column: str) -> list[Organization]:
    """Organisations that have delivered to the column: read from batches (thousands), not records (millions)."""
    items = [item.pk for item in column_items(column)]
    delivered = Batch.objects.filter(item_id__in=items, accepted__gt=0).order_by().values("provider_id")
    return list(Organization.objects.filter(pk__in=delivered).order_by("region__code", "name"))


def county_choices() -> list[Region]:
    return list(Region.objects.exclude(parent__isnull=True).order_by("code"))


def headline_figures() -> dict:
    """Figures on the home page; counted at most every five minutes."""
    def count():
        today = timezone.localdate()
        figures = {"subjects": Subject.objects.exclude(kind=Subject.Kind.NATURAL_PERSON).count()}
        for column in (Column.LICENSE, Column.PENALTY, Column.LIST, Column.HONOR):
            figures[str(column)] = column_records(column).count()
        figures["as_of"] = today
        return figures
    return cache.get_or_set("publicity:headline-figures", count, FIGURES_CACHE_SECONDS)


def latest_publicity(column: str, limit: int = 8) -> list[dict]:
    return _presented_with_links(list(column_records(column)[:limit]))


def published_articles(kind: str | None = None) -> QuerySet[Article]:
    articles = Article.objects.filter(is_published=True, published_at__lte=timezone.now())
    return articles.filter(kind=kind) if kind else articles
