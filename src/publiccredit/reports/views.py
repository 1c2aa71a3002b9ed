"""Pages of credit reports (docs/reports.md): a bound account orders and downloads its reports at /account/reports/;
anyone verifies one at /reports/verify/ — by uploading the PDF or by its number and verification code; a subject
authorises credit service agencies at /account/authorisations/ and an agency queries within them at /agency/."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render

from publiccredit.accounts.roles import Role
from publiccredit.audit.context import set_channel
from publiccredit.core.documents import file_download
from publiccredit.core.errors import DomainError
from publiccredit.core.errors import PermissionDenied as DomainPermissionDenied
from publiccredit.subjects.queries import subject_by_code

from . import services, signing
from .models import Authorisation, CreditReport

LOGIN_URL = "/account/login/"


@login_required(login_url=LOGIN_URL)
def own(request):
    if not request.user.subject_id:
        raise PermissionDenied
    form = request.POST if request.method == "POST" else {}
    if request.method == "POST":
        set_channel("web")
        try:
            issued = services.issue_report(
                subject=request.user.subject, kind=form.get("kind", ""), actor=request.user,
                channel=CreditReport.Channel.PORTAL, domains=form.getlist("domains"), since=form.get("since", ""),
                until=form.get("until", ""), purpose=form.get("purpose", ""))
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, f"已出具报告 {issued.report.number}，核验码 {issued.code}（已印在报告上）")
            return redirect("/account/reports/")
    return render(request, "reports/own.html", {
        "subject": request.user.subject, "reports": services.own_reports(request.user)[:50],
        "domains": services.report_domains(), "form": form,
        "chosen": form.getlist("domains") if hasattr(form, "getlist") else []})


@login_required(login_url=LOGIN_URL)
def download(request, number: str, part: str):
    report = get_object_or_404(CreditReport, number=number.upper())
    try:
        data = services.read_report(report=report, actor=request.user, part=part)
    except DomainError as exc:
        raise PermissionDenied(exc.message) from None
    return file_download(data, filename=f"{report.number}.{services.SUFFIXES[part]}",
                         content_type=services.CONTENT_TYPES[part])


def verify(request):
    """核验: upload the PDF, or type the number and the code; the answer says valid, altered, unknown or expired."""
    result, status = None, 200
    if request.method == "POST":
        set_channel("web")
        try:
            result = services.verify_submission(upload=request.FILES.get("file"),
                                                number=request.POST.get("number", ""),
                                                code=request.POST.get("code", ""))
        except DomainError as exc:
            messages.error(request, exc.message)
            status = 400
    return render(request, "reports/verify.html", {
        "result": result.as_dict() if result else None, "number": request.GET.get("number", ""),
        "distid": signing.DISTINGUISHING_ID}, status=status)


@login_required(login_url=LOGIN_URL)
def authorisations(request):
    """The subject's authorisations of credit service agencies: grant, revoke, and every query made under them."""
    if not request.user.subject_id:
        raise PermissionDenied
    form = request.POST if request.method == "POST" else {}
    if request.method == "POST":
        set_channel("web")
        try:
            if form.get("revoke"):
                authorisation = get_object_or_404(services.authorisations_of(request.user.subject_id),
                                                  pk=form.get("revoke"))
                services.revoke_authorisation(user=request.user, authorisation=authorisation)
                messages.success(request, f"已撤销对{authorisation.agency.name}的授权")
            else:
                authorisation = services.grant_authorisation(
                    user=request.user, agency_code=form.get("agency", ""), scope=form.get("scope", ""),
                    purpose=form.get("purpose", ""), until=form.get("until", ""))
                messages.success(request, f"已授权{authorisation.agency.name}（至{authorisation.valid_until:%Y年%m月%d日}）")
        except DomainError as exc:
            messages.error(request, exc.message)
        return redirect("/account/authorisations/")
    return render(request, "reports/authorisations.html", {
        "subject": request.user.subject, "agencies": services.agencies(),
        "authorisations": services.authorisations_of(request.user.subject_id),
        "queries": services.queries_of(request.user.subject_id)[:100], "scopes": Authorisation.Scope.choices})


@login_required(login_url=LOGIN_URL)
def agency(request):
    """A credit service agency's page: the subjects that authorised it, and the authorised query itself."""
    user = request.user
    if user.role != Role.AGENCY or not user.organization_id:
        raise PermissionDenied
    result, status = None, 200
    code = request.POST.get("code", "") if request.method == "POST" else ""
    if request.method == "POST":
        set_channel("web")
        try:
            subject = subject_by_code(code)
            if subject is None:
                raise DomainError(f"没有找到代码为“{code.strip()}”的信用主体")
            result = services.agency_query(actor=user, subject=subject)
        except DomainError as exc:
            messages.error(request, exc.message)
            status = 403 if isinstance(exc, DomainPermissionDenied) else 400
    granted = (Authorisation.objects.filter(agency_id=user.organization_id, state=Authorisation.State.ACTIVE)
               .select_related("subject").order_by("valid_until"))
    return render(request, "reports/agency.html", {"agency": user.organization, "result": result, "code": code,
                                                   "granted": granted}, status=status)
