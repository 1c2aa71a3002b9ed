"""Pages of credit commitments (docs/commitments.md): the website's 信用承诺专栏 (templates and public commitments),
the bound account's signing page, and the back office's work list with window signing, the matter's decision and the
determination of fulfilment."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from publiccredit.accounts.access import staff_of_an_organization
from publiccredit.audit.context import set_channel
from publiccredit.audit.services import record_read
from publiccredit.core.audience import Audience
from publiccredit.core.errors import DomainError
from publiccredit.organizations.models import Organization
from publiccredit.subjects.queries import subject_by_code

from . import services
from .models import Commitment
from .queries import WORK_FILTERS, column, green_channel_work, present_commitment, present_template, published_templates, work_list

LOGIN_URL = "/account/login/"


def public_column(request):
    page = Paginator(column(), 30).get_page(request.GET.get("page"))
    return render(request, "commitments/column.html", {
        "templates": [present_template(t) for t in published_templates()], "page": page,
        "rows": [present_commitment(c, Audience.PUBLIC) for c in page.object_list]})


@login_required(login_url=LOGIN_URL)
def own(request):
    """A bound account signs a template for its subject, and withdraws what is not yet decided."""
    if not request.user.subject_id:
        raise PermissionDenied
    subject = request.user.subject
    error, status = "", 200
    if request.method == "POST":
        set_channel("web")
        try:
            if request.POST.get("agree") != "on":
                raise DomainError("请阅读承诺内容并勾选“本单位自愿作出以上承诺”")
            template = services.template_by_code(request.POST.get("template", ""))
            if template.department.kind == Organization.Kind.ASSOCIATION:
                raise DomainError(f"“{template.title}”是{template.department.name}的行业自律承诺，请会员单位在"
                                  "“我的行业协会”页面签署", field="template")
            commitment = services.sign_commitment(
                template=template, subject=subject,
                actor=request.user, channel=Commitment.Channel.PORTAL,
                case_reference=request.POST.get("case_reference", ""))
        except DomainError as exc:
            error, status = exc.message, 400
        else:
            messages.success(request, f"已作出承诺，承诺编码 {commitment.number}")
            return redirect("/account/commitments/")
    mine = Commitment.objects.restrict(request.user).filter(subject=subject).select_related("template", "department")
    return render(request, "commitments/own.html", {
        "subject": subject, "templates": published_templates().exclude(department__kind=Organization.Kind.ASSOCIATION),
        "error": error, "commitments": mine,
        "chosen": request.POST.get("template") or request.GET.get("template", "")}, status=status)


@login_required(login_url=LOGIN_URL)
@require_POST
def own_withdraw(request, commitment_id: int):
    commitment = get_object_or_404(Commitment.objects.restrict(request.user).filter(subject_id=request.user.subject_id
                                                                                      or -1), pk=commitment_id)
    set_channel("web")
    try:
        services.withdraw_commitment(commitment=commitment, actor=request.user)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, f"承诺 {commitment.number} 已撤回")
    return redirect("/account/commitments/")


@staff_of_an_organization
def work(request):
    state = request.GET.get("state", "")
    state = state if state in Commitment.State.values or state in WORK_FILTERS else ""
    page = Paginator(work_list(request.user, state=state), 50).get_page(request.GET.get("page"))
    form = request.POST if request.method == "POST" else {}
    if request.method == "POST":  # 窗口签署: the applicant signs on paper, the clerk enters it
        set_channel("web")
        try:
            subject = subject_by_code(form.get("code", ""))
            if subject is None:
                raise DomainError(f"没有找到代码为“{form.get('code', '').strip()}”的信用主体")
            commitment = services.sign_commitment(
                template=services.template_by_code(form.get("template", "")), subject=subject, actor=request.user,
                channel=Commitment.Channel.WINDOW, case_reference=form.get("case_reference", ""))
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, f"已受理承诺 {commitment.number}")
            return redirect("backoffice:commitment", commitment_id=commitment.pk)
    templates = published_templates() if request.user.is_superuser else published_templates().filter(
        department_id=request.user.organization_id)
    return render(request, "commitments/work.html", {
        "page": page, "state": state, "states": [*Commitment.State.choices, *WORK_FILTERS.items()], "templates": templates,
        "form": form,
        "decisions": green_channel_work(request.user).filter(state="awaiting")[:50]})


@staff_of_an_organization
@require_POST
def green_channel_act(request, decision_id: int, step: str):
    decision = get_object_or_404(green_channel_work(request.user), pk=decision_id)
    if step not in ("supplied", "lapsed"):
        raise Http404
    set_channel("web")
    try:
        services.record_supply(decision=decision, supplied=step == "supplied", actor=request.user)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, "已记录补齐材料" if step == "supplied" else "已记录逾期未补齐，终止办理并记入违诺")
    return redirect("backoffice:commitments")


@staff_of_an_organization
def detail(request, commitment_id: int):
    commitment = get_object_or_404(work_list(request.user), pk=commitment_id)
    record_read(actor=request.user, action="commitments.commitment.read", target=commitment)
    return render(request, "commitments/detail.html", {"commitment": commitment,
                                                       "fulfilments": Commitment.Fulfilment.choices[1:]})


@staff_of_an_organization
@require_POST
def act(request, commitment_id: int, step: str):
    commitment = get_object_or_404(work_list(request.user), pk=commitment_id)
    set_channel("web")
    try:
        if step == "decide":
            services.decide_matter(commitment=commitment, actor=request.user)
        elif step == "fulfilment":
            services.record_fulfilment(commitment=commitment, fulfilment=request.POST.get("fulfilment", ""),
                                       unfulfilled=request.POST.get("unfulfilled", ""),
                                       pursued=request.POST.get("pursued", ""), actor=request.user)
        elif step == "withdraw":
            services.withdraw_commitment(commitment=commitment, actor=request.user)
        else:
            raise Http404
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, "已办理")
    return redirect("backoffice:commitment", commitment_id=commitment.pk)
