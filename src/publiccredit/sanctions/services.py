"""Writes of joint punishment and incentives: running a screening (查询-比对) and recording what a department did
with each measure (执行-反馈). Every screening is an authorised read of non-public data and is audited as one read;
every feedback call is one audited write."""

import json
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db import connection, transaction

from publiccredit.accounts.roles import require_writer
from publiccredit.audit.services import record_read, record_write
from publiccredit.core.api import local_iso
from publiccredit.core.bulk import insert_rows
from publiccredit.core.errors import DomainError, PermissionDenied
from publiccredit.events.services import emit

from . import topics
from .models import Matter, MeasureFeedback, Screening, ScreeningSubject
from .screening import Ask, Comparer, active_matters, parse_ask

MAX_API_SUBJECTS = 10_000
MAX_FILE_SUBJECTS = 100_000
SMALL_BATCH = 200
Status = ScreeningSubject.Status


class ScreeningRejected(DomainError):
    """The request as a whole cannot be screened; ``problems`` names each reason (row, field, message)."""

    default_code = "screening_rejected"

    def __init__(self, message: str, problems: list[dict] | None = None):
        super().__init__(message)
        self.problems = problems or []


def active_matter(code: str) -> Matter:
    matter = active_matters().get(code) if code else None
    if matter is None:
        known = "、".join(Matter.objects.filter(is_active=True).values_list("code", flat=True))
        raise ScreeningRejected(f"未知的业务事项：“{code}”。可用：{known}", [{"field": "matter", "message": "未知的业务事项"}])
    return matter


def parse_subjects(items, *, limit: int = MAX_API_SUBJECTS, strict: bool = True) -> list[Ask]:
    """Turn ``[{"code": …} or {"name": …}]`` into asks. ``strict`` (the API) rejects the request naming every bad
    row; otherwise (files) bad rows are kept as invalid results so that the good rows are still screened."""
    if not isinstance(items, list) or not items:
        raise ScreeningRejected("subjects 须为非空数组，每项为 {\"code\": …} 或 {\"name\": …}",
                                [{"field": "subjects", "message": "须为非空数组"}])
    if len(items) > limit:
        raise ScreeningRejected(f"一次最多比对{limit:,}个主体，本次{len(items):,}个：请分批提交",
                                [{"field": "subjects", "message": f"超过{limit}个"}])
    asks, problems = [], []
    for position, item in enumerate(items):
        if not isinstance(item, dict):
            ask = Ask(position=position, problem="每项须为对象，如 {\"code\": \"9136…\"} 或 {\"name\": \"某某公司\"}")
        else:
            ask = parse_ask(position, item.get("code"), item.get("name"))
        if ask.problem:
            problems.append({"index": position, "field": "code" if ask.code else "subjects", "message": ask.problem})
        asks.append(ask)
    if strict and problems:
        raise ScreeningRejected(f"有{len(problems)}个主体无法比对，请改正后重新提交", problems)
    return asks


@dataclass
class ScreeningResult:
    screening: Screening
    findings: list[dict] = field(default_factory=list)

    def as_dict(self) -> dict:
        s = self.screening
        return {"id": s.pk, "matter": s.matter.code, "matter_name": s.matter.name, "reference": s.reference,
                "created_at": local_iso(s.created_at), "total": s.total, "found": s.found, "not_found": s.not_found,
                "invalid": s.invalid, "hits": s.hits, "related_hits": s.related_hits, "measures": s.measures,
                "results": self.findings}


def run_screening(*, matter: Matter, asks: list[Ask], actor, organization, channel: str, reference: str = "",
                  file_name: str = "") -> ScreeningResult:
    """Compare the asked subjects for ``matter`` and keep the request and every result (查询留痕).

    A subject not in the registry is reported as not found, never as clean (issue 5)."""
    require_writer(actor)
    if organization is None:
        raise DomainError("查询人不属于任何单位，不能进行联合奖惩比对", code="no_organization")
    comparer = Comparer(matter)
    findings = comparer.compare(asks)
    counts = {"found": 0, "not_found": 0, "invalid": 0, "hits": 0, "related_hits": 0, "measures": 0}
    rows = []
    for ask, finding in zip(asks, findings, strict=True):
        status = finding["status"]
        if finding["found"]:
            counts["found"] += 1
        elif status == Status.INVALID:
            counts["invalid"] += 1
        else:
            counts["not_found"] += 1
        counts["hits"] += status == Status.HIT
        related = bool(finding.get("related"))
        counts["related_hits"] += related
        counts["measures"] += len(finding.get("measures", ()))
        # a clean subject's row keeps no findings (100,000 of them would be heavy), unless a measure applies to it
        # by its grade, or it has notes
        keep = None if (status == Status.CLEAN and not related and "notes" not in finding
                        and not finding.get("measures")) else finding
        rows.append([None, ask.position, ask.shown_code[:64], ask.name[:200],
                     comparer.subject_ids.get(ask.position), status, related, keep])
    with transaction.atomic():
        screening = Screening.objects.create(
            matter=matter, organization=organization, requested_by=actor if getattr(actor, "pk", None) else None,
            channel=channel, reference=reference[:100], file_name=file_name[:255], total=len(asks), **counts)
        for row in rows:
            row[0] = screening.pk
        columns = ["screening_id", "position", "query_code", "query_name", "subject_id", "status", "related", "result"]
        if len(rows) > SMALL_BATCH:
            insert_rows(ScreeningSubject, columns, rows)
        else:  # one plain INSERT: COPY needs the ids reserved first, the ORM builds an instance per row
            _insert_small(columns, rows)
        # A screening is a read: audited, but it changes no credit status, so no outbox event.
        record_read(actor=actor, action="sanctions.screening.run", target=screening, reason=reference,
                    detail={"matter": matter.code, "total": len(asks), **counts})
    return ScreeningResult(screening=screening, findings=findings)


def _insert_small(columns: list[str], rows: list[list]) -> None:
    quote = connection.ops.quote_name
    table = quote(ScreeningSubject._meta.db_table)
    placeholders = "(" + ", ".join(["%s"] * len(columns)) + ")"
    values = [v for row in rows for v in (*row[:-1], None if row[-1] is None else json.dumps(row[-1], ensure_ascii=False))]
    with connection.cursor() as cursor:
        cursor.execute(f"INSERT INTO {table} ({', '.join(quote(c) for c in columns)}) VALUES "
                       + ", ".join([placeholders] * len(rows)), values)


@dataclass
class FeedbackResult:
    accepted: int = 0
    errors: list[dict] = field(default_factory=list)

    def as_dict(self) -> dict:
        return {"accepted": self.accepted, "rejected": len(self.errors), "errors": self.errors}


def record_feedback(*, screening: Screening, items: Iterable[dict], actor, organization) -> FeedbackResult:
    """Record per measure whether it was executed, and why not. Only the screening's own department reports back;
    a re-sent item replaces the earlier answer (no duplicates); good items are kept when others are wrong."""
    require_writer(actor)
    if organization is None or screening.organization_id != organization.pk:
        raise PermissionDenied("只有发起该比对的单位可以反馈措施执行情况", code="not_your_screening")
    items = list(items)
    if not items:
        raise DomainError("feedback 不能为空", code="empty", field="feedback")
    positions = {item.get("index") for item in items if isinstance(item, dict)}
    rows = {row.position: row for row in screening.rows.filter(position__in=[p for p in positions if isinstance(p, int)])}
    measures = {m.code: m for m in screening.matter.measures.all()}
    result = FeedbackResult()
    accepted = []
    for number, item in enumerate(items):
        problem, row, measure = _check_feedback(item, rows, measures)
        if problem:
            result.errors.append({"item": number, "index": item.get("index") if isinstance(item, dict) else None,
                                  "message": problem})
            continue
        accepted.append((row, measure, item["executed"], str(item.get("note") or "").strip()[:500]))
    with transaction.atomic():
        for row, measure, executed, note in accepted:
            MeasureFeedback.objects.update_or_create(row=row, measure=measure, defaults={
                "executed": executed, "note": note, "organization": organization,
                "actor": actor if getattr(actor, "pk", None) else None})
        if accepted:
            record_write(actor=actor, action="sanctions.screening.feedback", target=screening,
                         detail={"accepted": len(accepted), "rejected": len(result.errors),
                                 "executed": sum(1 for a in accepted if a[2])})
            emit(topics.SCREENING_FEEDBACK, {"screening": screening.pk, "accepted": len(accepted)})
    result.accepted = len(accepted)
    return result


def _check_feedback(item, rows, measures):
    if not isinstance(item, dict):
        return "每项须为对象：{\"index\", \"measure\", \"executed\", \"note\"}", None, None
    row = rows.get(item.get("index"))
    if row is None:
        return f"比对中没有序号为 {item.get('index')!r} 的主体", None, None
    measure = measures.get(item.get("measure"))
    applied = {m["code"] for m in (row.result or {}).get("measures", [])}
    if measure is None or measure.code not in applied:
        return f"措施“{item.get('measure')}”不适用于序号 {row.position} 的主体", None, None
    if not isinstance(item.get("executed"), bool):
        return "executed 须为 true 或 false", None, None
    if not item["executed"] and not str(item.get("note") or "").strip():
        return "未执行的措施须在 note 中说明原因", None, None
    return "", row, measure
