"""Reads of rectification and interviews (docs/rectification.md): the credit file's section, the back office's
work list, a subject's own tasks, and the statistics. Reader-facing reads start from ``visible_to``, ``restrict`` or
``handled_by``."""

import datetime as dt

from django.db.models import Count, F, Q, QuerySet
from django.utils import timezone

from publiccredit.core.audience import Audience

from .models import Interview, RectificationTask
from .visibility import shows_details

State = RectificationTask.State
QUEUE_FILTERS = {"open": "整改中", "reported": "待确认", "overdue": "逾期未整改", "completed": "已完成", "": "全部"}


def work_list(user, *, state: str = "open") -> QuerySet:
    tasks = RectificationTask.objects.handled_by(user).select_related("subject", "department")
    return tasks.filter(state=state) if state else tasks


def interviews_handled_by(user) -> QuerySet:
    return Interview.objects.handled_by(user).select_related("subject", "department", "task")


def tasks_of_account(user) -> list[RectificationTask]:
    """The rectifications of the subject a portal account is bound to, open ones first (its account page)."""
    subject_id = getattr(user, "subject_id", None)
    if not subject_id:
        return []
    return list(RectificationTask.objects.restrict(user).filter(subject_id=subject_id)
                .select_related("department").prefetch_related("reports")
                .order_by(F("concluded_on").desc(nulls_first=True), "due_on"))


def present_task(task: RectificationTask, audience: Audience) -> dict:
    shown = {"number": task.number, "department": task.department.name, "source": task.get_source_display(),
             "issued_on": task.issued_on, "due_on": task.due_on, "working_days": task.working_days,
             "state": task.state, "state_label": task.get_state_display(), "concluded_on": task.concluded_on,
             "problem": task.problem, "requirement": task.requirement}
    if shows_details(audience):
        shown["conclusion"] = task.conclusion
        shown["reports"] = [{"filed_at": r.filed_at, "text": r.text, "answer": r.get_answer_display(),
                             "answer_note": r.answer_note} for r in task.reports.all()]
    return shown


def present_interview(interview: Interview, audience: Audience) -> dict:
    shown = {"number": interview.number, "kind": interview.kind, "kind_label": interview.get_kind_display(),
             "department": interview.department.name, "held_on": interview.held_on,
             "task": interview.task.number if interview.task_id else ""}
    if shows_details(audience):
        shown.update(participants=interview.participants, content=interview.content,
                     undertakings=interview.undertakings)
    return shown


def file_section(subject, audience: Audience, *, limit: int = 50) -> dict:
    """The credit file's 整改与约谈 section as ``audience`` sees it."""
    tasks = (RectificationTask.objects.visible_to(audience).filter(subject=subject).select_related("department")
             .prefetch_related("reports").order_by("-issued_on", "-id"))
    interviews = (Interview.objects.visible_to(audience).filter(subject=subject).select_related("department", "task")
                  .order_by("-held_on", "-id"))
    return {"tasks": [present_task(task, audience) for task in tasks[:limit]],
            "interviews": [present_interview(interview, audience) for interview in interviews[:limit]],
            "details": shows_details(audience)}


def rectification_statistics(*, since: dt.date, until: dt.date, department_id: int | None = None) -> dict:
    """Rectifications ordered in [since, until]: by state, finished on time (confirmed by the deadline), overdue;
    interviews held in the window by kind."""
    # figures, never rows: counted over everything, then narrowed to the asking department
    tasks = RectificationTask.objects.visible_to(Audience.CREDIT_OFFICE).filter(issued_on__gte=since,
                                                                                 issued_on__lte=until)
    interviews = Interview.objects.visible_to(Audience.CREDIT_OFFICE).filter(held_on__gte=since, held_on__lte=until)
    if department_id is not None:
        tasks, interviews = tasks.filter(department_id=department_id), interviews.filter(department_id=department_id)
    today = timezone.localdate()
    figures = tasks.aggregate(
        ordered=Count("pk"),
        completed=Count("pk", filter=Q(state=State.COMPLETED)),
        on_time=Count("pk", filter=Q(state=State.COMPLETED, concluded_on__lte=F("due_on"))),
        open=Count("pk", filter=Q(state__in=[State.OPEN, State.REPORTED], due_on__gte=today)),
        overdue=Count("pk", filter=Q(state=State.OVERDUE) | Q(state__in=[State.OPEN, State.REPORTED],
                                                              due_on__lt=today)),
        recorded_overdue=Count("pk", filter=Q(overdue_record__isnull=False)))
    kinds = dict(interviews.values_list("kind").annotate(n=Count("pk")).order_by())
    concluded = figures["completed"]
    return {**figures, "on_time_rate": round(figures["on_time"] / concluded, 4) if concluded else None,
            "by_source": {label: n for source, label in RectificationTask.Source.choices
                          if (n := tasks.filter(source=source).count())},
            "interviews": {label: kinds.get(kind, 0) for kind, label in Interview.Kind.choices}}


def typical_case(task: RectificationTask) -> dict:
    """A draft 典型案例 article from a concluded rectification (the credit office edits and publishes it): what was
    found, what was ordered, the interviews and how it ended, naming the enterprise as its public file does."""
    subject = task.subject
    interviews = list(task.interviews.order_by("held_on"))
    paragraphs = [
        f"{task.issued_on:%Y年%m月}，{task.department.name}在{task.get_source_display()}中发现{subject.name}存在以下问题："
        f"{task.problem}",
        f"{task.department.name}依法责令其在{task.working_days}个工作日内整改：{task.requirement}",
        *[f"{i.held_on:%Y年%m月%d日}，{i.department.name}对该企业进行了{i.get_kind_display()}，企业承诺：{i.undertakings}"
          for i in interviews],
    ]
    if task.state == State.COMPLETED:
        paragraphs.append(f"{task.concluded_on:%Y年%m月%d日}，经核查整改到位。{task.conclusion}")
        title = f"{subject.name}按期整改到位"
    elif task.overdue_record_id:
        paragraphs.append(f"该企业逾期未按要求整改，{task.department.name}依法认定并记入“逾期未整改”信用记录，"
                          "按规定拟列入重点关注名单，实施重点监管。")
        title = f"{subject.name}逾期未整改被记入信用记录"
    else:
        paragraphs.append("目前整改仍在进行中。")
        title = f"{subject.name}被责令整改"
    paragraphs.append("守信者处处受益、失信者处处受限。市场主体应当依法诚信经营，对监管部门发现的问题及时整改。")
    return {"title": title, "summary": paragraphs[0][:300], "body": "\n\n".join(paragraphs),
            "source": task.department.name}
