"""双随机 plans (docs/inspections.md): drafted by a department, frozen — candidates with their grades, the ratios,
the inspector pool and the avoidances fixed and published with the commitment to a fresh random seed —, then drawn
— the seed revealed and the selection and assignment computed by the public algorithm (``draw``). Refusals are in
Chinese; a draw is never repeated with another seed: drawing a drawn plan returns it as it is."""

import datetime as dt
import hashlib
import secrets

import polars as pl
from django.db import IntegrityError, transaction
from django.utils import timezone

from publiccredit.accounts.roles import require_writer, sees_everything
from publiccredit.audit.services import record_write
from publiccredit.casework.evidence import next_number
from publiccredit.core.bulk import insert_frame
from publiccredit.core.errors import DomainError, PermissionDenied
from publiccredit.events.services import emit

from . import draw, topics
from .models import (
    GradeRatio,
    InspectionMatter,
    InspectionPlan,
    InspectionTask,
    Inspector,
    InspectorConflict,
    ObjectDirectory,
    PlanCandidates,
    PlanExclusion,
    PlanInspector,
    PlanStratum,
)
from .queries import candidates_of

NUMBER_PREFIX = "SS"  # 双随机: SS<yyyymmdd><5-digit serial>
MIN_INSPECTORS_PER_TASK = 2


def create_plan(*, department, title: str, matters, directory: ObjectDirectory, period_start: dt.date,
                period_end: dt.date, actor, inspectors_per_task: int = MIN_INSPECTORS_PER_TASK,
                joint_departments=(), today: dt.date | None = None) -> InspectionPlan:
    """A draft plan of ``department`` (with ``joint_departments`` for a joint inspection); every wrong field is
    refused with its reason."""
    today = today or timezone.localdate()
    matters, joint_departments = list(matters), list(joint_departments)
    departments = {department.pk, *(o.pk for o in joint_departments)}
    _require_manager(actor, departments, "制定抽查计划")
    problems = draft_problems(title=title, matters=matters, departments=departments, directory=directory,
                              period_start=period_start, period_end=period_end,
                              inspectors_per_task=inspectors_per_task)
    if problems:
        raise DomainError("；".join(problems), code="bad_plan")
    for _ in range(5):
        try:
            with transaction.atomic():
                plan = InspectionPlan.objects.create(
                    number=next_plan_number(today), title=title.strip(),
                    department=department, directory=directory, period_start=period_start, period_end=period_end,
                    inspectors_per_task=inspectors_per_task, created_by=_user(actor))
                plan.matters.set(matters)
                plan.joint_departments.set(list(joint_departments))
                record_write(actor=actor, action=topics.PLAN_CREATED, target=plan,
                             detail={"number": plan.number, "matters": [m.code for m in matters]})
                emit(topics.PLAN_CREATED, {"plan_id": plan.pk})
            return plan
        except IntegrityError:
            continue
    raise DomainError("系统繁忙，请稍后重试", code="busy")


def draft_problems(*, title: str, matters, departments, directory, period_start, period_end,
                   inspectors_per_task: int) -> list[str]:
    """Why a draft cannot stand (empty when it can): asked when it is made and again when it is frozen, whichever
    way it was written (the service, the admin)."""
    problems = []
    if not str(title or "").strip():
        problems.append("请填写计划名称")
    if not matters:
        problems.append("请选择至少一个抽查事项")
    for matter in matters:
        if not matter.is_active:
            problems.append(f"抽查事项“{matter.name}”已停用")
        elif matter.department_id not in departments:
            problems.append(f"抽查事项“{matter.name}”不属于本计划的实施部门")
    if directory.department_id not in departments:
        problems.append(f"检查对象名录“{directory.name}”不属于本计划的实施部门")
    if period_end < period_start:
        problems.append("检查结束日期不能早于开始日期")
    if inspectors_per_task < MIN_INSPECTORS_PER_TASK:
        problems.append(f"每户检查人员不少于{MIN_INSPECTORS_PER_TASK}名")
    return problems


def next_plan_number(today: dt.date) -> str:
    return next_number(InspectionPlan, prefix=NUMBER_PREFIX, day=today)


def _user(actor):
    return actor if getattr(actor, "pk", None) else None


def _require_manager(actor, department_ids, doing: str) -> None:
    """A plan is made, frozen and drawn by its departments or the credit office; auditors only read. ``actor`` None
    is the platform itself (the demo, a command)."""
    require_writer(actor)
    if _user(actor) is None or sees_everything(actor):
        return
    if getattr(actor, "organization_id", None) not in set(department_ids):
        raise PermissionDenied(f"只有计划的实施部门或信用主管部门可以{doing}", code="not_plan_department")


def _departments_of(plan: InspectionPlan) -> list[int]:
    return [plan.department_id, *plan.joint_departments.values_list("pk", flat=True)]


def _lock(plan: InspectionPlan) -> InspectionPlan:
    return InspectionPlan.objects.select_for_update(of=("self",)).select_related("directory").get(pk=plan.pk)


def freeze_plan(*, plan: InspectionPlan, actor, today: dt.date | None = None) -> InspectionPlan:
    """Approve a draft: fix its candidates and their grades (candidates.csv and its SHA-256), each grade's ratio from
    the credit office's table, the pool of active inspectors of its departments and the pairs they must avoid
    (declared conflicts; the subjects each inspected in the department's last drawn plan); make a 32-byte random
    seed and publish only its SM3 commitment. Refused, with every reason, when the draw could not be made."""
    today = today or timezone.localdate()
    with transaction.atomic():
        plan = _lock(plan)
        _require_manager(actor, _departments_of(plan), "审批冻结抽查计划")
        if plan.state != InspectionPlan.State.DRAFT:
            raise DomainError(f"计划{plan.number}已{plan.get_state_display()}，不能再次冻结", code="not_draft")
        candidates = candidates_of(plan.directory, today=today)
        ratios = {row.grade: row.ratio for row in GradeRatio.objects.all()}
        problems = draft_problems(title=plan.title, matters=list(plan.matters.all()),
                                  departments=set(_departments_of(plan)), directory=plan.directory,
                                  period_start=plan.period_start, period_end=plan.period_end,
                                  inspectors_per_task=plan.inspectors_per_task)
        if not plan.directory.is_active:
            problems.append(f"检查对象名录“{plan.directory.name}”已停用")
        if candidates.height == 0:
            problems.append(f"检查对象名录“{plan.directory.name}”中没有符合条件的检查对象，无法抽取")
        grades = sorted(set(candidates.get_column("grade").to_list()))
        for grade in grades:
            if grade not in ratios:
                problems.append(f"信用等级“{grade or '未评价'}”在抽查比例表中没有比例，请信用主管部门补充")
            elif not 0 <= ratios[grade] <= 1:
                problems.append(f"信用等级“{grade or '未评价'}”的抽查比例{ratios[grade]}应在0到1之间")
        departments = _departments_of(plan)
        pool = sorted(Inspector.objects.filter(department_id__in=departments, is_active=True)
                      .values_list("pk", flat=True))
        per_task = plan.inspectors_per_task
        if len(pool) < per_task:
            problems.append(f"实施部门在岗的检查人员只有{len(pool)}名，少于每户所需的{per_task}名")
        exclusions = _exclusions(plan, pool, candidates)
        short = _understaffed(exclusions, pool, per_task) if len(pool) >= per_task else []
        if short:
            problems.append(f"{len(short)}户因回避可派的检查人员不足{per_task}名（如 {short[0]}），请补充检查人员")
        if problems:
            raise DomainError("计划不能冻结：" + "；".join(problems), code="not_drawable")
        content = draw.candidates_csv(candidates.select("code", "grade").iter_rows())
        seed = secrets.token_bytes(draw.SEED_BYTES)
        PlanCandidates.objects.create(plan=plan, content=content)
        counts = dict(candidates.group_by("grade").len().iter_rows())
        PlanStratum.objects.bulk_create([PlanStratum(plan=plan, grade=grade, ratio=ratios[grade],
                                                     candidates=counts[grade]) for grade in grades])
        PlanInspector.objects.bulk_create([PlanInspector(plan=plan, inspector_id=pk) for pk in pool])
        PlanExclusion.objects.bulk_create([PlanExclusion(plan=plan, inspector_id=inspector, subject_code=code,
                                                         cause=cause) for (inspector, code), cause in
                                           sorted(exclusions.items())], batch_size=2000)
        plan.state, plan.frozen_at, plan.frozen_by = InspectionPlan.State.FROZEN, timezone.now(), _user(actor)
        plan.commitment, plan.seed_sealed = draw.commitment_of(seed), seed.hex()
        plan.candidates_sha256, plan.candidates_count = hashlib.sha256(content).hexdigest(), candidates.height
        plan.save(update_fields=["state", "frozen_at", "frozen_by", "commitment", "seed_sealed", "candidates_sha256",
                                 "candidates_count"])
        record_write(actor=actor, action=topics.PLAN_FROZEN, target=plan, detail={
            "candidates": candidates.height, "commitment": plan.commitment, "inspectors": len(pool),
            "candidates_sha256": plan.candidates_sha256})
        emit(topics.PLAN_FROZEN, {"plan_id": plan.pk})
    return plan


def _exclusions(plan: InspectionPlan, pool: list[int], candidates: pl.DataFrame) -> dict[tuple[int, str], str]:
    """(inspector, code) pairs the draw must not join, with their cause: conflicts the pool's inspectors declared
    with candidates, and each subject of the department's last drawn plan with its inspectors there."""
    codes = dict(zip(candidates.get_column("subject_id").to_list(), candidates.get_column("code").to_list(),
                     strict=True))
    found = {}
    for inspector, subject_id in InspectorConflict.objects.filter(inspector_id__in=pool).values_list(
            "inspector_id", "subject_id"):
        if subject_id in codes:
            found[(inspector, codes[subject_id])] = PlanExclusion.Cause.DECLARED
    last = (InspectionPlan.objects.filter(department_id=plan.department_id, state=InspectionPlan.State.DRAWN)
            .exclude(pk=plan.pk).order_by("-drawn_at").first())
    if last is not None:
        wanted, members = set(codes.values()), set(pool)
        for code, inspectors in last.tasks.values_list("code", "inspectors"):
            if code in wanted:
                for inspector in inspectors:
                    if inspector in members:
                        found.setdefault((inspector, code), PlanExclusion.Cause.LAST_PLAN)
    return found


def _understaffed(exclusions: dict, pool: list[int], per_task: int) -> list[str]:
    avoided: dict[str, int] = {}
    for _, code in exclusions:
        avoided[code] = avoided.get(code, 0) + 1
    return sorted(code for code, count in avoided.items() if len(pool) - count < per_task)


def draw_plan(*, plan: InspectionPlan, actor) -> InspectionPlan:
    """Reveal the seed and draw: the selected subjects of each stratum and their inspectors, as ``draw`` computes
    them from the frozen candidates.csv, ratios, pool and avoidances. A drawn plan is returned unchanged (the seed
    was fixed at freeze: there is no second draw)."""
    with transaction.atomic():
        plan = _lock(plan)
        _require_manager(actor, _departments_of(plan), "抽取")
        if plan.state == InspectionPlan.State.DRAWN:
            return plan
        if plan.state != InspectionPlan.State.FROZEN:
            raise DomainError(f"计划{plan.number}尚未审批冻结，不能抽取", code="not_frozen")
        seed = bytes.fromhex(plan.seed_sealed)
        strata = {stratum.grade: stratum for stratum in plan.strata.all()}
        content = bytes(PlanCandidates.objects.get(plan=plan).content)
        chosen = draw.select(plan.number, seed, draw.read_candidates(content),
                             {grade: stratum.ratio for grade, stratum in strata.items()}).filter(pl.col("selected"))
        codes = chosen.get_column("code").to_list()
        excluded = set(plan.exclusions.values_list("inspector_id", "subject_code"))
        pool = sorted(plan.pool.values_list("inspector_id", flat=True))
        assigned = draw.assign(plan.number, seed, codes, pool, plan.inspectors_per_task, excluded)
        subject_ids = candidates_ids(codes)
        tasks = chosen.select(
            pl.lit(plan.pk).alias("plan_id"),
            pl.col("code").replace_strict(subject_ids, default=None, return_dtype=pl.Int64).alias("subject_id"), "code", "grade",
            "key", "rank",
            pl.col("code").replace_strict({code: _json_ids(ids) for code, ids in assigned.items()},
                                          return_dtype=pl.String).alias("inspectors"))
        insert_frame(InspectionTask, tasks, json_text=("inspectors",))
        for grade, count in chosen.group_by("grade").len().iter_rows():
            PlanStratum.objects.filter(pk=strata[grade].pk).update(selected=count)
        plan.state, plan.drawn_at, plan.seed = InspectionPlan.State.DRAWN, timezone.now(), seed.hex()
        plan.save(update_fields=["state", "drawn_at", "seed"])
        record_write(actor=actor, action=topics.PLAN_DRAWN, target=plan,
                     detail={"selected": len(codes), "seed": plan.seed})
        emit(topics.PLAN_DRAWN, {"plan_id": plan.pk})
    return plan


def _json_ids(ids: list[int]) -> str:
    return "[" + ",".join(str(pk) for pk in ids) + "]"


def candidates_ids(codes: list[str]) -> dict[str, int]:
    """Subject ids of the selected codes (codes are unique)."""
    from publiccredit.core.bulk import select_where_in
    from publiccredit.subjects.models import Subject

    return {code: pk for code, pk in select_where_in(Subject, "uscc", codes, ["uscc", "id"])}


def matters_of(department) -> list[InspectionMatter]:
    return list(InspectionMatter.objects.filter(department=department, is_active=True).order_by("code"))
