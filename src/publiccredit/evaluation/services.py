"""Publishing evaluation models (docs/evaluation.md): a model that cannot be computed is refused with every reason, in
Chinese; one that can is frozen as a new version, audited."""

import datetime as dt
import hashlib
import logging

import polars as pl
from django.conf import settings
from django.db import transaction
from django.db.models import F, Max, Min, Q
from django.utils import timezone

from publiccredit.audit.services import record_write
from publiccredit.catalog.models import Severity
from publiccredit.core.bulk import filter_in, insert_frame
from publiccredit.core.errors import DomainError
from publiccredit.core.frames import frame_of
from publiccredit.core.queueing import enqueue

from .models import EvaluationModel, EvaluationResult, EvaluationRun, Indicator, ModelVersion, RunChunk
from .queries import facts_for, subject_ids_between
from .scoring import grade_frame

Source = Indicator.Source
logger = logging.getLogger(__name__)


def _number(value) -> float:
    return float(value) if value is not None else None


def definition_of(model: EvaluationModel) -> dict:
    """Everything a computation reads, as plain data (what a version freezes)."""
    return {
        "code": model.code, "name": model.name, "kind": model.kind, "disclosure": model.disclosure,
        "base": _number(model.base_score), "min": _number(model.min_score), "max": _number(model.max_score),
        "families": [{"code": f.code, "name": f.name} for f in model.families.order_by("sort_order", "id")],
        "indicators": [{
            "code": i.code, "name": i.name, "family": i.family.code, "source": i.source,
            "item": i.catalog_item.code if i.catalog_item_id else None, "severity": i.severity,
            "list_kind": i.list_kind.code if i.list_kind_id else None,
            "input_model": i.input_model.code if i.input_model_id else None,
            "points": _number(i.points), "cap": _number(i.cap), "decay": i.decay or [],
        } for i in model.indicators.select_related("family", "catalog_item", "list_kind", "input_model")
                                    .order_by("family__sort_order", "sort_order", "id")],
        "grades": [{"grade": g.grade, "label": g.label, "min": _number(g.min_score)}
                   for g in model.grades.order_by("-min_score")],
        "hard_rules": [{"name": r.name, "list_kind": r.list_kind.code if r.list_kind_id else None,
                        "item": r.catalog_item.code if r.catalog_item_id else None, "severity": r.severity,
                        "grade": r.grade} for r in model.hard_rules.select_related("list_kind", "catalog_item")],
    }


def _decay_problems(decay) -> list[str]:
    if decay in (None, []):
        return []
    if not isinstance(decay, list) or not all(isinstance(step, list) and len(step) == 2 for step in decay):
        return ["衰减应写成 [[月数, 系数], …]，如 [[12, 1], [36, 0.5]]"]
    problems, previous_months, previous_factor = [], 0, 1.0
    for months, factor in decay:
        if not isinstance(months, int) or isinstance(months, bool) or months <= previous_months:
            problems.append(f"衰减的月数应为递增的正整数（“{months}”不符合）")
        if not isinstance(factor, int | float) or isinstance(factor, bool) or not 0 <= factor <= previous_factor:
            problems.append(f"衰减系数应在0到1之间且逐级不增（“{factor}”不符合）")
        if isinstance(months, int):
            previous_months = months
        if isinstance(factor, int | float):
            previous_factor = min(previous_factor, factor)
    return problems


def _input_loop(model: EvaluationModel) -> list[str] | None:
    """The chain of model codes leading back to ``model`` through score inputs, if there is one."""
    edges: dict[int, set[int]] = {}
    for source, target in Indicator.objects.filter(source=Source.MODEL_SCORE, input_model__isnull=False).values_list(
            "model_id", "input_model_id"):
        edges.setdefault(source, set()).add(target)
    stack, seen = [[model.pk]], set()
    while stack:
        path = stack.pop()
        for target in sorted(edges.get(path[-1], ())):
            if target == model.pk:
                names = dict(EvaluationModel.objects.filter(pk__in=path).values_list("pk", "code"))
                return [names[pk] for pk in [*path, target]]
            if target not in seen:
                seen.add(target)
                stack.append([*path, target])
    return None


def model_problems(model: EvaluationModel) -> list[str]:
    """Why ``model`` cannot be computed as it stands (empty when it can)."""
    problems = []
    low, high, base = model.min_score, model.max_score, model.base_score
    if low >= high:
        problems.append(f"最低分（{low}）应小于最高分（{high}）")
    elif not low <= base <= high:
        problems.append(f"基础分（{base}）应在最低分与最高分之间")
    grades = list(model.grades.order_by("-min_score"))
    codes = [g.grade for g in grades]
    if len(grades) < 2:
        problems.append("至少需要两个等级")
    if len(set(codes)) != len(codes):
        problems.append(f"等级名称重复：{'、'.join(sorted({c for c in codes if codes.count(c) > 1}))}")
    thresholds = [g.min_score for g in grades]
    if len(set(thresholds)) != len(thresholds):
        problems.append("等级的最低分应各不相同，由高到低排列")
    if grades and grades[-1].min_score > low:
        problems.append(f"最低一级“{grades[-1].grade}”的最低分（{grades[-1].min_score}）应不高于模型最低分（{low}），"
                        "否则低分主体没有等级")
    for band in grades:
        if band.min_score > high:
            problems.append(f"等级“{band.grade}”的最低分（{band.min_score}）高于模型最高分（{high}）")
    indicators = list(model.indicators.select_related("family", "catalog_item", "list_kind", "input_model"))
    if not indicators and model.kind != EvaluationModel.Kind.IMPORTED:  # an imported model holds grades only
        problems.append("至少需要一个评价指标")
    severities = set(Severity.values)
    for indicator in indicators:
        where = f"指标“{indicator.name}”"
        if indicator.family.model_id != model.pk:
            problems.append(f"{where}的指标类别不属于本模型")
        if indicator.source == Source.RECORD and indicator.catalog_item_id is None:
            problems.append(f"{where}来自信用记录，须选择目录信息项")
        if indicator.source == Source.LIST_ENTRY and indicator.list_kind_id is None:
            problems.append(f"{where}来自信用名单，须选择名单")
        if indicator.source == Source.MODEL_SCORE:
            if indicator.input_model_id is None:
                problems.append(f"{where}引用其他模型的得分，须选择模型")
            elif indicator.input_model_id == model.pk:
                problems.append(f"{where}不能引用本模型自身的得分")
        if indicator.severity and indicator.severity not in severities:
            problems.append(f"{where}的失信程度“{indicator.severity}”不存在")
        if indicator.catalog_item_id and not indicator.catalog_item.is_active:
            problems.append(f"{where}所用的目录信息项“{indicator.catalog_item.name}”已停用")
        if indicator.cap is not None and indicator.cap < 0:
            problems.append(f"{where}的累计上限不能为负数")
        problems += [f"{where}：{p}" for p in _decay_problems(indicator.decay)]
    for rule in model.hard_rules.all():
        where = f"直接定级规则“{rule.name}”"
        if rule.grade not in codes:
            problems.append(f"{where}的等级“{rule.grade}”不在本模型的等级中")
        if rule.list_kind_id is None and rule.catalog_item_id is None:
            problems.append(f"{where}须指定名单或目录信息项")
    loop = _input_loop(model)
    if loop:
        problems.append(f"模型之间的得分引用形成循环：{' → '.join(loop)}")
    return problems


def publish_model(*, model: EvaluationModel, actor, reason: str = "") -> ModelVersion:
    """Freeze the model as a new version (the current one when nothing changed); refused with every problem."""
    with transaction.atomic():
        model = EvaluationModel.objects.select_for_update().get(pk=model.pk)
        problems = model_problems(model)
        if problems:
            raise DomainError("模型不能发布：" + "；".join(problems), code="model_not_computable")
        definition = definition_of(model)
        current = model.current_version
        if current is not None and current.definition == definition:
            return current
        number = (current.number if current else 0) + 1
        version = ModelVersion.objects.create(model=model, number=number, definition=definition)
        model.current_version = version
        model.save(update_fields=["current_version"])
        record_write(actor=actor, action="evaluation.model.publish", target=model, reason=reason,
                     detail={"version": number, "indicators": len(definition["indicators"])})
    return version


# ---- computing (docs/evaluation.md, "Computing") --------------------------------------------------------------------

GRADE_CHUNK = "evaluation.grade_chunk"
DEFAULT_CHUNK_SIZE = 20_000
RESULT_COLUMNS = ["subject_id", "model_id", "version_id", "run_id", "score", "grade", "base", "contributions",
                  "capped_by", "digest", "as_of", "computed_at", "is_current"]
HELD_SCHEMA = {"pk": pl.Int64, "subject_id": pl.Int64, "digest": pl.String}


def result_digest(version_id: int, score, grade: str, capped_by: str, contributions: str) -> str:
    """What a result says, in 32 hex characters: BLAKE2b-128 of the UTF-8 text "version id, score with two
    decimals, grade, hard rule, contributions' JSON text", joined by the unit separator (0x1F). A re-grade compares
    digests instead of reading every stored explanation back (decoding them cost 2.3 s a chunk of 20,000 subjects
    with 10 records each); the JSON text is ``scoring.grade_frame``'s, deterministic for the same facts."""
    said = f"{version_id}\x1f{float(score):.2f}\x1f{grade}\x1f{capped_by}\x1f{contributions}"
    return hashlib.blake2b(said.encode(), digest_size=16).hexdigest()


def start_run(*, model: EvaluationModel, actor=None, chunk_size: int = DEFAULT_CHUNK_SIZE,
              today: dt.date | None = None, dispatch_chunks: bool = True) -> EvaluationRun:
    """A full grading of every subject with the model's current version: chunks of subject ids are written first,
    then handed to workers (by task name) or run here when no broker is configured; ``dispatch_chunks=False`` leaves
    them for machines that join with ``work_on``."""
    from publiccredit.subjects.models import Subject

    if model.current_version_id is None:
        raise DomainError(f"模型“{model.name}”尚未发布，不能评价", code="model_unpublished")
    if model.kind == EvaluationModel.Kind.IMPORTED:
        raise DomainError(f"“{model.name}”的结果由外部计算后导入（publiccredit import-grades），本平台不计算",
                          code="model_imported")
    bounds = Subject.objects.aggregate(first=Min("pk"), last=Max("pk"))
    first, last = bounds["first"], bounds["last"]
    with transaction.atomic():
        run = EvaluationRun.objects.create(version_id=model.current_version_id, chunk_size=chunk_size,
                                           as_of=today or timezone.localdate(),
                                           requested_by=actor if getattr(actor, "pk", None) else None)
        chunks = [] if first is None else [
            RunChunk(run=run, number=number, first_subject_id=low, last_subject_id=min(low + chunk_size - 1, last))
            for number, low in enumerate(range(first, last + 1, chunk_size), start=1)]
        RunChunk.objects.bulk_create(chunks, batch_size=2000)
        run.chunks_total = len(chunks)
        if not chunks:
            run.state, run.finished_at = EvaluationRun.State.DONE, timezone.now()
        run.save(update_fields=["chunks_total", "state", "finished_at"])
        record_write(actor=actor, action="evaluation.run.start", target=run,
                     detail={"model": model.code, "version": model.current_version.number, "chunks": len(chunks)})
    if dispatch_chunks:
        dispatch(run)
        run.refresh_from_db()
    return run


def dispatch(run: EvaluationRun) -> None:
    """Hand the run's chunks that are not done to the workers (a failing chunk is retried there, with backoff), or
    grade them here without a broker, as one more worker would."""
    if not settings.CELERY_BROKER_URL:
        work_on(run=run)
        return
    for chunk_id in run.chunks.exclude(state=RunChunk.State.DONE).values_list("pk", flat=True):
        enqueue(GRADE_CHUNK, chunk_id=chunk_id)


def resume_run(*, run: EvaluationRun) -> EvaluationRun:
    """Run again every chunk of ``run`` that is not done (after a kill, or failed chunks after their cause is fixed)."""
    run.chunks.exclude(state=RunChunk.State.DONE).update(state=RunChunk.State.PENDING)
    EvaluationRun.objects.filter(pk=run.pk).update(state=EvaluationRun.State.RUNNING, finished_at=None)
    dispatch(run)
    run.refresh_from_db()
    return run


CLAIM_LEASE = dt.timedelta(minutes=30)  # a chunk claimed longer ago than this is taken to be abandoned
MAX_ATTEMPTS = 3  # a chunk failing this often waits for its cause to be fixed and ``resume_run``


def _claimable(now) -> Q:
    """Pending chunks, failed ones with attempts left, and claimed ones whose worker has held them past the lease
    (a killed worker): a chunk another live worker is grading is never graded twice at once."""
    return Q(state=RunChunk.State.PENDING) | _retryable() | Q(state=RunChunk.State.CLAIMED,
                                                              claimed_at__lt=now - CLAIM_LEASE)


def _retryable() -> Q:
    return Q(state=RunChunk.State.FAILED, attempts__lt=MAX_ATTEMPTS)


def _claim(chunk_id: int | None = None, *, run_id: int | None = None) -> RunChunk | None:
    """The chunk (or the run's next claimable one), marked claimed, unless another worker holds it or it is done."""
    now = timezone.now()
    with transaction.atomic():
        chunks = RunChunk.objects.select_for_update(skip_locked=True, of=("self",)).select_related("run__version")
        # chunks never tried come first: a failed one is tried again once the others are graded
        chunks = (chunks.filter(pk=chunk_id) if chunk_id is not None
                  else chunks.filter(run_id=run_id).order_by("attempts", "number"))
        chunk = chunks.filter(_claimable(now)).first()
        if chunk is None:
            return None
        chunk.state, chunk.claimed_at, chunk.attempts = RunChunk.State.CLAIMED, now, chunk.attempts + 1
        chunk.save(update_fields=["state", "claimed_at", "attempts"])
    return chunk


def work_on(*, run: EvaluationRun) -> int:
    """Grade the run's chunks one after another until none is left to claim: how another machine joins a run
    without a broker (``publiccredit evaluate --work RUN``). A failing chunk is logged and claimed again until it
    has had ``MAX_ATTEMPTS``; the others go on. Returns subjects graded here."""
    graded = 0
    while (chunk := _claim(run_id=run.pk)) is not None:
        try:
            graded += _grade_claimed(chunk)
        except Exception:
            logger.exception("evaluation run %s: chunk %s failed (attempt %s of %s)", run.pk, chunk.number,
                             chunk.attempts, MAX_ATTEMPTS)
    return graded


def grade_chunk(*, chunk_id: int) -> int:
    """Grade the subjects of one chunk and replace their current results, all in one transaction: a failure leaves
    the previous grades as they were and the chunk marked failed with its error. Returns subjects graded."""
    chunk = _claim(chunk_id)
    return 0 if chunk is None else _grade_claimed(chunk)


def _grade_claimed(chunk: RunChunk) -> int:
    run = chunk.run
    try:
        with transaction.atomic():
            graded = write_grades(version=run.version, today=run.as_of, run=run,
                                  subject_ids=subject_ids_between(chunk.first_subject_id, chunk.last_subject_id),
                                  first_id=chunk.first_subject_id, last_id=chunk.last_subject_id, whole_range=True)
            RunChunk.objects.filter(pk=chunk.pk).update(state=RunChunk.State.DONE, finished_at=timezone.now(),
                                                        subjects=graded, error="")
            EvaluationRun.objects.filter(pk=run.pk).update(chunks_done=F("chunks_done") + 1,
                                                           subjects_graded=F("subjects_graded") + graded)
    except Exception as exc:
        RunChunk.objects.filter(pk=chunk.pk).update(state=RunChunk.State.FAILED, error=f"{type(exc).__name__}: {exc}")
        _settle(run)
        raise
    _settle(run)
    return graded


def _settle(run: EvaluationRun) -> None:
    """Close the run once no chunk is left to do — done, or failed if a chunk spent its attempts —; a failed run
    whose last failed chunk is graded after all (a resume, a late retry) becomes done."""
    chunks = RunChunk.objects.filter(run_id=run.pk)
    if chunks.filter(_open()).exists():
        return
    failed = chunks.filter(state=RunChunk.State.FAILED).exists()
    state = EvaluationRun.State.FAILED if failed else EvaluationRun.State.DONE
    EvaluationRun.objects.filter(Q(finished_at__isnull=True) | Q(state=EvaluationRun.State.FAILED), pk=run.pk).update(
        state=state, finished_at=timezone.now())


def _open() -> Q:
    """Chunks still to be graded: pending, claimed, or failed with attempts left."""
    return Q(state__in=[RunChunk.State.PENDING, RunChunk.State.CLAIMED]) | _retryable()


def write_grades(*, version: ModelVersion, today: dt.date, subject_ids: list[int], first_id: int, last_id: int,
                 run: EvaluationRun | None = None, whole_range: bool = False) -> int:
    """Compute the grades of ``subject_ids`` (all within [first_id, last_id]) and store, in the caller's transaction,
    those that differ from the current result (version, score, grade, hard rule or contributions): the previous one
    becomes history. An unchanged grade is left as it is, so the history holds changes, not a row per night.
    Returns subjects graded."""
    if not subject_ids:
        return 0
    definition = version.definition
    records, entries, registrations, inputs, courses = facts_for(
        definition, today=today, first_id=first_id, last_id=last_id, subject_ids=None if whole_range else subject_ids)
    graded = grade_frame(definition, today=today, subject_ids=subject_ids, records=records, entries=entries,
                         registrations=registrations, inputs=inputs, courses=courses)
    current = EvaluationResult.objects.filter(model_id=version.model_id, is_current=True, subject_id__gte=first_id,
                                              subject_id__lte=last_id).order_by()
    held = pl.concat([frame_of(part.values_list("pk", "subject_id", "digest"), HELD_SCHEMA) for part in
                      ([current] if whole_range else filter_in(current, "subject_id", subject_ids))],
                     how="vertical") if subject_ids else pl.DataFrame(schema=HELD_SCHEMA)
    graded = graded.with_columns(pl.col("capped_by").str.slice(0, 200))
    digests = pl.Series("digest", [result_digest(version.pk, *said) for said in graded.select(
        "score", "grade", "capped_by", "contributions").iter_rows()], dtype=pl.String)
    changed = (graded.with_columns(digests)
               .join(held.rename({"digest": "held_digest"}), on="subject_id", how="left", maintain_order="left")
               .filter(pl.col("held_digest").is_null() | (pl.col("held_digest") != pl.col("digest"))))
    superseded = changed.get_column("pk").drop_nulls().to_list()
    for part in filter_in(EvaluationResult.objects.all(), "pk", superseded):
        part.update(is_current=False)
    insert_frame(EvaluationResult, changed.select(
        "subject_id", pl.lit(version.model_id).alias("model_id"), pl.lit(version.pk).alias("version_id"),
        pl.lit(run.pk if run else None, dtype=pl.Int64).alias("run_id"), "score", "grade",
        pl.lit(float(definition["base"])).alias("base"), "contributions", "capped_by", "digest",
        pl.lit(today, dtype=pl.Date).alias("as_of"), pl.lit(timezone.now()).alias("computed_at"),
        pl.lit(True).alias("is_current")), json_text=("contributions",))
    return graded.height


def inputs_first(versions: list[ModelVersion]) -> list[ModelVersion]:
    """The versions ordered so that a model whose score another takes is graded before it (publishing refuses
    loops, so the order exists)."""
    by_code = {version.model.code: version for version in versions}
    ordered, placed = [], set()

    def place(version, path=()):
        code = version.model.code
        if code in placed or code in path:
            return
        for indicator in version.definition["indicators"]:
            needed = by_code.get(indicator.get("input_model") or "")
            if indicator["source"] == "model_score" and needed is not None:
                place(needed, (*path, code))
        placed.add(code)
        ordered.append(version)

    for version in sorted(versions, key=lambda v: (v.model.kind != EvaluationModel.Kind.PUBLIC, v.model.code)):
        place(version)
    return ordered


REGRADE = "evaluation.regrade_subjects"
REGRADE_GROUP = 500  # subjects graded together on the incremental path: one narrow read, one transaction


def regrade_subjects(*, subject_ids, today: dt.date | None = None) -> int:
    """Grade again, under every active model's current version, just these subjects (after a record, list, repair
    or objection event): the incremental path. Many subjects (a large delivery) go in groups of ``REGRADE_GROUP``,
    each one transaction, so that a group's reads stay on the subject index. Returns results written."""
    subject_ids = sorted({int(pk) for pk in subject_ids if pk})
    if not subject_ids:
        return 0
    today = today or timezone.localdate()
    versions = inputs_first(list(ModelVersion.objects.filter(
        model__is_active=True, model__current_version_id=F("pk"),
        model__kind__in=[EvaluationModel.Kind.PUBLIC, EvaluationModel.Kind.INDUSTRY]).select_related("model")))
    written = 0
    for start in range(0, len(subject_ids), REGRADE_GROUP):
        group = subject_ids[start:start + REGRADE_GROUP]
        with transaction.atomic():
            for version in versions:
                written += write_grades(version=version, today=today, subject_ids=group, first_id=group[0],
                                        last_id=group[-1])
    return written


def request_regrade(*, subject_ids) -> None:
    """Grade these subjects again soon: with a broker, groups of ``REGRADE_GROUP`` go to the workers by task name
    (a large delivery is shared between machines and does not hold up the outbox); without one, here and now."""
    subject_ids = sorted({int(pk) for pk in subject_ids if pk})
    if not settings.CELERY_BROKER_URL:
        regrade_subjects(subject_ids=subject_ids)
        return
    for start in range(0, len(subject_ids), REGRADE_GROUP):
        enqueue(REGRADE, subject_ids=subject_ids[start:start + REGRADE_GROUP])
