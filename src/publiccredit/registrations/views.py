"""Back-office pages of voluntary registrations: the competent department's verification queue, one registration
with its evidence and the decision forms (docs/registrations.md)."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from publiccredit.accounts.access import staff_of_an_organization
from publiccredit.audit.context import set_channel
from publiccredit.audit.services import record_read
from publiccredit.casework.evidence import evidence_response
from publiccredit.core.errors import DomainError

from . import services
from .queries import QUEUE_FILTERS, verification_queue


@staff_of_an_organization
def queue(request):
    state = request.GET.get("state", "submitted")
    state = state if state in QUEUE_FILTERS else "submitted"
    page = Paginator(verification_queue(request.user, state=state), 50).get_page(request.GET.get("page"))
    return render(request, "registrations/queue.html", {"page": page, "state": state, "filters": QUEUE_FILTERS})


@staff_of_an_organization
def detail(request, registration_id: int):
    registration = get_object_or_404(verification_queue(request.user, state=""), pk=registration_id)
    record_read(actor=request.user, action="registrations.registration.read", target=registration)
    return render(request, "registrations/detail.html", {
        "registration": registration, "steps": registration.steps.select_related("actor"),
        "attachments": registration.attachments.all()})


@staff_of_an_organization
@require_POST
def act(request, registration_id: int, step: str):
    registration = get_object_or_404(verification_queue(request.user, state=""), pk=registration_id)
    set_channel("web")
    reason = request.POST.get("reason", "")
    try:
        if step == "verify":
            services.verify_registration(registration=registration, actor=request.user, note=reason)
        elif step == "reject":
            services.reject_registration(registration=registration, actor=request.user, reason=reason)
        elif step == "find-false":
            services.find_false(registration=registration, actor=request.user, reason=reason,
                                decision_number=request.POST.get("decision_number", ""))
        else:
            raise Http404
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, "已处理，结果已告知主体")
    return redirect("backoffice:registration", registration_id=registration.pk)


@staff_of_an_organization
def attachment(request, registration_id: int, attachment_id: int):
    registration = get_object_or_404(verification_queue(request.user, state=""), pk=registration_id)
    stored = get_object_or_404(registration.attachments, pk=attachment_id)
    return evidence_response(stored, actor=request.user, target=registration,
                             action="registrations.attachment.read")
