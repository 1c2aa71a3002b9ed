"""The compare step of 查询-比对-执行-反馈: subjects asked about by code or name → registry matches → list entries in
force, negative records in force, the measures (or incentives) that apply in the matter, anything suspended by an open
objection, and related hits through legal representatives (work plan item 12, responsibility).

Built for batches: every lookup is one set-based query per kind of fact (``= ANY(array)`` on PostgreSQL, chunks of
``IN`` on SQLite), never one query per subject, so 100,000 subjects cost a handful of queries.
"""

import datetime as dt
from dataclasses import dataclass, field
from functools import lru_cache

from django.core.cache import cache
from django.db import connection
from django.utils import timezone

from publiccredit.catalog.models import CatalogItem
from publiccredit.collection.models import CreditRecord
from publiccredit.collection.visibility import DISCLOSURES
from publiccredit.core.audience import Audience
from publiccredit.core.bulk import compiled_where_in, rows_where_in, select_where_in
from publiccredit.core.crypto import lookup_hash
from publiccredit.core.identifiers import CITIZEN_ID, USCC, check_identifier, normalize_code
from publiccredit.core.masking import mask_citizen_id
from publiccredit.evaluation.queries import current_grades_of
from publiccredit.lists.models import ListEntry, ListKind
from publiccredit.subjects.models import Representative, Subject, SubjectName
from publiccredit.subjects.names import normalize_name

from .models import Matter, Measure, ScreeningSubject

Status = ScreeningSubject.Status
PERSON = Subject.Kind.NATURAL_PERSON
SEVERITY_RANK = {"": 0, "minor": 1, "general": 2, "serious": 3}
SEVERITY_LABELS = {"minor": "轻微", "general": "一般", "serious": "严重", "": ""}
ROLE_LABELS = dict(Representative.Role.choices)
SQLITE_CHUNK = 900


@dataclass
class Ask:
    """One subject as the department named it."""

    position: int
    code: str = ""  # normalized; for a citizen ID kept only until it is hashed
    name: str = ""
    code_kind: str = ""
    problem: str = ""

    @property
    def shown_code(self) -> str:
        """What may be stored and echoed: a citizen ID only masked."""
        return mask_citizen_id(self.code) if self.code_kind == CITIZEN_ID else self.code


def parse_ask(position: int, code, name) -> Ask:
    """Check one row: a valid code (USCC or citizen ID) or a name; the problem says what is wrong, in Chinese."""
    code = normalize_code(code) if code not in (None, "") else ""
    name = str(name).strip() if name not in (None, "") else ""
    ask = Ask(position=position, name=name[:200])
    if code:
        check = check_identifier(code)
        if not check.valid:
            ask.code, ask.problem = code[:64], f"代码“{code[:30]}”无效：{check.message}"
            return ask
        ask.code, ask.code_kind = check.normalized, check.kind
    elif not name:
        ask.problem = "代码和名称都为空：请提供统一社会信用代码、身份证号码或单位名称"
    elif len(name) > 200:
        ask.problem = "名称超过200个字符"
    return ask


@dataclass
class MeasureRule:
    code: str
    name: str
    type: str
    type_label: str
    effect: str
    basis: str
    implementer: str
    scope: str
    kind_ids: frozenset
    item_ids: frozenset
    min_rank: int
    grade_model_id: int | None = None
    grades: frozenset = frozenset()


def measures_for(matter: Matter) -> list[MeasureRule]:
    """The active measures of a matter with what triggers each (a few dozen rows, read once per screening)."""
    rules = []
    measures = (Measure.objects.filter(matters=matter, is_active=True).select_related("implementer")
                .prefetch_related("list_kinds", "record_items"))
    for m in measures:
        rules.append(MeasureRule(
            code=m.code, name=m.name, type=m.type, type_label=m.get_type_display(), effect=m.effect,
            basis=m.legal_basis, implementer=(m.implementer.name if m.implementer else "") or m.implementer_note,
            scope=m.scope, kind_ids=frozenset(k.pk for k in m.list_kinds.all()),
            item_ids=frozenset(i.pk for i in m.record_items.all()),
            min_rank=SEVERITY_RANK.get(m.record_min_severity, 0),
            grade_model_id=m.grade_model_id, grades=frozenset(m.grade_list)))
    return rules


def _rows(sql: str, column: str, ids, params_before: list | None = None) -> list[tuple]:
    """Run ``sql`` (containing ``{ids}`` for a condition on ``column``) over many ids, set-based."""
    ids = list(ids)
    if not ids:
        return []
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(sql.format(ids=f"{column} = ANY(%s)"), [*(params_before or []), ids])
            return cursor.fetchall()
        rows = []
        for start in range(0, len(ids), SQLITE_CHUNK):
            part = ids[start:start + SQLITE_CHUNK]
            cursor.execute(sql.format(ids=f"{column} IN ({', '.join(['%s'] * len(part))})"),
                           [*(params_before or []), *part])
            rows.extend(cursor.fetchall())
        return rows


# The rules of the pages, compiled once per day (and per matter's items): a single-subject request would otherwise
# spend more time building these two queries than running them (docs/architecture.md, "Visibility is one rule").
@lru_cache(maxsize=8)
def _entries_in_force(today: dt.date) -> tuple[str, tuple]:
    return compiled_where_in(ListEntry.objects.in_force(today=today).order_by().values_list(
        "id", "subject_id", "kind_id", "start", "end", "decision_number"))


@lru_cache(maxsize=32)
def _records_in_force(today: dt.date, items: tuple[int, ...]) -> tuple[str, tuple]:
    return compiled_where_in(
        CreditRecord.objects.visible_to(Audience.DEPARTMENT, today=today).in_force(today=today)
        .filter(item_id__in=items).order_by()
        .values_list("id", "subject_id", "item_id", "decision_number", "decision_date", "severity", "state"))


@dataclass
class Found:
    id: int
    name: str
    kind: str
    code: str
    notes: list = field(default_factory=list)


CONTEXT_SECONDS = 60


def context_key(matter_id: int) -> str:
    return f"sanctions:context:{matter_id}"


MATTERS_KEY = "sanctions:matters"


def forget_contexts(**_) -> None:
    """Measures, matters, list kinds or catalog items changed: the next screening reads them afresh (signal
    receiver)."""
    cache.delete_many([MATTERS_KEY, *(context_key(pk) for pk in Matter.objects.values_list("pk", flat=True))])


def active_matters() -> dict[str, Matter]:
    """The active matters by code, cached like the matter context."""
    matters = cache.get(MATTERS_KEY)
    if matters is None:
        matters = {m.code: m for m in Matter.objects.filter(is_active=True)}
        cache.set(MATTERS_KEY, matters, CONTEXT_SECONDS)
    return matters


@dataclass
class KindFacts:
    code: str
    name: str
    is_negative: bool


def matter_context(matter: Matter) -> tuple[list[MeasureRule], dict[int, KindFacts], dict[int, str]]:
    """The measures of the matter, the list kinds and the negative items departments may see: a few dozen rows
    every screening needs, cached for a minute and dropped when the credit office edits them."""
    key = context_key(matter.pk)
    context = cache.get(key)
    if context is None:
        kinds = {k.pk: KindFacts(k.code, k.name, k.is_negative) for k in ListKind.objects.all()}
        negative_items = dict(CatalogItem.objects.filter(
            nature=CatalogItem.Nature.NEGATIVE, disclosure__in=DISCLOSURES[Audience.DEPARTMENT],
        ).values_list("pk", "name"))
        context = (measures_for(matter), kinds, negative_items)
        cache.set(key, context, CONTEXT_SECONDS)
    return context


class Comparer:
    """Compares asks against the registry, the lists and the records for one matter."""

    def __init__(self, matter: Matter, *, today: dt.date | None = None):
        self.matter = matter
        self.today = today or timezone.localdate()
        self.rules, self.kinds, self.negative_items = matter_context(matter)
        self.subject_ids: dict[int, int] = {}  # position → matched subject id, after compare

    # registry -------------------------------------------------------------------------------------------------
    def resolve(self, asks: list[Ask]) -> dict[int, Found | str]:
        """position → Found, or a status (not_found / ambiguous / invalid) for the ones not matched."""
        resolved: dict[int, Found | str] = {}
        usccs = {a.code for a in asks if a.code_kind == USCC and not a.problem}
        by_uscc = {row[0]: Found(row[1], row[2], row[3], row[0])
                   for row in select_where_in(Subject, "uscc", usccs, ["uscc", "id", "name", "kind"])}
        hashes = {}
        for a in asks:
            if a.code_kind == CITIZEN_ID and not a.problem:
                hashes.setdefault(a.code, lookup_hash(a.code))
        by_hash = {row[0]: Found(row[1], row[2], row[3], row[4])
                   for row in select_where_in(Subject, "id_hash", set(hashes.values()),
                                              ["id_hash", "id", "name", "kind", "id_masked"])}
        names = {normalize_name(a.name) for a in asks if a.name and not a.code and not a.problem}
        by_name: dict[str, list[Found]] = {}
        for key, pk, name, kind, uscc in select_where_in(Subject, "name_normalized", names,
                                                         ["name_normalized", "id", "name", "kind", "uscc"]):
            if kind != PERSON:  # a person is never matched on a name alone
                by_name.setdefault(key, []).append(Found(pk, name, kind, uscc or ""))
        former = names - by_name.keys()
        if former:  # a name the subject no longer uses still finds it (曾用名)
            old = select_where_in(SubjectName, "name_normalized", former, ["name_normalized", "subject_id"])
            subject_ids = {sid for _, sid in old}
            subjects = {row[0]: row for row in select_where_in(Subject, "id", subject_ids, ["id", "name", "kind", "uscc"])}
            for key, sid in old:
                pk, name, kind, uscc = subjects[sid]
                if kind != PERSON and all(f.id != pk for f in by_name.get(key, [])):
                    by_name.setdefault(key, []).append(Found(pk, name, kind, uscc or "", notes=["按曾用名匹配"]))
        for a in asks:
            if a.problem:
                resolved[a.position] = Status.INVALID
            elif a.code_kind == USCC:
                resolved[a.position] = by_uscc.get(a.code, Status.NOT_FOUND)
            elif a.code_kind == CITIZEN_ID:
                resolved[a.position] = by_hash.get(hashes[a.code], Status.NOT_FOUND)
            else:
                matches = by_name.get(normalize_name(a.name), [])
                resolved[a.position] = (matches[0] if len(matches) == 1
                                        else Status.AMBIGUOUS if matches else Status.NOT_FOUND)
        return resolved

    # facts ----------------------------------------------------------------------------------------------------
    def entries_of(self, subject_ids) -> dict[int, list[dict]]:
        """List entries in force (published, started, not ended) by subject: the lists rule itself, run set-based."""
        rows = rows_where_in(_entries_in_force(self.today), ListEntry, "subject", subject_ids)
        entries: dict[int, list[dict]] = {}
        for pk, subject_id, kind_id, start, end, number in rows:
            start, end = _date(start), _date(end)
            kind = self.kinds[kind_id]
            entries.setdefault(subject_id, []).append({
                "id": pk, "kind": kind.code, "kind_name": kind.name, "negative": kind.is_negative, "kind_id": kind_id,
                "start": start.isoformat() if start else None, "end": end.isoformat() if end else None,
                "decision_number": number, "suspended": False})
        return entries

    def records_of(self, subject_ids) -> dict[int, list[dict]]:
        """Negative records in force that departments may see, by subject: the records rule itself
        (``visible_to(DEPARTMENT)`` and ``in_force``), run set-based."""
        if not self.negative_items:
            return {}
        compiled = _records_in_force(self.today, tuple(sorted(self.negative_items)))
        records: dict[int, list[dict]] = {}
        for pk, subject_id, item_id, number, decided, severity, state in rows_where_in(
                compiled, CreditRecord, "subject", subject_ids):
            decided = _date(decided)
            records.setdefault(subject_id, []).append({
                "id": pk, "item_id": item_id, "item_name": self.negative_items[item_id], "decision_number": number,
                "decision_date": decided.isoformat() if decided else None, "severity": severity or "",
                "severity_label": SEVERITY_LABELS.get(severity or "", ""),
                "objection": state == CreditRecord.State.OBJECTION})
        return records

    def mark_suspended_entries(self, entries: dict[int, list[dict]]) -> None:
        """An entry resting on a record under objection is suspended: punishment based on it waits (DESIGN §5)."""
        entry_ids = [e["id"] for rows in entries.values() for e in rows]
        if not entry_ids:
            return
        through = ListEntry.records.through
        links = select_where_in(through, "listentry_id", entry_ids, ["listentry_id", "creditrecord_id"])
        contested = {pk for pk, state in select_where_in(CreditRecord, "id", {r for _, r in links}, ["id", "state"])
                     if state == CreditRecord.State.OBJECTION}
        suspended = {entry for entry, record in links if record in contested}
        for rows in entries.values():
            for e in rows:
                e["suspended"] = e["id"] in suspended

    def links_of(self, subject_ids) -> list[tuple[int, int, str]]:
        """Current (organisation, person, role) links where either side is one of ``subject_ids``."""
        ids = list(subject_ids)
        if not ids:
            return []
        sql = "SELECT organization_id, person_id, role FROM subjects_representative WHERE until IS NULL AND ({ids})"
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute(sql.format(ids="organization_id = ANY(%s) OR person_id = ANY(%s)"), [ids, ids])
                return sorted(set(cursor.fetchall()))
        rows = set(_rows(sql, "organization_id", ids)) | set(_rows(sql, "person_id", ids))
        return sorted(rows)

    # measures -------------------------------------------------------------------------------------------------
    def measures(self, kind: str, entries: list[dict], records: list[dict], grades: list[dict] = ()) -> list[dict]:
        applied = []
        is_person = kind == PERSON
        for rule in self.rules:
            if (rule.scope == Measure.Scope.PERSONS and not is_person) or (
                    rule.scope == Measure.Scope.ORGANIZATIONS and is_person):
                continue
            because, suspended = [], []
            for e in entries:
                if e["kind_id"] in rule.kind_ids:
                    because.append(f"{e['kind_name']}（{e['decision_number'] or '列入'}）")
                    suspended.append(e["suspended"])
            for r in records:
                if r["item_id"] in rule.item_ids and SEVERITY_RANK.get(r["severity"], 0) >= rule.min_rank:
                    because.append(f"{r['item_name']}（{r['decision_number']}）")
                    suspended.append(r["objection"])
            for g in grades:
                if g["model_id"] == rule.grade_model_id and g["grade"] in rule.grades:
                    because.append(f"{g['model_name']}为{g['grade']}级")
                    suspended.append(False)
            if because:
                applied.append({
                    "code": rule.code, "name": rule.name, "type": rule.type, "type_label": rule.type_label,
                    "effect": rule.effect, "basis": rule.basis, "implementer": rule.implementer,
                    "because": because, "suspended": all(suspended)})
        return applied

    # the whole compare ----------------------------------------------------------------------------------------
    def compare(self, asks: list[Ask]) -> list[dict]:
        """One finding per ask, in order."""
        resolved = self.resolve(asks)
        found_ids = {f.id for f in resolved.values() if isinstance(f, Found)}
        links = self.links_of(found_ids)
        related_ids = {o for o, p, _ in links} | {p for o, p, _ in links}
        entries = self.entries_of(found_ids | related_ids)
        self.mark_suspended_entries(entries)
        records = self.records_of(found_ids)
        grades = current_grades_of(found_ids)
        related_of = self._related(links, found_ids, entries)
        findings = []
        for a in asks:
            match = resolved[a.position]
            query = {"code": a.shown_code, "name": a.name}
            if not isinstance(match, Found):
                findings.append({"index": a.position, "query": query, "found": False, "status": str(match),
                                 "message": a.problem or _MISSING[match]})
                continue
            self.subject_ids[a.position] = match.id
            own_entries = entries.get(match.id, [])
            own_records = records.get(match.id, [])
            own_grades = grades.get(match.id, [])
            related = related_of.get(match.id, [])
            finding = {"index": a.position, "query": query, "found": True,
                       "status": Status.HIT if own_entries or own_records else Status.CLEAN,
                       "subject": {"code": match.code, "name": match.name, "kind": match.kind},
                       "grades": [_public_grade(g) for g in own_grades]}
            if a.name and a.code and normalize_name(a.name) != normalize_name(match.name):
                match.notes = [*match.notes, f"所填名称“{a.name}”与登记名称不一致"]
            if match.notes:
                finding["notes"] = match.notes
            measures = self.measures(match.kind, own_entries, own_records, own_grades)
            if own_entries or own_records or related or measures:
                finding.update({
                    "list_entries": [_public_entry(e) for e in own_entries],
                    "records": [_public_record(r) for r in own_records],
                    "measures": measures,
                    "related": related})
            findings.append(finding)
        return findings

    def _related(self, links, found_ids, entries) -> dict[int, list[dict]]:
        """For each found subject, the linked subjects (legal representative ↔ organisations) on a negative list."""
        others = {o for o, p, _ in links} | {p for o, p, _ in links}
        listed = {sid for sid in others if any(e["negative"] for e in entries.get(sid, []))}
        if not listed:
            return {}
        facts = {row[0]: row for row in select_where_in(Subject, "id", listed, ["id", "name", "kind", "uscc", "id_masked"])}
        related: dict[int, list[dict]] = {}
        for organization, person, role in links:
            for mine, other, relation in ((organization, person, ROLE_LABELS.get(role, role)),
                                          (person, organization, f"担任{ROLE_LABELS.get(role, role)}的单位")):
                if mine in found_ids and other in listed:
                    _, name, kind, uscc, masked = facts[other]
                    related.setdefault(mine, []).append({
                        "relation": relation, "code": masked if kind == PERSON else uscc, "name": name,
                        "kind": kind,
                        "list_entries": [_public_entry(e) for e in entries[other] if e["negative"]]})
        return related


_MISSING = {Status.NOT_FOUND: "信用主体库中没有该主体：不能视为无不良信息，请核实代码或名称",
            Status.AMBIGUOUS: "名称对应多个主体：请提供统一社会信用代码",
            Status.INVALID: "无效"}


def _public_entry(e: dict) -> dict:
    return {k: e[k] for k in ("kind", "kind_name", "start", "end", "decision_number", "suspended")}


def _public_grade(g: dict) -> dict:
    return {k: g[k] for k in ("model", "model_name", "grade", "score", "computed_at")}


def _public_record(r: dict) -> dict:
    return {"item": r["item_name"], "decision_number": r["decision_number"], "decision_date": r["decision_date"],
            "severity": r["severity_label"], "objection": r["objection"]}


def _date(value):
    if value is None or isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value)[:10])
