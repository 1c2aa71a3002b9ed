"""The 双随机 pages (docs/inspections.md): on the website the published plans and each plan with its commitment,
strata, seed, selection and results once drawn, and how to verify it; in the back office a department's plans, their
drawn subjects with the result forms, and the statistics of inspections and rectifications."""

from collections import Counter

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render

from publiccredit.accounts.access import staff_of_an_organization
from publiccredit.accounts.roles import sees_everything
from publiccredit.audit.context import set_channel
from publiccredit.audit.services import record_read
from publiccredit.casework.evidence import evidence_response
from publiccredit.casework.queries import statistics_window
from publiccredit.core.errors import DomainError
from publiccredit.rectification.queries import rectification_statistics

from . import services
from .imports import KINDS, import_directory, rows_of
from .models import InspectionPlan, InspectionResult, ResultAttachment
from .queries import (
    inspection_statistics,
    plan_facts,
    plan_tasks,
    plans_handled_by,
    published_plan,
    published_plans,
)

PUBLIC_ROWS = 500


def plans(request):
    return render(request, "inspections/plans.html", {"plans": published_plans()[:100]})


def plan(request, number: str):
    found = published_plan(number)
    if found is None:
        raise Http404("没有找到已公布的抽查计划")
    facts = plan_facts(found)
    results = {result["code"]: result for result in facts["results"]}
    counts = Counter(result["outcome_label"] for result in facts["results"])
    return render(request, "inspections/plan.html", {
        "plan": found, "facts": facts,
        "rows": [{**task, "result": results.get(task["code"])} for task in facts["tasks"][:PUBLIC_ROWS]],
        "outcome_counts": [(label, counts[label]) for label in InspectionResult.Outcome.labels if counts[label]]})


@staff_of_an_organization
def work_plans(request):
    page = Paginator(plans_handled_by(request.user), 50).get_page(request.GET.get("page"))
    return render(request, "inspections/work_plans.html", {"page": page})


def _handled_plan(request, number: str) -> InspectionPlan:
    return get_object_or_404(plans_handled_by(request.user), number=str(number).strip().upper())


@staff_of_an_organization
def work_plan(request, number: str):
    """A plan's drawn subjects by stratum and rank, 100 a page, with whether each result is recorded."""
    found = _handled_plan(request, number)
    show = request.GET.get("show", "")
    tasks = plan_tasks(found)
    if show == "pending":
        tasks = tasks.filter(result__isnull=True)
    page = Paginator(tasks, 100).get_page(request.GET.get("page"))
    return render(request, "inspections/work_plan.html", {
        "plan": found, "page": page, "show": show, "reported": InspectionResult.objects.filter(task__plan=found).count(),
        "selected": found.tasks.count(), "strata": found.strata.order_by("grade")})


@staff_of_an_organization
def result_form(request, number: str, code: str):
    found = _handled_plan(request, number)
    task = get_object_or_404(found.tasks.select_related("subject"), code=str(code).strip().upper())
    result = InspectionResult.objects.filter(task=task).select_related("rectification", "record").first()
    form = request.POST if request.method == "POST" else {}
    if request.method == "POST" and result is None:
        set_channel("web")
        try:
            result = services.record_result(
                plan=found, code=task.code, outcome=form.get("outcome", ""), inspected_on=form.get("inspected_on", ""),
                facts=form.get("facts", ""), files=request.FILES.getlist("files"),
                requirement=form.get("requirement", ""), rectification_days=form.get("rectification_days", ""),
                actor=request.user)
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, "检查结果已录入并公示" + (
                f"，已责令整改（{result.rectification.number}）" if result.rectification_id else ""))
            return redirect("backoffice:inspection-plan", number=found.number)
    if result is not None:
        record_read(actor=request.user, action="inspections.result.read", target=found, detail={"code": task.code})
    return render(request, "inspections/result_form.html", {
        "plan": found, "task": task, "result": result, "form": form, "outcomes": InspectionResult.Outcome.choices,
        "deadline_days": services.RESULT_WORKING_DAYS})


@staff_of_an_organization
def result_file(request, number: str, code: str, attachment_id: int):
    found = _handled_plan(request, number)
    stored = get_object_or_404(ResultAttachment.objects.filter(result__task__plan=found,
                                                               result__task__code=str(code).upper()),
                               pk=attachment_id)
    return evidence_response(stored, actor=request.user, target=found, action="inspections.result.read")


@staff_of_an_organization
def statistics(request):
    """Plans, coverage by grade, results and rectifications on time — a department its own, the credit office and
    auditors the city's."""
    error = ""
    try:
        since, until = statistics_window(request.GET.get("since"), request.GET.get("until"))
    except DomainError as exc:
        error, (since, until) = exc.message, statistics_window(None, None)
    department = None if sees_everything(request.user) else request.user.organization_id
    return render(request, "inspections/statistics.html", {
        "since": since, "until": until, "error": error,
        "inspections": inspection_statistics(since=since, until=until, department_id=department),
        "rectifications": rectification_statistics(since=since, until=until, department_id=department)})


@staff_of_an_organization
def import_file(request):
    """A department uploads its inspectors or matters (CSV); each bad line is shown with its reason."""
    outcome, error, kind = None, "", request.POST.get("kind", "inspectors")
    if request.method == "POST":
        set_channel("web")
        upload = request.FILES.get("file")
        try:
            if upload is None:
                raise DomainError("请选择要导入的 CSV 文件")
            if upload.size > 5 * 1024 * 1024:
                raise DomainError("文件超过 5 MB，请分批导入")
            outcome = import_directory(kind=kind, department=request.user.organization,
                                       rows=rows_of(kind, upload.read()), actor=request.user)
        except DomainError as exc:
            error = exc.message
    return render(request, "inspections/import.html", {
        "outcome": outcome, "error": error, "kind": kind, "kinds": [(key, spec["label"], "、".join(
            aliases[0] for aliases in spec["columns"].values())) for key, spec in KINDS.items()]},
        status=400 if error else 200)
