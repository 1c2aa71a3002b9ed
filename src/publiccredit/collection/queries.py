"""Reads of collected records shared by the back office and the API: batches per viewer, timeliness statistics,
the unlinked queue with ranked candidates."""

import datetime as dt

from django.db.models import Count, Q, QuerySet, Sum
from rapidfuzz import fuzz, process

from publiccredit.accounts.roles import sees_everything
from publiccredit.core.api import local_iso
from publiccredit.organizations.models import Organization
from publiccredit.subjects.models import Subject

from .models import Batch, CreditRecord

CITY_LEVEL = "市本级"
SUFFIXES = ("股份有限公司", "有限责任公司", "有限公司", "分公司", "合伙企业", "个人独资企业", "(有限合伙)")


sees_all_organizations = sees_everything


def batches_for(viewer) -> QuerySet[Batch]:
    """The credit office and auditors see every batch; a department sees its own."""
    batches = Batch.objects.select_related("item", "provider", "submitted_by")
    if sees_all_organizations(viewer):
        return batches
    return batches.filter(provider_id=getattr(viewer, "organization_id", None))


def records_for(viewer) -> QuerySet[CreditRecord]:
    return CreditRecord.objects.handled_by(viewer).select_related("item", "provider", "subject")


def _rate(part: int, whole: int) -> float | None:
    return round(part / whole, 4) if whole else None


def timeliness(*, since: dt.date | None = None, until: dt.date | None = None, item_code: str | None = None,
               late_limit: int = 100, viewer=None) -> dict:
    """Per provider and per county: records received, on-time rate (within the item's deadline in working days),
    compliance rate (rows accepted / rows sent), and the latest late records.

    The credit office and auditors (``sees_all_organizations``) get every row; anyone else gets the rows of their
    own organisation and county only, with the rank those hold among all, and only their own late records."""
    records = CreditRecord.objects.all()
    batches = Batch.objects.exclude(status__in=[Batch.Status.DRY_RUN, Batch.Status.FAILED])
    if since:
        records, batches = records.filter(received_at__date__gte=since), batches.filter(started_at__date__gte=since)
    if until:
        records, batches = records.filter(received_at__date__lte=until), batches.filter(started_at__date__lte=until)
    if item_code:
        records, batches = records.filter(item__code=item_code), batches.filter(item__code=item_code)
    volume = {row["provider"]: row for row in records.values("provider").order_by().annotate(
        total=Count("id"), timed=Count("id", filter=Q(on_time__isnull=False)), on_time=Count("id", filter=Q(on_time=True)))}
    sent = {row["provider"]: row for row in batches.values("provider").order_by().annotate(
        rows=Sum("total"), accepted=Sum("accepted"), rejected=Sum("rejected"))}
    organizations = {o.pk: o for o in Organization.objects.filter(pk__in=set(volume) | set(sent)).select_related("region")}
    providers, counties = [], {}
    for pk, organization in sorted(organizations.items(), key=lambda kv: kv[1].sort_order):
        v, s = volume.get(pk, {}), sent.get(pk, {})
        row = {"code": organization.code, "name": organization.name, "region": organization.region.code,
               "region_name": organization.region.name, "records": v.get("total", 0), "with_deadline": v.get("timed", 0),
               "on_time": v.get("on_time", 0), "rows_sent": s.get("rows") or 0, "rows_accepted": s.get("accepted") or 0,
               "rows_rejected": s.get("rejected") or 0}
        providers.append(row)
        county = CITY_LEVEL if organization.region.level == "city" else organization.region.name
        total = counties.setdefault(county, {"county": county, "records": 0, "with_deadline": 0, "on_time": 0,
                                             "rows_sent": 0, "rows_accepted": 0, "rows_rejected": 0})
        for key in ("records", "with_deadline", "on_time", "rows_sent", "rows_accepted", "rows_rejected"):
            total[key] += row[key]
    for row in [*providers, *counties.values()]:
        row["on_time_rate"] = _rate(row["on_time"], row["with_deadline"])
        row["compliance_rate"] = _rate(row["rows_accepted"], row["rows_sent"])
    ranked_providers, ranked_counties = _ranked(providers), _ranked(list(counties.values()))
    late = records.filter(on_time=False).select_related("provider", "item").order_by("-lateness_working_days", "-id")
    if viewer is not None and not sees_all_organizations(viewer):
        own = Organization.objects.select_related("region").filter(pk=getattr(viewer, "organization_id", None)).first()
        own_code = own.code if own else None
        own_county = (CITY_LEVEL if own.region.level == "city" else own.region.name) if own else None
        ranked_providers = [row for row in ranked_providers if row["code"] == own_code]
        ranked_counties = [row for row in ranked_counties if row["county"] == own_county]
        late = late.filter(provider_id=own.pk if own else None)
    return {
        "since": since.isoformat() if since else None, "until": until.isoformat() if until else None,
        "item": item_code, "providers": ranked_providers, "counties": ranked_counties,
        "late": [{"id": r.pk, "provider": r.provider.name, "item": r.item.name, "decision_number": r.decision_number,
                  "decision_date": r.decision_date.isoformat() if r.decision_date else None,
                  "received_at": local_iso(r.received_at), "lateness_working_days": r.lateness_working_days}
                 for r in late[:late_limit]],
    }


def _ranked(rows: list[dict]) -> list[dict]:
    """Best on-time rate first (then compliance, then volume); rows without dated records last. Adds ``rank``."""
    ordered = sorted(rows, key=lambda r: (r["on_time_rate"] is None, -(r["on_time_rate"] or 0),
                                          -(r["compliance_rate"] or 0), -r["records"]))
    for rank, row in enumerate(ordered, start=1):
        row["rank"] = rank
    return ordered


def unlinked_records(viewer) -> QuerySet[CreditRecord]:
    return records_for(viewer).filter(subject__isnull=True).exclude(state=CreditRecord.State.WITHDRAWN)


def _trade_name(normalized: str) -> str:
    from publiccredit.organizations.models import Region

    text = normalized
    for suffix in SUFFIXES:
        if text.endswith(suffix):
            text = text[: -len(suffix)]
            break
    for name in ["上饶市", "上饶", "江西省", "江西", *Region.objects.values_list("name", flat=True)]:
        if text.startswith(name):
            text = text[len(name):]
            break
    return text


def candidates_for(record: CreditRecord, limit: int = 5) -> list[tuple[Subject, float]]:
    """Registered subjects that may be the record's party, best first, scored 0–100 by name similarity.

    Only a suggestion for the clerk: records are never linked on a name alone.
    """
    key = record.party_name_normalized
    trade = _trade_name(key) or key
    bigrams = {trade[i:i + 2] for i in range(max(len(trade) - 1, 1))}
    pool_filter = Q(name_normalized=key)
    for bigram in list(bigrams)[:4]:
        pool_filter |= Q(name_normalized__contains=bigram)
    kinds = [Subject.Kind.NATURAL_PERSON] if record.party_kind == "natural_person" else [
        k for k in Subject.Kind.values if k != Subject.Kind.NATURAL_PERSON]
    pool = list(Subject.objects.filter(pool_filter, kind__in=kinds).select_related("region")[:3000])
    if not pool:
        return []
    ranked = process.extract(key, [s.name_normalized for s in pool], scorer=fuzz.WRatio, limit=limit)
    return [(pool[index], round(score, 1)) for _name, score, index in ranked if score >= 60]


def item_overview() -> list[dict]:
    from publiccredit.catalog.queries import active_items

    return [{"code": item.code, "name": item.name, "category": item.category.name, "disclosure": item.disclosure,
             "nature": item.nature, "deadline_working_days": item.deadline_working_days,
             "version": item.current_version.number if item.current_version else None,
             "fields": item.current_version.schema["fields"] if item.current_version else []}
            for item in active_items()]




def subject_record(*, subject_code: str, decision_number: str, item_code: str = "") -> CreditRecord:
    """The record an applicant names by the subject's code and the decision number (and the item when a decision
    number is shared); a DomainError in Chinese says what did not match."""
    from publiccredit.core.errors import DomainError
    from publiccredit.subjects.queries import subject_by_code

    subject = subject_by_code((subject_code or "").strip()) if subject_code else None
    if subject is None:
        raise DomainError("没有找到该信用主体：请填写统一社会信用代码或身份证号码", code="subject_not_found",
                          field="subject_code")
    records = CreditRecord.objects.filter(subject=subject, decision_number=(decision_number or "").strip())
    if item_code:
        records = records.filter(item__code=item_code)
    found = list(records.select_related("item", "provider")[:2])
    if not found:
        raise DomainError("该主体没有这个决定文书号的信用记录", code="record_not_found", field="decision_number")
    if len(found) > 1:
        raise DomainError("该决定文书号对应多条记录：请同时填写信息项（item）", code="record_ambiguous", field="item")
    return found[0]
