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
from publiccredit.casework.dates import typed_date
from publiccredit.casework.evidence import check_files, keep_evidence, next_number
from publiccredit.catalog.models import CatalogItem
from publiccredit.collection.models import CreditRecord
from publiccredit.collection.services import submit_records
from publiccredit.core.bulk import insert_frame
from publiccredit.core.errors import DomainError, PermissionDenied
from publiccredit.events.services import emit
from publiccredit.rectification.models import RectificationTask
from publiccredit.rectification.services import open_rectification
from publiccredit.workdays.services import add_working_days

from . import draw, topics
from .models import (
    GradeRatio,
    InspectionMatter,
    InspectionPlan,
    InspectionResult,
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
RESULT_WORKING_DAYS = InspectionResult.WORKING_DAYS
INSPECTION_ITEM = "administrative_inspection"  # the catalog item 行政检查 a problem found is recorded under


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


def record_result(*, plan: InspectionPlan, code: str, outcome: str, inspected_on, facts: str, actor, files=(),
                  requirement: str = "", rectification_days=None, today: dt.date | None = None) -> InspectionResult:
    """Record what the inspection of a drawn subject found, within ``RESULT_WORKING_DAYS`` working days of it; the
    result is published with the plan and on the credit file. A problem found (责令整改, 不合格) becomes a 行政检查
    record through the catalog's intake under the decision number ``<plan number>-<code>``; 责令整改 also opens a
    rectification with ``requirement`` and ``rectification_days`` working days. Sending the same result again
    returns the one recorded; a different one is refused."""
    today = today or timezone.localdate()
    files = list(files or [])
    code = str(code or "").strip().upper()
    with transaction.atomic():
        plan = _lock(plan)
        _require_manager(actor, _departments_of(plan), "录入检查结果")
        if _user(actor) is not None and not actor.has_perm("inspections.change_inspectionplan"):
            raise PermissionDenied("只有执法检查、监管人员可以录入检查结果", code="not_an_inspector")
        if plan.state != InspectionPlan.State.DRAWN:
            raise DomainError(f"计划{plan.number}尚未抽取，不能录入检查结果", code="not_drawn")
        task = plan.tasks.select_related("subject").filter(code=code).first()
        if task is None:
            raise DomainError(f"{code or '（空）'}不是计划{plan.number}抽中的检查对象，不能录入检查结果",
                              code="not_drawn_subject", field="code")
        day, problems = _result_problems(plan, task, outcome, inspected_on, facts, requirement, rectification_days,
                                         today)
        existing = InspectionResult.objects.filter(task=task).first()
        if existing is not None:
            if (existing.outcome, existing.inspected_on, existing.facts) == (outcome, day, str(facts or "").strip()):
                return existing
            raise DomainError(f"{code}的检查结果已于{existing.recorded_at:%Y年%m月%d日}录入（{existing.get_outcome_display()}），"
                              "不能重复录入", code="result_exists", field="code")
        if problems:
            raise DomainError("；".join(problems), code="bad_result")
        check_files(files)
        result = InspectionResult.objects.create(task=task, outcome=outcome, inspected_on=day,
                                                 facts=str(facts).strip(), recorded_by=_user(actor))
        keep_evidence(result.attachments, files, folder=f"inspections/{plan.number}")
        department = _finding_department(plan, actor)
        if outcome in InspectionResult.RECORDED:
            result.record = _inspection_record(plan, task, result, department, actor, today)
        if outcome == InspectionResult.Outcome.RECTIFY:
            result.rectification = open_rectification(
                subject=task.subject, department=department, source=RectificationTask.Source.INSPECTION,
                problem=result.facts, requirement=requirement, working_days=rectification_days, actor=actor,
                source_reference=f"{plan.number}-{code}", record=result.record, issued_on=day, today=today)
        result.save(update_fields=["record", "rectification"])
        record_write(actor=actor, action=topics.RESULT_RECORDED, target=plan,
                     detail={"code": code, "outcome": outcome, "inspected_on": day.isoformat(),
                             "record": result.record_id, "rectification": result.rectification_id})
        emit(topics.RESULT_RECORDED, {"plan_id": plan.pk, "result_id": result.pk})
    return result


def result_deadline(inspected_on: dt.date) -> dt.date:
    return add_working_days(inspected_on, RESULT_WORKING_DAYS)


def _result_problems(plan, task, outcome, inspected_on, facts, requirement, rectification_days, today
                     ) -> tuple[dt.date | None, list[str]]:
    problems = []
    if outcome not in InspectionResult.Outcome.values:
        problems.append("请选择检查结果（" + "、".join(InspectionResult.Outcome.labels) + "）")
    day, bad_date = typed_date(inspected_on, "检查日期")
    if bad_date or day is None:
        problems.append(bad_date or "请填写检查日期")
    else:
        drawn_on, deadline = timezone.localdate(plan.drawn_at), result_deadline(day)
        if day > today:
            problems.append("检查日期不能晚于今天")
        elif day < drawn_on:
            problems.append(f"检查日期不能早于抽取日期{drawn_on:%Y年%m月%d日}")
        elif today > deadline:
            problems.append(f"检查结果应在检查之日起{RESULT_WORKING_DAYS}个工作日内录入（{day:%Y年%m月%d日}检查的，"
                            f"最迟{deadline:%Y年%m月%d日}），已超过期限，请报信用主管部门处理")
    if not str(facts or "").strip():
        problems.append("请填写检查情况")
    if outcome in InspectionResult.RECORDED and task.subject_id is None:
        problems.append(f"{task.code}在主体库中已不存在，不能生成行政检查记录")
    if outcome == InspectionResult.Outcome.RECTIFY:
        if not str(requirement or "").strip():
            problems.append("责令整改的，请填写整改要求")
        if rectification_days in (None, ""):
            problems.append("责令整改的，请填写整改期限（工作日）")
    return day, problems


def _finding_department(plan: InspectionPlan, actor):
    """Who found it (谁认定): the recording clerk's department when it is one of the plan's, else the lead one."""
    organization_id = getattr(actor, "organization_id", None)
    if organization_id and organization_id != plan.department_id:
        joint = plan.joint_departments.filter(pk=organization_id).first()
        if joint is not None:
            return joint
    return plan.department


def _inspection_record(plan: InspectionPlan, task: InspectionTask, result: InspectionResult, department, actor,
                       today: dt.date) -> CreditRecord:
    """The 行政检查 record of a problem found, delivered by the finding department through the catalog's intake."""
    subject = task.subject
    decision_number = f"{plan.number}-{task.code}"
    matters = "、".join(plan.matters.order_by("code").values_list("name", flat=True))
    row = {"JC_WSH": decision_number, "JC_XDR_MC": subject.name,
           "JC_XDR_LB": "个体工商户" if subject.kind == subject.Kind.INDIVIDUAL_BUSINESS else "法人及非法人组织",
           "JC_XDR_SHXYM": task.code, "JC_JG_JG": InspectionResult.RECORDED[result.outcome],
           "JC_NR": f"双随机抽查（{plan.number}，{matters}）：{result.facts}"[:4000],
           "JC_JDRQ": result.inspected_on.isoformat(), "JC_JG": department.name, "JC_JGDM": department.code}
    intake = submit_records(item=CatalogItem.objects.get(code=INSPECTION_ITEM), provider=department, records=[row],
                            actor=actor, atomic=True, today=today)
    if intake.rejected:
        raise DomainError("行政检查记录未能生成：" + "；".join(f"{e.field} {e.message}" for e in intake.errors),
                          code="record_rejected")
    return (CreditRecord.objects.filter(item__code=INSPECTION_ITEM, provider=department,
                                        decision_number=decision_number).order_by("-id").first())
