from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render

from publiccredit.accounts.access import staff_of_an_organization
from publiccredit.casework.queries import statistics_window
from publiccredit.collection.queries import batches_for, unlinked_records
from publiccredit.core.errors import DomainError
from publiccredit.evaluation.queries import grade_distribution, latest_runs, published_models
from publiccredit.evaluation.services import MAX_ATTEMPTS
from publiccredit.lists.models import ListEntry
from publiccredit.publicity.models import Article
from publiccredit.publicity.queries import public_ref
from publiccredit.publicity.services import publish_article
from publiccredit.rectification.queries import typical_case, work_list
from publiccredit.subjects.queries import subject_by_code


@staff_of_an_organization
def dashboard(request):
    return render(request, "backoffice/dashboard.html", {
        "batches": batches_for(request.user)[:10],
        "unlinked": unlinked_records(request.user).count(),
        "lists_waiting": ListEntry.objects.handled_by(request.user).filter(
            state__in=["proposed", "notified", "decided"]).count(),
        **_remedy_counts(request.user),
    })


def _remedy_counts(user) -> dict:
    """Open and overdue repairs and objections the user's office must act on (overdue alerts on the dashboard)."""
    from django.utils import timezone

    from publiccredit.objections.queries import objection_queue
    from publiccredit.repair.queries import repair_queue

    today = timezone.localdate()
    repairs = repair_queue(user, state="open")
    objections = objection_queue(user, state="open")
    return {"repairs_open": repairs.count(),
            "repairs_overdue": repairs.filter(state__in=["submitted", "accepted"], decide_by__lt=today).count(),
            "objections_open": objections.count(),
            "objections_overdue": objections.filter(decide_by__lt=today).count()}


@staff_of_an_organization
def remedy_statistics(request):
    """Repairs and objections handled in a period, side by side (the credit office's monitoring page)."""
    from publiccredit.objections.queries import objection_statistics
    from publiccredit.repair.queries import repair_statistics

    error = ""
    try:
        since, until = statistics_window(request.GET.get("since"), request.GET.get("until"))
    except DomainError as exc:
        error, (since, until) = exc.message, statistics_window(None, None)
    return render(request, "backoffice/remedy_statistics.html", {
        "repairs": repair_statistics(since=since, until=until), "error": error,
        "objections": objection_statistics(since=since, until=until), "since": since, "until": until})


@staff_of_an_organization
def overview(request):
    """信用评价 in the back office: each published model's grade distribution, the latest runs with their progress,
    and a subject's grade with its explanation (its credit file as a department sees it)."""
    code = request.GET.get("code", "").strip()
    if code:
        subject = subject_by_code(code)
        if subject is not None:
            return redirect(f"/credit/{public_ref(subject)}/#evaluation")
        messages.error(request, f"没有找到代码为“{code}”的信用主体，请核对统一社会信用代码或身份证号码")
    return render(request, "backoffice/evaluation.html", {
        "models": [(model, grade_distribution(model)) for model in published_models()],
        "runs": latest_runs(), "max_attempts": MAX_ATTEMPTS})


@staff_of_an_organization
def publish_case(request, task_id: int):
    """典型案例: the credit office publishes a rectification as a case article — drafted from the task, edited here,
    published through the 诚信宣传 service (docs/rectification.md)."""
    if not request.user.has_perm("publicity.add_article"):
        raise PermissionDenied("只有信用主管部门可以发布典型案例")
    task = get_object_or_404(work_list(request.user, state=""), pk=task_id)
    draft = typical_case(task)
    if request.method == "POST":
        try:
            article = publish_article(kind=Article.Kind.CASE, title=request.POST.get("title", "").strip(),
                                      body=request.POST.get("body", "").strip(), source=draft["source"],
                                      summary=request.POST.get("summary", "").strip()[:300], actor=request.user)
        except ValidationError as exc:
            messages.error(request, "；".join(f"{message}" for messages_ in exc.message_dict.values()
                                             for message in messages_))
            draft = {**draft, **{key: request.POST.get(key, "") for key in ("title", "summary", "body")}}
        else:
            messages.success(request, "典型案例已发布")
            return redirect(f"/news/{article.pk}/")
    return render(request, "backoffice/publish_case.html", {"task": task, "draft": draft})
