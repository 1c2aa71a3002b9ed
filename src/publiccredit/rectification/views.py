"""Back-office pages of rectification and interviews (docs/rectification.md): a department's work list, ordering a
rectification, one task with the subject's reports and the department's answers, and recording an interview."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from publiccredit.accounts.access import staff_of_an_organization
from publiccredit.audit.context import set_channel
from publiccredit.audit.services import record_read
from publiccredit.casework.evidence import evidence_response
from publiccredit.collection.models import CreditRecord
from publiccredit.core.errors import DomainError
from publiccredit.lists.models import ListEntry
from publiccredit.subjects.queries import subject_by_code

from . import services
from .models import Interview, RectificationTask, ReportAttachment
from .queries import QUEUE_FILTERS, interviews_handled_by, work_list


def _named_subject(code: str):
    subject = subject_by_code(code)
    if subject is None:
        raise DomainError(f"没有找到代码为“{str(code).strip()}”的信用主体，请核对统一社会信用代码")
    return subject


@staff_of_an_organization
def tasks(request):
    state = request.GET.get("state", "open")
    state = state if state in QUEUE_FILTERS else "open"
    page = Paginator(work_list(request.user, state=state), 50).get_page(request.GET.get("page"))
    return render(request, "rectification/tasks.html", {
        "page": page, "state": state, "filters": QUEUE_FILTERS,
        "interviews": interviews_handled_by(request.user)[:20]})


@staff_of_an_organization
def new_task(request):
    form = request.POST if request.method == "POST" else {}
    if request.method == "POST":
        set_channel("web")
        try:
            subject = _named_subject(form.get("code", ""))
            entry = None
            if form.get("source") == RectificationTask.Source.LISTING:
                entry = (ListEntry.objects.handled_by(request.user).filter(
                    subject=subject, state__in=[ListEntry.State.DECIDED, ListEntry.State.PUBLISHED])
                    .order_by("-id").first())
                if entry is None:
                    raise DomainError("该主体没有本单位经办的已决定列入的名单记录，不能以“列入信用名单”为来源责令整改")
            task = services.open_rectification(
                subject=subject, department=request.user.organization, source=form.get("source", ""),
                problem=form.get("problem", ""), requirement=form.get("requirement", ""),
                working_days=form.get("working_days", ""), list_entry=entry,
                source_reference=form.get("source_reference", "") or (entry.decision_number if entry else ""),
                actor=request.user)
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, f"已责令整改（{task.number}），整改期限{task.due_on:%Y年%m月%d日}，已告知主体")
            return redirect("backoffice:rectification", task_id=task.pk)
    return render(request, "rectification/new_task.html", {
        "form": form, "sources": RectificationTask.Source.choices, "max_days": services.MAX_WORKING_DAYS})


@staff_of_an_organization
def task(request, task_id: int):
    found = get_object_or_404(work_list(request.user, state=""), pk=task_id)
    record_read(actor=request.user, action="rectification.task.read", target=found)
    return render(request, "rectification/task.html", {
        "task": found, "reports": found.reports.select_related("filed_by").prefetch_related("attachments"),
        "interviews": found.interviews.select_related("department"), "kinds": Interview.Kind.choices})


@staff_of_an_organization
@require_POST
def act(request, task_id: int, step: str):
    found = get_object_or_404(work_list(request.user, state=""), pk=task_id)
    set_channel("web")
    note = request.POST.get("note", "")
    try:
        if step == "accept":
            services.answer_report(task=found, accepted=True, note=note, actor=request.user)
            done = "已确认整改到位，已告知主体"
        elif step == "return":
            services.answer_report(task=found, accepted=False, note=note, actor=request.user)
            done = "已退回继续整改，已告知主体"
        elif step == "record-overdue":
            services.record_overdue(task=found, decision_number=request.POST.get("decision_number", ""),
                                    actor=request.user)
            done = "已认定逾期未整改，生成“逾期未整改”信用记录"
        elif step == "interview":
            interview = services.record_interview(
                subject=found.subject, department=request.user.organization, kind=request.POST.get("kind", ""),
                held_on=request.POST.get("held_on", ""), participants=request.POST.get("participants", ""),
                content=request.POST.get("content", ""), undertakings=request.POST.get("undertakings", ""),
                task=found, record=found.record, actor=request.user)
            done = f"约谈记录{interview.number}已记入信用档案"
        else:
            raise Http404
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, done)
    return redirect("backoffice:rectification", task_id=found.pk)


@staff_of_an_organization
def report_file(request, task_id: int, attachment_id: int):
    found = get_object_or_404(work_list(request.user, state=""), pk=task_id)
    stored = get_object_or_404(ReportAttachment.objects.filter(report__task=found), pk=attachment_id)
    return evidence_response(stored, actor=request.user, target=found, action="rectification.task.read")


@staff_of_an_organization
def new_interview(request):
    """An interview not tied to a rectification: about a record the clerk's department delivered (谁认定、谁约谈)."""
    form = request.POST if request.method == "POST" else {}
    if request.method == "POST":
        set_channel("web")
        decision_number = form.get("decision_number", "").strip()
        try:
            subject, record = _named_subject(form.get("code", "")), None
            if decision_number:
                record = (CreditRecord.objects.handled_by(request.user)
                          .filter(subject=subject, decision_number=decision_number).first())
                if record is None:
                    raise DomainError(f"该主体没有本单位报送的文书号为“{decision_number}”的记录")
            interview = services.record_interview(
                subject=subject, department=request.user.organization, kind=form.get("kind", ""),
                held_on=form.get("held_on", ""), participants=form.get("participants", ""),
                content=form.get("content", ""), undertakings=form.get("undertakings", ""), record=record,
                actor=request.user)
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, f"约谈记录{interview.number}已记入信用档案")
            return redirect("backoffice:rectifications")
    return render(request, "rectification/new_interview.html", {"form": form, "kinds": Interview.Kind.choices})
