"""Reads of evaluation models: the published models a reader may see and their rules (docs/evaluation.md)."""

from functools import lru_cache

import polars as pl
from django.db.models import F, QuerySet

from publiccredit.core.frames import frame_of
from publiccredit.education.queries import completion_facts
from publiccredit.registrations.queries import verified_facts

from .models import EvaluationModel
from .scoring import COURSE_SCHEMA, ENTRY_SCHEMA, INPUT_SCHEMA, RECORD_SCHEMA, REGISTRATION_SCHEMA


def published_models(*, kind: str | None = None) -> QuerySet[EvaluationModel]:
    """Active models with a published version, the public model first."""
    models = (EvaluationModel.objects.filter(is_active=True, current_version__isnull=False)
              .select_related("current_version", "owner"))
    if kind:
        models = models.filter(kind=kind)
    return models.order_by("kind", "code")


def rules_of(model: EvaluationModel) -> dict:
    """The published version's rules grouped for reading: families with their indicators, grades, hard rules."""
    definition = model.current_version.definition
    by_family = {family["code"]: {**family, "indicators": []} for family in definition["families"]}
    for indicator in definition["indicators"]:
        by_family[indicator["family"]]["indicators"].append(indicator)
    return {"version": model.current_version.number, "published_at": model.current_version.published_at,
            "base": definition["base"], "min": definition["min"], "max": definition["max"],
            "families": list(by_family.values()), "grades": definition["grades"],
            "hard_rules": definition["hard_rules"]}


def facts_for(definition: dict, *, today, first_id: int, last_id: int, subject_ids: list[int] | None = None
              ) -> tuple[pl.DataFrame, pl.DataFrame, pl.DataFrame, pl.DataFrame, pl.DataFrame]:
    """What a model counts for the subjects with ids in [first_id, last_id]: records in force that departments may
    see (not under objection: punishment resting on them waits, docs/evaluation.md), list entries in force,
    verified voluntary registrations in force, the current results of the models whose score it takes and
    integrity-education completions, as the
    frames ``scoring.grade_frame`` takes (read as CSV on PostgreSQL, ``core.frames``). Codes come joined in the
    same query, so a re-grade of one subject costs one query per kind of fact."""
    from publiccredit.collection.models import CreditRecord
    from publiccredit.core.audience import Audience
    from publiccredit.lists.models import ListEntry

    from .models import EvaluationResult

    item_codes = {i["item"] for i in definition["indicators"] if i["item"]} | {
        r["item"] for r in definition["hard_rules"] if r["item"]}
    kind_codes = {i["list_kind"] for i in definition["indicators"] if i["list_kind"]} | {
        r["list_kind"] for r in definition["hard_rules"] if r["list_kind"]}
    # a few subjects (the incremental path) are named; a chunk reads its whole range of ids
    narrow = {"subject_id__in": subject_ids} if subject_ids is not None and len(subject_ids) <= 500 else {}
    in_range = {"subject_id__gte": first_id, "subject_id__lte": last_id, **narrow}
    records = pl.DataFrame(schema=RECORD_SCHEMA) if not item_codes else frame_of(
        CreditRecord.objects.visible_to(Audience.DEPARTMENT, today=today).in_force(today=today)
        .exclude(state=CreditRecord.State.OBJECTION).filter(item__code__in=sorted(item_codes), **in_range)
        .order_by().values_list("id", "subject_id", "item__code", "severity", "decision_date", "decision_number"),
        RECORD_SCHEMA)
    entries = pl.DataFrame(schema=ENTRY_SCHEMA) if not kind_codes else frame_of(
        ListEntry.objects.in_force(today=today).filter(kind__code__in=sorted(kind_codes), **in_range).order_by()
        .values_list("id", "subject_id", "kind__code", "start", "decision_number"), ENTRY_SCHEMA)
    counts_registrations = any(i["source"] == "registration" for i in definition["indicators"])
    registrations = frame_of(verified_facts(first_id=first_id, last_id=last_id, subject_ids=subject_ids,
                                            today=today), REGISTRATION_SCHEMA) if counts_registrations else (
        pl.DataFrame(schema=REGISTRATION_SCHEMA))
    input_codes = {i["input_model"] for i in definition["indicators"] if i["source"] == "model_score"
                   and i["input_model"]}
    inputs = pl.DataFrame(schema=INPUT_SCHEMA) if not input_codes else frame_of(
        EvaluationResult.objects.filter(is_current=True, model__code__in=sorted(input_codes), **in_range).order_by()
        .values_list("id", "subject_id", "model__code", "score", "as_of"), INPUT_SCHEMA)
    counts_courses = any(i["source"] == "course" for i in definition["indicators"])
    courses = frame_of(completion_facts(first_id=first_id, last_id=last_id, subject_ids=subject_ids),
                       COURSE_SCHEMA) if counts_courses else pl.DataFrame(schema=COURSE_SCHEMA)
    facts = (records, entries, registrations, inputs, courses)
    if subject_ids is not None and not narrow:  # many subjects named: read the range, keep theirs
        wanted = pl.Series(sorted(set(subject_ids)), dtype=pl.Int64)
        facts = tuple(frame.filter(pl.col("subject_id").is_in(wanted)) for frame in facts)
    return facts


def subject_ids_between(first_id: int, last_id: int) -> list[int]:
    from publiccredit.subjects.models import Subject

    return list(Subject.objects.filter(pk__gte=first_id, pk__lte=last_id).order_by("pk").values_list("pk", flat=True))


def current_results(subject, *, disclosed_only: bool = False) -> list:
    """The subject's current grades, one per model, the public model first; ``disclosed_only``: only those of models
    whose grades the public may see (docs/evaluation.md, "Who sees a grade")."""
    from .models import EvaluationModel, EvaluationResult

    results = EvaluationResult.objects.filter(subject=subject, is_current=True, model__is_active=True)
    if disclosed_only:
        results = results.filter(model__disclosure=EvaluationModel.Disclosure.PUBLIC)
    return list(results.select_related("model__owner", "version").order_by("model__kind", "model__code"))


def results_as_of(subject, day) -> list:
    """The subject's grade under each active model as it stood at the end of ``day`` (the quarterly grade is the
    grade as of the quarter's last day): the latest result computed on or before it."""
    from .models import EvaluationResult

    chosen = {}
    for result in (EvaluationResult.objects.filter(subject=subject, model__is_active=True, computed_at__date__lte=day)
                   .select_related("model__owner", "version").order_by("model_id", "-computed_at", "-id")):
        chosen.setdefault(result.model_id, result)
    return sorted(chosen.values(), key=lambda result: (result.model.kind, result.model.code))


def grade_history(subject, *, model_ids, limit: int = 24) -> dict[int, list]:
    """The subject's grades over time under each model, newest first (a result is kept whenever the grade, the
    score or its explanation changed)."""
    from .models import EvaluationResult

    history: dict[int, list] = {}
    for result in (EvaluationResult.objects.filter(subject=subject, model_id__in=list(model_ids))
                   .select_related("version").only("model_id", "grade", "score", "computed_at", "as_of",
                                                   "version__number", "capped_by")
                   .order_by("model_id", "-computed_at", "-id")):
        rows = history.setdefault(result.model_id, [])
        if len(rows) < limit:
            rows.append(result)
    return history


def grade_labels(result) -> dict[str, str]:
    """Grade → its name (诚信, 良好 …) in the version the result was computed with."""
    return {band["grade"]: band.get("label", "") for band in result.version.definition["grades"]}


def counted_sources() -> dict[str, set[str]]:
    """The catalog items and list kinds that some active, computed model counts (in an indicator or a hard rule):
    an event about anything else moves no grade."""
    from .models import EvaluationModel, ModelVersion

    items, kinds = set(), set()
    for definition in ModelVersion.objects.filter(
            model__is_active=True, model__current_version_id=F("pk")).exclude(
            model__kind=EvaluationModel.Kind.IMPORTED).values_list("definition", flat=True):
        for part in [*definition["indicators"], *definition["hard_rules"]]:
            if part.get("item"):
                items.add(part["item"])
            if part.get("list_kind"):
                kinds.add(part["list_kind"])
    return {"items": items, "lists": kinds}


def subjects_of_records(record_ids) -> list[int]:
    """The subjects that records belong to, whatever their state (a withdrawn record's subject is graded again)."""
    from publiccredit.collection.models import CreditRecord
    from publiccredit.core.audience import Audience
    from publiccredit.core.bulk import filter_in

    subject_ids = set()
    for part in filter_in(CreditRecord.objects.visible_to(Audience.CREDIT_OFFICE).filter(subject__isnull=False),
                          "pk", record_ids):
        subject_ids.update(part.order_by().values_list("subject_id", flat=True).distinct())
    return sorted(subject_ids)


@lru_cache(maxsize=1)
def _current_grades() -> tuple[str, tuple]:
    from publiccredit.core.bulk import compiled_where_in

    from .models import EvaluationResult

    return compiled_where_in(EvaluationResult.objects.filter(is_current=True, model__is_active=True).order_by()
                             .values_list("subject_id", "model_id", "model__code", "model__name", "grade", "score",
                                          "computed_at", "model__kind"))


def current_grades_of(subject_ids) -> dict[int, list[dict]]:
    """The current grade of each subject under every active model, set-based (screening asks for 100,000 at a
    time): departments see every grade (docs/evaluation.md, "Who sees a grade"). Public model first."""
    from publiccredit.core.bulk import rows_where_in

    from .models import EvaluationResult

    grades: dict[int, list[dict]] = {}
    rows = rows_where_in(_current_grades(), EvaluationResult, "subject", subject_ids)
    for subject_id, model_id, code, name, grade, score, computed_at, _kind in sorted(
            rows, key=lambda row: (row[0], row[7] != "public", row[2])):
        grades.setdefault(subject_id, []).append({
            "model_id": model_id, "model": code, "model_name": name, "grade": grade, "score": float(score),
            "computed_at": computed_at.isoformat() if hasattr(computed_at, "isoformat") else str(computed_at)})
    return grades


def grade_distribution(model) -> dict:
    """How many subjects hold each grade of ``model`` now, highest grade first; counted at most every five
    minutes (a city's million results)."""
    from django.core.cache import cache
    from django.db.models import Count

    from .models import EvaluationResult

    key = f"evaluation:distribution:{model.pk}:{model.current_version_id}"
    found = cache.get(key)
    if found is None:
        counts = dict(EvaluationResult.objects.filter(model=model, is_current=True).order_by()
                      .values_list("grade").annotate(n=Count("id")).values_list("grade", "n"))
        total = sum(counts.values())
        bands = model.current_version.definition["grades"]
        rows = [{"grade": band["grade"], "label": band.get("label", ""), "count": counts.get(band["grade"], 0),
                 "share": round(100 * counts.get(band["grade"], 0) / total, 1) if total else 0.0} for band in bands]
        found = {"rows": rows if total else [], "total": total}
        cache.set(key, found, 300)
    return found


def _failed_chunks() -> QuerySet:
    from .models import RunChunk

    return RunChunk.objects.filter(state=RunChunk.State.FAILED).order_by("number")


def failed_chunks(run) -> list:
    """The run's chunks that failed, with their errors (what ``publiccredit evaluate`` reports)."""
    return list(_failed_chunks().filter(run=run))


def latest_runs(limit: int = 20) -> list:
    """The latest runs, each with its failed chunks and their errors (``run.failed``)."""
    from django.db.models import Prefetch

    from .models import EvaluationRun

    return list(EvaluationRun.objects.select_related("version__model").order_by("-started_at")
                .prefetch_related(Prefetch("chunks", queryset=_failed_chunks(), to_attr="failed"))[:limit])
