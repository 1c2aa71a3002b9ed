"""Back-office pages of joint punishment: screen by hand or by file, read results, report back, effect statistics,
and the measure catalog with its memoranda."""

import io

from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from publiccredit.accounts.access import staff_of_an_organization
from publiccredit.accounts.roles import sees_everything
from publiccredit.audit.context import set_channel
from publiccredit.core.errors import DomainError
from publiccredit.core.files import save_upload
from publiccredit.core.spreadsheets import csv_writer

from .forms import FeedbackForm, ScreeningForm, lines_to_subjects
from .models import Matter, ScreeningSubject
from .queries import (
    feedback_by_row,
    finding_of,
    matters_overview,
    measure_catalog,
    memoranda,
    parse_month,
    screening_rows,
    screenings_for,
    statistics,
)
from .services import MAX_API_SUBJECTS, ScreeningRejected, parse_subjects, record_feedback, run_screening
from .tasks import screen_uploaded_file

Status = ScreeningSubject.Status


@staff_of_an_organization
def screenings(request):
    form = ScreeningForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        set_channel("web")
        data = form.cleaned_data
        if data.get("file"):
            job = {"matter_id": data["matter"].pk, "user_id": request.user.pk, "path": save_upload(data["file"]),
                   "original_name": data["file"].name, "reference": data["reference"]}
            if settings.CELERY_BROKER_URL:
                screen_uploaded_file.delay(**job)
                messages.info(request, "文件已提交后台比对，稍后刷新本页查看结果")
                return redirect("backoffice:screenings")
            try:
                screening_id = screen_uploaded_file(**job)
            except DomainError as exc:
                form.add_error("file", exc.message)
            else:
                return redirect("backoffice:screening", screening_id=screening_id)
        else:
            try:
                asks = parse_subjects(lines_to_subjects(data["subjects"]), limit=MAX_API_SUBJECTS, strict=False)
                result = run_screening(matter=data["matter"], asks=asks, actor=request.user,
                                       organization=request.user.organization, channel="web",
                                       reference=data["reference"])
            except ScreeningRejected as exc:
                form.add_error("subjects", exc.message)
            else:
                return redirect("backoffice:screening", screening_id=result.screening.pk)
    page = Paginator(screenings_for(request.user), 30).get_page(request.GET.get("page"))
    return render(request, "sanctions/screenings.html", {"form": form, "page": page})


FILTERS = {"hits": "命中和关联命中", "all": "全部", "not_found": "未匹配或无效"}


@staff_of_an_organization
def screening(request, screening_id: int):
    screening = get_object_or_404(screenings_for(request.user), pk=screening_id)
    shown = request.GET.get("show") or ("hits" if screening.hits or screening.related_hits else "all")
    shown = shown if shown in FILTERS else "all"
    rows = screening_rows(screening, only_hits=shown == "hits")
    if shown == "not_found":
        rows = rows.filter(status__in=[Status.NOT_FOUND, Status.AMBIGUOUS, Status.INVALID])
    page = Paginator(rows, 50).get_page(request.GET.get("page"))
    given = feedback_by_row(page.object_list)
    findings = []
    for row in page.object_list:
        finding = finding_of(row)
        for measure in finding.get("measures", []):
            measure["feedback"] = given.get(row.pk, {}).get(measure["code"])
        findings.append(finding)
    own = screening.organization_id == request.user.organization_id
    return render(request, "sanctions/screening.html", {
        "screening": screening, "page": page, "findings": findings, "filters": FILTERS, "shown": shown,
        "can_report": own})


@staff_of_an_organization
@require_POST
def feedback(request, screening_id: int):
    screening = get_object_or_404(screenings_for(request.user), pk=screening_id)
    form = FeedbackForm(request.POST)
    back = request.POST.get("next") or ""
    if not form.is_valid():
        messages.error(request, "请选择执行情况")
    else:
        set_channel("web")
        try:
            result = record_feedback(screening=screening, actor=request.user, organization=request.user.organization,
                                     items=[{"index": _int(request.POST.get("index")),
                                             "measure": request.POST.get("measure"),
                                             "executed": form.cleaned_data["executed"],
                                             "note": form.cleaned_data["note"]}])
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            if result.errors:
                messages.error(request, result.errors[0]["message"])
            else:
                messages.success(request, "已记录措施执行情况")
    target = f"/backoffice/screening/{screening.pk}/"
    return redirect(target + (back if back.startswith("?") else ""))


def _int(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


@staff_of_an_organization
def screening_csv(request, screening_id: int):
    screening = get_object_or_404(screenings_for(request.user), pk=screening_id)
    buffer = io.StringIO()
    buffer.write("\ufeff")  # Excel opens UTF-8 with a BOM correctly
    writer = csv_writer(buffer)
    writer.writerow(["序号", "查询代码", "查询名称", "比对结果", "主体名称", "主体代码", "名单", "失信记录", "适用措施",
                     "关联命中", "说明"])
    for row in screening_rows(screening).iterator(chunk_size=2000):
        f = finding_of(row)
        subject = f.get("subject") or {}
        writer.writerow([
            row.position + 1, row.query_code, row.query_name, row.get_status_display(), subject.get("name", ""),
            subject.get("code", ""),
            "；".join(f"{e['kind_name']}{'（暂停）' if e['suspended'] else ''}" for e in f.get("list_entries", [])),
            "；".join(f"{r['item']} {r['decision_number']}{'（异议处理中）' if r['objection'] else ''}"
                     for r in f.get("records", [])),
            "；".join(f"{m['code']} {m['name']}{'（暂停执行）' if m['suspended'] else ''}" for m in f.get("measures", [])),
            "；".join(f"{r['relation']} {r['name']}" for r in f.get("related", [])),
            f.get("message") or "；".join(f.get("notes", []))])
    response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="screening-{screening.pk}.csv"'
    return response


@staff_of_an_organization
def effect_report(request):
    try:
        start, end = parse_month(request.GET.get("month"))
    except DomainError as exc:
        messages.error(request, exc.message)
        start, end = parse_month(None)
    sees_all = sees_everything(request.user)
    report = statistics(start=start, end=end, organization=None if sees_all else request.user.organization)
    return render(request, "sanctions/report.html", {"report": report, "month": start.strftime("%Y-%m"),
                                                     "sees_all": sees_all})


@staff_of_an_organization
def catalog(request):
    matter = request.GET.get("matter") or ""
    measures = measure_catalog(matter)
    return render(request, "sanctions/catalog.html", {
        "measures": measures, "memoranda": memoranda(), "matters": matters_overview(), "matter": matter,
        "matter_name": Matter.objects.filter(code=matter).values_list("name", flat=True).first() or ""})
