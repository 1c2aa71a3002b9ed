"""Reads of graded supervision (docs/inspections.md): a directory's inspection objects with their grades (what a
plan freezes), the published plans and their draws, and the recomputation that verifies a draw."""

import hashlib

import polars as pl
from django.db.models import Exists, OuterRef, Q, QuerySet

from publiccredit.collection.models import CreditRecord
from publiccredit.core.audience import Audience
from publiccredit.core.frames import frame_of
from publiccredit.subjects.models import Subject

from . import draw
from .models import InspectionPlan, InspectionTask, ObjectDirectory

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


def tasks_of_subject(subject) -> list[InspectionTask]:
    """The drawn inspections of a subject, newest plan first (the credit file's 双随机抽查 section)."""
    return list(InspectionTask.objects.filter(subject=subject).select_related("plan__department")
                .order_by("-plan__drawn_at")[:50])
