"""Back-office pages of credit repair: the queue with deadlines and overdue marks, one application with its
evidence, history and the next step, acknowledgement by the deciding department, statistics."""


from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from publiccredit.accounts.access import staff_of_an_organization
from publiccredit.audit.context import set_channel
from publiccredit.audit.services import record_read
from publiccredit.casework.evidence import evidence_response
from publiccredit.core.audience import Audience
from publiccredit.core.documents import pdf_response
from publiccredit.core.errors import DomainError
from publiccredit.education.queries import repair_route_completions

from . import services
from .documents import decision_document
from .models import RepairSettings
from .queries import is_overdue, repair_queue

FILTERS = {"open": "办理中", "to_acknowledge": "待认定部门确认", "approved": "准予修复", "refused": "不予修复",
           "returned": "退回补正", "": "全部"}


@staff_of_an_organization
def queue(request):
    state = request.GET.get("state", "open")
    state = state if state in FILTERS else "open"
    page = Paginator(repair_queue(request.user, state=state), 50).get_page(request.GET.get("page"))
    today = timezone.localdate()
    rows = [(a, is_overdue(a, today)) for a in page.object_list]
    return render(request, "repair/queue.html", {"page": page, "rows": rows, "state": state, "filters": FILTERS,
                                                 "can_handle": request.user.has_perm("repair.handle_repair")})


@staff_of_an_organization
def detail(request, application_id: int):
    application = get_object_or_404(repair_queue(request.user), pk=application_id)
    record_read(actor=request.user, action="repair.application.read", target=application)
    return render(request, "repair/detail.html", {
        "application": application, "steps": application.steps.select_related("actor"),
        "attachments": application.attachments.all(), "overdue": is_overdue(application),
        "can_handle": request.user.has_perm("repair.handle_repair"),
        "can_acknowledge": application.record.provider_id == request.user.organization_id,
        # the 专题培训 route (docs/education.md): shown when taken, never asked for
        "training": repair_route_completions(application.subject_id, since=application.record.decision_date)})


STEPS = {"accept", "return", "resubmit", "approve", "refuse", "acknowledge"}


@staff_of_an_organization
@require_POST
def act(request, application_id: int, step: str):
    application = get_object_or_404(repair_queue(request.user), pk=application_id)
    if step not in STEPS:
        raise Http404
    if step == "acknowledge":
        if application.record.provider_id != request.user.organization_id:
            raise PermissionDenied
    elif not request.user.has_perm("repair.handle_repair"):
        raise PermissionDenied
    set_channel("web")
    reason = request.POST.get("reason", "")
    try:
        if step == "accept":
            services.accept_application(application=application, actor=request.user)
        elif step == "return":
            services.return_application(application=application, reason=reason, actor=request.user)
        elif step == "resubmit":  # the applicant brought the material to the window
            services.resubmit_application(application=application, statement=request.POST.get("statement", ""),
                                          files=request.FILES.getlist("files"), actor=request.user)
        elif step == "approve":
            services.approve_application(application=application, reason=reason, actor=request.user)
        elif step == "refuse":
            services.refuse_application(application=application, reason=reason, actor=request.user)
        else:
            services.acknowledge_result(application=application, actor=request.user)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, "已办理")
    return redirect("backoffice:repair", application_id=application.pk)


@staff_of_an_organization
def attachment(request, application_id: int, attachment_id: int):
    application = get_object_or_404(repair_queue(request.user), pk=application_id)
    stored = get_object_or_404(application.attachments, pk=attachment_id)
    return evidence_response(stored, actor=request.user, target=application, action="repair.attachment.read")


@staff_of_an_organization
def repair_rights_notice(request, record_id: int, as_pdf: bool = False):
    """信用修复告知书, delivered with the penalty decision (两书同达): when and how the record can be repaired."""
    from publiccredit.collection.queries import records_for

    record = get_object_or_404(records_for(request.user).filter(item__nature="negative"), pk=record_id)
    settings_row = RepairSettings.current()
    html = render(request, "repair/rights_notice.html", {
        "record": record, "settings": settings_row, "today": timezone.localdate(),
        # the printed notice names the configured public address, not whichever host the clerk reached
        "portal": settings.SITE_URL.rstrip("/") + "/account/"})
    if not as_pdf:
        return html
    return pdf_response(html, request, filename=f"repair-notice-{record.pk}.pdf")


@staff_of_an_organization
def repair_rights_notice_pdf(request, record_id: int):
    return repair_rights_notice(request, record_id, as_pdf=True)


@staff_of_an_organization
def decision(request, application_id: int, as_pdf: bool = False):
    application = get_object_or_404(repair_queue(request.user), pk=application_id)
    record_read(actor=request.user, action="repair.application.read", target=application, detail={"document": "decision"})
    return decision_document(request, application, back=f"/backoffice/repairs/{application.pk}/",
                             pdf=f"/backoffice/repairs/{application.pk}/decision.pdf", as_pdf=as_pdf)


@staff_of_an_organization
def decision_pdf(request, application_id: int):
    return decision(request, application_id, as_pdf=True)


@staff_of_an_organization
def on_behalf(request):
    """The one window files an application for a subject that came in person (窗口代办)."""
    if not request.user.has_perm("repair.handle_repair"):
        raise PermissionDenied
    from publiccredit.collection.models import CreditRecord
    from publiccredit.subjects.queries import subject_by_code

    code = (request.POST.get("code") or request.GET.get("code") or "").strip()
    subject = subject_by_code(code) if code else None
    records, error = [], None
    if subject is not None:
        # the records the subject itself could apply for: what it sees of its own file
        records = [(r, services.repair_problems(r)) for r in CreditRecord.objects.visible_to(Audience.SUBJECT).filter(
            subject=subject, item__nature="negative").select_related("item", "provider").order_by("-decision_date")[:100]]
    elif code:
        error = f"没有找到代码为“{code[:30]}”的信用主体"
    values = request.POST if request.method == "POST" else {"applicant_name": subject.name if subject else ""}
    if request.method == "POST" and subject is not None:
        set_channel("web")
        record = next((r for r, _ in records if str(r.pk) == request.POST.get("record")), None)
        try:
            if record is None:
                raise DomainError("请选择要修复的信用记录")
            application, query_code = services.apply_for_repair(
                record=record, applicant=services.Applicant.from_form(values),
                statement=values.get("statement", ""), commitment_accepted=values.get("commitment") == "on",
                files=request.FILES.getlist("files"), actor=request.user, channel="backoffice")
        except DomainError as exc:
            error = exc.message
        else:
            messages.success(request, f"已代为提交 {application.number}，请将查询码 {query_code} 告知申请人（只显示这一次）")
            return redirect("backoffice:repair", application_id=application.pk)
    return render(request, "repair/on_behalf.html", {"code": code, "subject": subject, "records": records,
                                                     "values": values, "error": error,
                                                     "commitment": services.COMMITMENT_TEXT})
