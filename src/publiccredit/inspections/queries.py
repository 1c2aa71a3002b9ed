"""Reads of graded supervision (docs/inspections.md): a directory's inspection objects with their grades (what a
plan freezes), the published plans and their draws, and the recomputation that verifies a draw."""

import hashlib

import polars as pl
from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Sum
from django.utils import timezone

from publiccredit.collection.models import CreditRecord
from publiccredit.core.audience import Audience
from publiccredit.core.frames import frame_of
from publiccredit.subjects.models import Subject
from publiccredit.workdays.queries import local_day_range
from publiccredit.workdays.services import add_working_days

from . import draw
from .models import InspectionPlan, InspectionResult, InspectionTask, ObjectDirectory, PlanStratum

ORGANIZATION_KINDS = [Subject.Kind.LEGAL_PERSON, Subject.Kind.UNINCORPORATED, Subject.Kind.INDIVIDUAL_BUSINESS]
PUBLIC_MODEL = "public"  # the grade a plan's strata follow: the public credit evaluation


def directory_subjects(directory: ObjectDirectory, *, today=None) -> QuerySet:
    """The directory's inspection objects: registered entities with a unified social credit code of its kinds,
    industries, regions and, where it names one, holding a licence of its item in force (as departments see it)."""
    subjects = Subject.objects.filter(status=Subject.Status.ACTIVE, uscc__isnull=False,
                                      kind__in=[kind for kind in (directory.kinds or ORGANIZATION_KINDS)
                                                if kind in ORGANIZATION_KINDS])
    if directory.industry_codes:
        industries = Q()
        for code in directory.industry_codes:
            industries |= Q(industry__code__startswith=str(code).strip().upper())
        subjects = subjects.filter(industries)
    if directory.region_codes:
        regions = Q()
        for code in directory.region_codes:
            regions |= Q(region__code__startswith=str(code).strip())
        subjects = subjects.filter(regions)
    if directory.licence_item_id:
        licences = CreditRecord.objects.visible_to(Audience.DEPARTMENT, today=today).in_force(today=today).filter(
            subject_id=OuterRef("pk"), item_id=directory.licence_item_id)
        subjects = subjects.filter(Exists(licences))
    return subjects


def candidates_of(directory: ObjectDirectory, *, today=None) -> pl.DataFrame:
    """(subject_id, code, grade) of every inspection object of the directory, graded by the current public
    evaluation ("" where a subject has no grade yet); set-based, two reads joined in polars."""
    from publiccredit.evaluation.models import EvaluationResult

    subjects = frame_of(directory_subjects(directory, today=today).order_by().values_list("id", "uscc"),
                        {"subject_id": pl.Int64, "code": pl.String})
    grades = frame_of(EvaluationResult.objects.filter(model__code=PUBLIC_MODEL, is_current=True).order_by()
                      .values_list("subject_id", "grade"), {"subject_id": pl.Int64, "grade": pl.String})
    return (subjects.join(grades, on="subject_id", how="left")
            .with_columns(pl.col("grade").fill_null(""), pl.col("code").str.to_uppercase()))


def published_plans() -> QuerySet:
    return (InspectionPlan.objects.exclude(state=InspectionPlan.State.DRAFT)
            .select_related("department").order_by("-frozen_at", "-id"))


def published_plan(number: str) -> InspectionPlan | None:
    return published_plans().filter(number=str(number).strip().upper()).first()


def plan_facts(plan: InspectionPlan) -> dict:
    """What a plan publishes (the API's detail and the public page): everything a verifier needs."""
    strata = [{"grade": s.grade, "ratio": format(s.ratio.normalize(), "f"), "candidates": s.candidates,
               "selected": s.selected} for s in plan.strata.order_by("grade")]
    drawn = plan.state == InspectionPlan.State.DRAWN
    tasks = list(plan.tasks.order_by("code").values_list("code", "grade", "inspectors")) if drawn else []
    results = published_results(plan) if drawn else []
    return {
        "number": plan.number, "title": plan.title, "state": plan.state, "state_label": plan.get_state_display(),
        "department": plan.department.name,
        "joint_departments": [o.name for o in plan.joint_departments.order_by("code")],
        "matters": [{"code": m.code, "name": m.name, "method": m.get_method_display(), "legal_basis": m.legal_basis}
                    for m in plan.matters.order_by("code")],
        "period_start": plan.period_start, "period_end": plan.period_end,
        "inspectors_per_task": plan.inspectors_per_task,
        "commitment": plan.commitment, "seed": plan.seed if drawn else None,
        "candidates_sha256": plan.candidates_sha256, "candidates": plan.candidates_count,
        "strata": strata, "selected": [code for code, _, _ in tasks],
        "inspectors": [{"id": inspector.pk, "name": inspector.name, "certificate_number": inspector.certificate_number,
                        "department": inspector.department.name}
                       for inspector in _pool(plan)],
        "exclusions": [{"inspector": inspector_id, "code": code} for inspector_id, code in
                       plan.exclusions.order_by("inspector_id", "subject_code").values_list("inspector_id",
                                                                                              "subject_code")],
        "tasks": [{"code": code, "grade": grade, "inspectors": inspectors} for code, grade, inspectors in tasks],
        "results": results, "reported": len(results),
        "frozen_at": plan.frozen_at, "drawn_at": plan.drawn_at,
    }


def _pool(plan: InspectionPlan) -> list:
    from .models import Inspector

    return list(Inspector.objects.filter(pk__in=plan.pool.values("inspector_id")).select_related("department")
                .order_by("pk"))


def candidates_file(plan: InspectionPlan) -> bytes:
    return bytes(plan.candidate_file.content)


def verify(plan: InspectionPlan) -> list[str]:
    """Recompute the plan's draw from what it publishes and compare with what was stored: empty when it holds,
    otherwise each discrepancy in Chinese (``publiccredit verify-draw``)."""
    problems = []
    content = candidates_file(plan)
    if hashlib.sha256(content).hexdigest() != plan.candidates_sha256:
        problems.append("候选名单的SHA-256与公布值不符")
    if plan.state != InspectionPlan.State.DRAWN:
        return [*problems, "计划尚未抽取，只能核对候选名单"]
    seed = bytes.fromhex(plan.seed)
    if draw.commitment_of(seed) != plan.commitment:
        problems.append("公开的种子与冻结时公布的承诺值不符")
    ratios = {s.grade: s.ratio for s in plan.strata.all()}
    chosen = draw.select(plan.number, seed, draw.read_candidates(content), ratios).filter(pl.col("selected"))
    stored = dict(InspectionTask.objects.filter(plan=plan).values_list("code", "inspectors"))
    if set(chosen.get_column("code").to_list()) != set(stored):
        problems.append("按种子重新计算的抽中名单与公布的名单不同")
        return problems
    excluded = set(plan.exclusions.values_list("inspector_id", "subject_code"))
    pool = sorted(plan.pool.values_list("inspector_id", flat=True))
    assigned = draw.assign(plan.number, seed, sorted(stored), pool, plan.inspectors_per_task, excluded)
    wrong = [code for code, inspectors in assigned.items() if inspectors != stored[code]]
    if wrong:
        problems.append(f"{len(wrong)}户的检查人员与重新计算的结果不同，如 {wrong[0]}")
    return problems


def published_results(plan: InspectionPlan) -> list[dict]:
    """The plan's results as published (一公开): code, outcome and date of each inspection recorded, by code. The
    facts and files stay with the departments and the subject's own credit file."""
    return [{"code": code, "outcome": outcome, "outcome_label": InspectionResult.Outcome(outcome).label,
             "inspected_on": inspected_on}
            for code, outcome, inspected_on in InspectionResult.objects.filter(task__plan=plan)
            .order_by("task__code").values_list("task__code", "outcome", "inspected_on")]


def tasks_of_subject(subject, audience: Audience = Audience.PUBLIC, *, limit: int = 50) -> list[dict]:
    """The drawn inspections of a subject with their results, newest plan first (the credit file's 双随机抽查
    section); the facts only for the subject itself, departments and the credit office."""
    tasks = (InspectionTask.objects.filter(subject=subject, plan__state=InspectionPlan.State.DRAWN)
             .select_related("plan__department", "result").order_by("-plan__drawn_at", "-id")[:limit])
    shown = []
    for task in tasks:
        result = getattr(task, "result", None)
        entry = {"plan": task.plan.number, "title": task.plan.title, "department": task.plan.department.name,
                 "drawn_at": task.plan.drawn_at, "grade": task.grade, "outcome": result.outcome if result else "",
                 "outcome_label": result.get_outcome_display() if result else "待录入",
                 "inspected_on": result.inspected_on if result else None}
        if result and audience != Audience.PUBLIC:
            entry["facts"] = result.facts
        shown.append(entry)
    return shown


def plan_tasks(plan: InspectionPlan) -> QuerySet:
    """A drawn plan's tasks with their results, by stratum and rank (the back office pages them)."""
    return plan.tasks.select_related("subject", "result").order_by("grade", "rank")


def plans_handled_by(user) -> QuerySet:
    """The plans a clerk works on: the credit office and auditors every plan, a department those it leads or
    joins."""
    from publiccredit.accounts.roles import sees_everything

    plans = InspectionPlan.objects.select_related("department").order_by("-created_at", "-id")
    if sees_everything(user):
        return plans
    organization = getattr(user, "organization_id", None) or -1
    return plans.filter(Q(department_id=organization) | Q(joint_departments=organization)).distinct()


def inspection_statistics(*, since, until, department_id: int | None = None) -> dict:
    """Plans drawn in [since, until] (by the drawing day): candidates and drawn subjects by grade (coverage), results
    by outcome, results still to be recorded, and those past the 20 working days after the plan's period."""
    start, end = local_day_range(since, until)
    plans = InspectionPlan.objects.filter(state=InspectionPlan.State.DRAWN, drawn_at__gte=start, drawn_at__lt=end)
    if department_id is not None:
        plans = plans.filter(Q(department_id=department_id) | Q(joint_departments=department_id)).distinct()
    plan_ids = list(plans.values_list("pk", flat=True))
    strata = (PlanStratum.objects.filter(plan_id__in=plan_ids).values("grade")
              .annotate(candidates=Sum("candidates"), selected=Sum("selected")).order_by("grade"))
    coverage = [{"grade": row["grade"], "candidates": row["candidates"], "selected": row["selected"],
                 "coverage": round(row["selected"] / row["candidates"], 4) if row["candidates"] else None}
                for row in strata]
    outcomes = dict(InspectionResult.objects.filter(task__plan_id__in=plan_ids).values_list("outcome")
                    .annotate(n=Count("pk")).order_by())
    tasks = InspectionTask.objects.filter(plan_id__in=plan_ids)
    pending = tasks.filter(result__isnull=True)
    today = timezone.localdate()
    late_plans = [pk for pk, period_end in plans.values_list("pk", "period_end")
                  if add_working_days(period_end, InspectionResult.WORKING_DAYS) < today]
    return {"plans": len(plan_ids), "selected": tasks.count(), "reported": sum(outcomes.values()),
            "pending": pending.count(), "pending_late": pending.filter(plan_id__in=late_plans).count(),
            "coverage": coverage,
            "outcomes": {label: outcomes.get(value, 0) for value, label in InspectionResult.Outcome.choices}}
