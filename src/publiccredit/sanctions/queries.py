"""Reads of joint punishment: matters, memoranda and measures, a department's screenings and their results, and the
effect statistics (成效统计)."""

import datetime as dt
from collections import Counter, defaultdict

from django.db.models import Count, Q, QuerySet, Sum
from django.utils import timezone

from publiccredit.collection.queries import sees_all_organizations
from publiccredit.core.errors import DomainError

from .models import Matter, Measure, MeasureFeedback, Memorandum, Screening, ScreeningSubject

Status = ScreeningSubject.Status


def matters_overview() -> list[dict]:
    matters = Matter.objects.filter(is_active=True).annotate(
        measure_count=Count("measures", filter=Q(measures__is_active=True)))
    return [{"code": m.code, "name": m.name, "description": m.description, "measures": m.measure_count}
            for m in matters]


def measure_catalog(matter: str = "") -> QuerySet[Measure]:
    """Active measures with what they rest on, those of one business matter when ``matter`` is given."""
    measures = (Measure.objects.filter(is_active=True).select_related("memorandum", "implementer")
                .prefetch_related("list_kinds", "record_items", "matters"))
    return measures.filter(matters__code=matter) if matter else measures


def memoranda() -> QuerySet[Memorandum]:
    return (Memorandum.objects.filter(is_active=True).select_related("lead_department")
            .prefetch_related("participants", "list_kinds", "measures"))


def screenings_for(viewer) -> QuerySet[Screening]:
    """The credit office and auditors see every screening; a department sees its own."""
    screenings = Screening.objects.select_related("matter", "organization", "requested_by")
    if sees_all_organizations(viewer):
        return screenings
    return screenings.filter(organization_id=getattr(viewer, "organization_id", None))


def screening_rows(screening: Screening, *, only_hits: bool = False) -> QuerySet[ScreeningSubject]:
    rows = screening.rows.select_related("subject").order_by("position")
    if only_hits:
        rows = rows.filter(Q(status=Status.HIT) | Q(related=True))
    return rows


def finding_of(row: ScreeningSubject) -> dict:
    """The stored finding of one row (clean rows are stored without their finding, rebuilt here)."""
    if row.result is not None:
        return row.result
    subject = row.subject
    return {"index": row.position, "query": {"code": row.query_code, "name": row.query_name}, "found": True,
            "status": row.status,
            "subject": {"code": subject.code, "name": subject.name, "kind": subject.kind} if subject else None}


def screening_findings(screening: Screening, *, only_hits: bool = False) -> list[dict]:
    return [finding_of(row) for row in screening_rows(screening, only_hits=only_hits).iterator(chunk_size=2000)]


def feedback_by_row(rows) -> dict[int, dict[str, MeasureFeedback]]:
    given: dict[int, dict[str, MeasureFeedback]] = defaultdict(dict)
    for fb in MeasureFeedback.objects.filter(row__in=rows).select_related("measure"):
        given[fb.row_id][fb.measure.code] = fb
    return given


def parse_month(text: str | None) -> tuple[dt.date, dt.date]:
    """``YYYY-MM`` → [first day, first day of next month); default this month."""
    if text:
        try:
            start = dt.date.fromisoformat(f"{text}-01")
        except ValueError:
            raise DomainError(f"月份格式应为 YYYY-MM，收到“{text[:20]}”", code="bad_month", field="month") from None
    else:
        start = timezone.localdate().replace(day=1)
    end = (start + dt.timedelta(days=32)).replace(day=1)
    return start, end


def _bounds(start: dt.date, end: dt.date):
    zone = timezone.get_current_timezone()
    return (dt.datetime.combine(start, dt.time.min, tzinfo=zone), dt.datetime.combine(end, dt.time.min, tzinfo=zone))


def statistics(*, start: dt.date, end: dt.date, organization=None) -> dict:
    """Screenings, hits and measures applied / executed in [start, end), in total, by department, matter and measure."""
    since, until = _bounds(start, end)
    screenings = Screening.objects.filter(created_at__gte=since, created_at__lt=until)
    if organization is not None:
        screenings = screenings.filter(organization=organization)
    sums = ("total", "found", "not_found", "hits", "related_hits", "measures")
    totals = screenings.aggregate(screenings=Count("id"), **{k: Sum(k) for k in sums})
    totals = {k: v or 0 for k, v in totals.items()}
    feedback = MeasureFeedback.objects.filter(row__screening__in=screenings)
    executed = feedback.filter(executed=True).count()
    totals.update(executed=executed, not_executed=feedback.count() - executed)
    totals["feedback_rate"] = round(100 * (totals["executed"] + totals["not_executed"]) / totals["measures"], 1) \
        if totals["measures"] else None

    by_department = {row["organization__name"]: {**{k: row[k] or 0 for k in ("screenings", *sums)},
                                                 "executed": 0, "not_executed": 0}
                     for row in screenings.values("organization__name").annotate(
                         screenings=Count("id"), **{k: Sum(k) for k in sums}).order_by("-screenings")}
    for row in feedback.values("organization__name", "executed").annotate(n=Count("id")):
        target = by_department.setdefault(row["organization__name"], {"screenings": 0, **dict.fromkeys(sums, 0),
                                                                      "executed": 0, "not_executed": 0})
        target["executed" if row["executed"] else "not_executed"] += row["n"]
    by_matter = [{"matter": row["matter__name"], "screenings": row["screenings"], "total": row["total"] or 0,
                  "hits": row["hits"] or 0}
                 for row in screenings.values("matter__name").annotate(
                     screenings=Count("id"), total=Sum("total"), hits=Sum("hits")).order_by("-screenings")]

    applied: Counter = Counter()
    names: dict[str, str] = {}
    hit_rows = ScreeningSubject.objects.filter(screening__in=screenings, status=Status.HIT).values_list("result",
                                                                                                      flat=True)
    for result in hit_rows.iterator(chunk_size=2000):
        for m in (result or {}).get("measures", []):
            applied[m["code"]] += 1
            names[m["code"]] = m["name"]
    done: dict[str, Counter] = defaultdict(Counter)
    for row in feedback.values("measure__code", "measure__name", "executed").annotate(n=Count("id")):
        done[row["measure__code"]]["executed" if row["executed"] else "not_executed"] += row["n"]
        names.setdefault(row["measure__code"], row["measure__name"])
    by_measure = [{"measure": code, "name": names[code], "applied": applied[code],
                   "executed": done[code]["executed"], "not_executed": done[code]["not_executed"]}
                  for code in sorted(names, key=lambda c: (-applied[c], c))]
    return {"start": start.isoformat(), "end": (end - dt.timedelta(days=1)).isoformat(), "totals": totals,
            "by_department": [{"department": k, **v} for k, v in by_department.items()],
            "by_matter": by_matter, "by_measure": by_measure}
