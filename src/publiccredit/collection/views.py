"""Back-office pages of collection: upload a file, follow batches, download error reports, link records, timeliness."""

from urllib.parse import quote

from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from rest_framework.exceptions import ValidationError

from publiccredit.accounts.access import staff_of_an_organization
from publiccredit.audit.context import set_channel
from publiccredit.core.errors import DomainError
from publiccredit.core.files import save_upload
from publiccredit.subjects.queries import subject_by_code

from .forms import LinkForm, UploadForm
from .models import Batch
from .queries import batches_for, candidates_for, timeliness, unlinked_records
from .reports import error_report_response, parse_period
from .services import link_record
from .tasks import import_uploaded_file


@staff_of_an_organization
def batches(request):
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        job = {"item_id": data["item"].pk, "provider_id": request.user.organization_id, "user_id": request.user.pk,
               "path": save_upload(data["file"]), "original_name": data["file"].name, "dry_run": data["dry_run"],
               "atomic": data["atomic"]}
        if settings.CELERY_BROKER_URL:  # large files are imported on a worker
            import_uploaded_file.delay(**job)
            messages.info(request, "文件已提交后台处理，稍后刷新本页查看结果")
            return redirect("backoffice:collection-batches")
        try:
            batch_id = import_uploaded_file(**job)
        except DomainError as exc:  # unusable file: nothing was written
            form.add_error("file", exc.message)
        else:
            return redirect("backoffice:collection-batch", batch_id=batch_id)
    page = Paginator(batches_for(request.user), 30).get_page(request.GET.get("page"))
    return render(request, "collection/batches.html", {"form": form, "page": page, "batches": page.object_list})


@staff_of_an_organization
def batch_detail(request, batch_id: int):
    batch = get_object_or_404(batches_for(request.user), pk=batch_id)
    errors = Paginator(batch.errors.all(), 100).get_page(request.GET.get("page"))
    return render(request, "collection/batch_detail.html", {"batch": batch, "errors": errors,
                                                            "listed_limit": settings.MAX_LISTED_ERRORS})


@staff_of_an_organization
def batch_source(request, batch_id: int):
    """The file as the department sent it, decrypted for this download only (an audited read)."""
    from django.http import Http404, StreamingHttpResponse

    from .sources import source_blocks

    batch = get_object_or_404(batches_for(request.user), pk=batch_id)
    if not batch.source_file:
        raise Http404("原始文件未保存或已超过保存期限被删除")
    response = StreamingHttpResponse(source_blocks(batch=batch, actor=request.user),
                                     content_type="application/octet-stream")
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(batch.file_name)}"
    return response


@staff_of_an_organization
def batch_errors(request, batch_id: int):
    return error_report_response(get_object_or_404(batches_for(request.user), pk=batch_id))


@staff_of_an_organization
def stats(request):
    try:
        period = parse_period(request.GET)
    except ValidationError:
        messages.error(request, "日期格式应为 YYYY-MM-DD，已忽略日期条件")
        period = {}
    return render(request, "collection/stats.html", {"stats": timeliness(**period, viewer=request.user), "period": request.GET})


@staff_of_an_organization
def unlinked(request):
    page = Paginator(unlinked_records(request.user).order_by("-id"), 50).get_page(request.GET.get("page"))
    return render(request, "collection/unlinked.html", {"page": page, "records": page.object_list})


@staff_of_an_organization
def unlinked_detail(request, record_id: int):
    record = get_object_or_404(unlinked_records(request.user), pk=record_id)
    form = LinkForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        subject = subject_by_code(form.cleaned_data["subject_code"])
        if subject is None:
            form.add_error("subject_code", "主体库中没有这个代码的主体")
        else:
            set_channel("web")
            try:
                link_record(record=record, subject=subject, actor=request.user, reason=form.cleaned_data["reason"])
            except DomainError as exc:
                form.add_error(None, exc.message)
            else:
                messages.success(request, f"已将记录关联到 {subject.public_name}")
                return redirect("backoffice:collection-unlinked")
    return render(request, "collection/unlinked_detail.html",
                  {"record": record, "candidates": candidates_for(record), "form": form,
                   "statuses": Batch.Status})
