"""Pages of credit reports (docs/reports.md): a bound account orders and downloads its reports at /account/reports/;
anyone verifies one at /reports/verify/ — by uploading the PDF or by its number and verification code."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from publiccredit.audit.context import set_channel
from publiccredit.core.errors import DomainError

from . import services, signing
from .models import CreditReport

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
    response = HttpResponse(data, content_type="application/pdf" if part == "pdf" else "application/octet-stream")
    response["Content-Disposition"] = f'attachment; filename="{report.number}.{"pdf" if part == "pdf" else "pdf.sig"}"'
    return response


def verify(request):
    """核验: upload the PDF, or type the number and the code; the answer says valid, altered, unknown or expired."""
    result, status = None, 200
    if request.method == "POST":
        set_channel("web")
        upload = request.FILES.get("file")
        try:
            if upload is not None:
                if upload.size > 20 * 1024 * 1024:
                    raise DomainError("文件超过20MB，不是本平台出具的信用报告")
                result = services.verify_file(data=upload.read())
            elif request.POST.get("number") and request.POST.get("code"):
                result = services.verify_by_code(number=request.POST["number"], code=request.POST["code"])
            else:
                raise DomainError("请上传报告文件，或填写报告编号和核验码")
        except DomainError as exc:
            messages.error(request, exc.message)
            status = 400
    return render(request, "reports/verify.html", {
        "result": result.as_dict() if result else None, "number": request.GET.get("number", ""),
        "distid": signing.DISTINGUISHING_ID}, status=status)
