"""Back-office pages of objections: the providing department's queue with deadlines, one objection with the
decision form."""


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
from publiccredit.core.errors import DomainError

from . import services
from .models import Objection
from .queries import is_overdue, objection_queue

FILTERS = {"open": "处理中", "review": "复核中", "corrected": "已更正", "withdrawn": "已撤销记录",
           "upheld": "维持原记录", "rejected": "不予受理", "": "全部"}


@staff_of_an_organization
def queue(request):
    state = request.GET.get("state", "open")
    state = state if state in FILTERS else "open"
    page = Paginator(objection_queue(request.user, state=state), 50).get_page(request.GET.get("page"))
    today = timezone.localdate()
    return render(request, "objections/queue.html", {
        "page": page, "rows": [(o, is_overdue(o, today)) for o in page.object_list], "state": state,
        "filters": FILTERS})


@staff_of_an_organization
def detail(request, objection_id: int):
    objection = get_object_or_404(objection_queue(request.user), pk=objection_id)
    record_read(actor=request.user, action="objections.objection.read", target=objection)
    return render(request, "objections/detail.html", {
        "objection": objection, "steps": objection.steps.select_related("actor"),
        "attachments": objection.attachments.all(), "overdue": is_overdue(objection),
        "can_decide": objection.provider_id == request.user.organization_id,
        "can_review": request.user.has_perm("objections.review_objection") and objection.under_review,
        "review_outcomes": Objection.ReviewOutcome.choices,
        "outcomes": [(value, label) for value, label in Objection.State.choices if value in Objection.OUTCOMES]})


@staff_of_an_organization
@require_POST
def act(request, objection_id: int, step: str):
    objection = get_object_or_404(objection_queue(request.user), pk=objection_id)
    set_channel("web")
    reason = request.POST.get("reason", "")
    try:
        if step == "accept":
            services.accept_objection(objection=objection, actor=request.user, organization=request.user.organization)
        elif step == "decide":
            services.decide_objection(objection=objection, outcome=request.POST.get("outcome", ""), reason=reason,
                                      actor=request.user, organization=request.user.organization)
        elif step == "reject":
            services.reject_objection(objection=objection, reason=reason, actor=request.user,
                                      organization=request.user.organization)
        elif step == "review":
            if not request.user.has_perm("objections.review_objection"):
                raise PermissionDenied
            services.decide_review(objection=objection, outcome=request.POST.get("outcome", ""), reason=reason,
                                   actor=request.user)
        else:
            raise Http404
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, "已处理，结果已告知提出人（可凭编号和查询码查看）")
    return redirect("backoffice:objection", objection_id=objection.pk)


@staff_of_an_organization
def attachment(request, objection_id: int, attachment_id: int):
    objection = get_object_or_404(objection_queue(request.user), pk=objection_id)
    stored = get_object_or_404(objection.attachments, pk=attachment_id)
    return evidence_response(stored, actor=request.user, target=objection, action="objections.attachment.read")
