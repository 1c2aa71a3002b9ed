"""Rectification and interviews (docs/rectification.md). A department orders a subject to rectify within a number of
working days (from an inspection, a listing or its own finding); the subject's account reports progress; the department
confirms the rectification or returns it; a daily sweep reminds the subject before the deadline and marks what is
overdue, and the department may then find it overdue, which becomes a 逾期未整改 record through the catalog's intake
(so the list rules may propose a watch-list entry). The department that identified the problem holds the 提示约谈 /
警示约谈 (谁认定、谁约谈). Every write is audited and emits ``rectification.<model>.<verb>``."""

import datetime as dt

from django.db import IntegrityError, transaction
from django.utils import timezone

from publiccredit.accounts.roles import require_writer, sees_everything
from publiccredit.audit.services import record_write
from publiccredit.casework.dates import typed_date
from publiccredit.casework.evidence import check_files, keep_evidence, next_number
from publiccredit.catalog.models import CatalogItem
from publiccredit.collection.models import CreditRecord
from publiccredit.collection.services import submit_records
from publiccredit.core.errors import DomainError, PermissionDenied
from publiccredit.events.services import emit
from publiccredit.workdays.services import add_working_days

from . import topics
from .models import Interview, RectificationReport, RectificationTask

State = RectificationTask.State
TASK_PREFIX, INTERVIEW_PREFIX = "ZG", "YT"
MAX_WORKING_DAYS = 180
REMIND_WORKING_DAYS = 3  # the subject is reminded this many working days before its deadline
OVERDUE_ITEM = "rectification_overdue"  # the catalog item an overdue finding is recorded under
MANAGE_PERMISSION = "rectification.manage_rectifications"  # regulators and the credit office (accounts.roles)


def _text(value) -> str:
    return str(value or "").strip()


def _user(actor):
    return actor if getattr(actor, "pk", None) else None


def _require_department(actor, department_id: int, doing: str) -> None:
    """Only the department that ordered the rectification (or identified the problem) acts on it, or the credit office
    on its behalf; ``actor`` None is the platform itself (a command, the demo)."""
    require_writer(actor)
    if _user(actor) is None:
        return
    if not actor.has_perm(MANAGE_PERMISSION):
        raise PermissionDenied(f"只有监管部门的执法、监管人员可以{doing}", code="not_a_regulator")
    if not sees_everything(actor) and getattr(actor, "organization_id", None) != department_id:
        raise PermissionDenied(f"谁认定、谁负责：只有认定部门可以{doing}", code="not_identifying_department")


def _create_numbered(model, prefix: str, today: dt.date, **fields):
    for _ in range(5):
        try:
            with transaction.atomic():
                return model.objects.create(number=next_number(model, prefix=prefix, day=today), **fields)
        except IntegrityError:
            continue
    raise DomainError("系统繁忙，请稍后重试", code="busy")


def open_rectification(*, subject, department, source: str, problem: str, requirement: str, working_days,
                       actor, source_reference: str = "", record: CreditRecord | None = None, list_entry=None,
                       issued_on: dt.date | None = None, today: dt.date | None = None) -> RectificationTask:
    """Order ``subject`` to rectify within ``working_days`` working days of ``issued_on``; every wrong field refused
    in Chinese."""
    today = today or timezone.localdate()
    issued_on = issued_on or today
    _require_department(actor, department.pk, "责令整改")
    problems = []
    if source not in RectificationTask.Source.values:
        problems.append("请选择整改来源")
    if not _text(problem):
        problems.append("请填写发现的问题")
    if not _text(requirement):
        problems.append("请填写整改要求")
    try:
        working_days = int(working_days)
    except (TypeError, ValueError):
        problems.append(f"整改期限“{working_days}”应为工作日天数")
    else:
        if not 1 <= working_days <= MAX_WORKING_DAYS:
            problems.append(f"整改期限应在1到{MAX_WORKING_DAYS}个工作日之间")
    if issued_on > today:
        problems.append("责令整改日期不能晚于今天")
    if record is not None and record.subject_id != subject.pk:
        problems.append("依据的信用记录不属于该主体")
    if list_entry is not None and list_entry.subject_id != subject.pk:
        problems.append("依据的名单记录不属于该主体")
    if problems:
        raise DomainError("；".join(problems), code="bad_rectification")
    with transaction.atomic():
        task = _create_numbered(
            RectificationTask, TASK_PREFIX, today, subject=subject, department=department, source=source,
            source_reference=_text(source_reference)[:100], record=record, list_entry=list_entry,
            problem=_text(problem), requirement=_text(requirement), issued_on=issued_on, working_days=working_days,
            due_on=add_working_days(issued_on, working_days), created_by=_user(actor))
        record_write(actor=actor, action=topics.TASK_OPENED, target=task,
                     detail={"number": task.number, "due_on": task.due_on.isoformat(), "source": source})
        emit(topics.TASK_OPENED, {"task_id": task.pk})
    return task


def _lock(task: RectificationTask) -> RectificationTask:
    return RectificationTask.objects.select_for_update(of=("self",)).select_related("subject").get(pk=task.pk)


def report_progress(*, task: RectificationTask, text: str, actor, files=(), is_final: bool = True
                    ) -> RectificationReport:
    """The subject's account reports how it rectified (with evidence); a final report asks the department to confirm.
    Late reports are taken too: an overdue rectification may still be put right."""
    files = list(files or [])
    require_writer(actor)
    if _user(actor) is not None and getattr(actor, "subject_id", None) != task.subject_id:
        raise PermissionDenied("只有整改主体本身的账号可以报告整改情况", code="not_subject_account")
    if not _text(text):
        raise DomainError("请填写整改情况", code="report_required", field="text")
    check_files(files)
    with transaction.atomic():
        task = _lock(task)
        if task.state not in (State.OPEN, State.OVERDUE):
            raise DomainError(f"整改任务{task.number}当前为“{task.get_state_display()}”，不能再报告",
                              code="wrong_state")
        report = RectificationReport.objects.create(task=task, text=_text(text), is_final=is_final,
                                                    filed_by=_user(actor))
        keep_evidence(report.attachments, files, folder=f"rectification/{task.number}")
        if is_final:
            task.state = State.REPORTED
            task.save(update_fields=["state", "updated_at"])
        record_write(actor=actor, action=topics.TASK_REPORTED, target=task,
                     detail={"report": report.pk, "final": is_final, "files": len(files)})
        emit(topics.TASK_REPORTED, {"task_id": task.pk})
    return report


def answer_report(*, task: RectificationTask, accepted: bool, note: str, actor,
                  today: dt.date | None = None) -> RectificationTask:
    """The department confirms the rectification (整改到位) or returns it with what is still wrong."""
    today = today or timezone.localdate()
    if not accepted and not _text(note):
        raise DomainError("退回继续整改须写明尚未整改到位的问题", code="note_required", field="note")
    with transaction.atomic():
        task = _lock(task)
        _require_department(actor, task.department_id, "确认整改结果")
        if task.state != State.REPORTED:
            raise DomainError(f"整改任务{task.number}当前为“{task.get_state_display()}”，没有待确认的整改报告",
                              code="wrong_state")
        report = task.reports.filter(is_final=True, answer="").order_by("-filed_at", "-id").first()
        if report is not None:
            report.answer = RectificationReport.Answer.ACCEPTED if accepted else RectificationReport.Answer.RETURNED
            report.answer_note, report.answered_by, report.answered_at = _text(note), _user(actor), timezone.now()
            report.save(update_fields=["answer", "answer_note", "answered_by", "answered_at"])
        if accepted:
            task.state, task.concluded_on, task.conclusion = State.COMPLETED, today, _text(note) or "整改到位"
        else:
            task.state = State.OVERDUE if task.due_on < today else State.OPEN
        task.save(update_fields=["state", "concluded_on", "conclusion", "updated_at"])
        action = topics.TASK_ACCEPTED if accepted else topics.TASK_RETURNED
        record_write(actor=actor, action=action, target=task, detail={"note": _text(note)})
        emit(action, {"task_id": task.pk})
    return task


def sweep_rectifications(*, today: dt.date | None = None) -> dict[str, int]:
    """The daily sweep: remind each subject once when its deadline is ``REMIND_WORKING_DAYS`` working days away or
    closer, and mark the rectifications past their deadline overdue (telling the subject and the department).
    Set-based; re-running on the same day changes nothing more."""
    today = today or timezone.localdate()
    horizon = add_working_days(today, REMIND_WORKING_DAYS)
    with transaction.atomic():
        due_soon = list(RectificationTask.objects.filter(state=State.OPEN, reminded_on__isnull=True,
                                                         due_on__gte=today, due_on__lte=horizon)
                        .select_for_update().values_list("pk", flat=True))
        RectificationTask.objects.filter(pk__in=due_soon).update(reminded_on=today, updated_at=timezone.now())
        overdue = list(RectificationTask.objects.filter(state=State.OPEN, due_on__lt=today)
                       .select_for_update().values_list("pk", flat=True))
        RectificationTask.objects.filter(pk__in=overdue).update(state=State.OVERDUE, updated_at=timezone.now())
        for pk in due_soon:
            emit(topics.TASK_DUE_SOON, {"task_id": pk})
        for pk in overdue:
            emit(topics.TASK_OVERDUE, {"task_id": pk})
        if due_soon or overdue:
            record_write(actor=None, action=topics.TASK_OVERDUE, target_type="rectification.task",
                         detail={"reminded": len(due_soon), "overdue": len(overdue), "day": today.isoformat()})
    return {"reminded": len(due_soon), "overdue": len(overdue)}


def record_overdue(*, task: RectificationTask, decision_number: str, actor,
                   today: dt.date | None = None) -> RectificationTask:
    """The department finds an overdue rectification not done: a 逾期未整改 record is delivered under its decision
    number through the same intake as every record, so the list rules (逾期未按要求整改拟列入重点关注名单) and the
    evaluation read it like any other."""
    today = today or timezone.localdate()
    if not _text(decision_number):
        raise DomainError("请填写认定文书号", code="missing_fields", field="decision_number")
    with transaction.atomic():
        task = _lock(task)
        _require_department(actor, task.department_id, "认定逾期未整改")
        if task.state != State.OVERDUE:
            raise DomainError(f"整改任务{task.number}当前为“{task.get_state_display()}”，只有逾期未整改的任务可以认定",
                              code="wrong_state")
        if task.overdue_record_id:
            return task
        subject, department = task.subject, task.department
        row = {"ZG_WSH": _text(decision_number), "ZG_XDR_MC": subject.name,
               "ZG_XDR_LB": "个体工商户" if subject.kind == subject.Kind.INDIVIDUAL_BUSINESS else "法人及非法人组织",
               "ZG_XDR_SHXYM": subject.uscc or "", "ZG_ZGBH": task.number, "ZG_ZGQX": task.due_on.isoformat(),
               "ZG_NR": f"责令整改（{task.get_source_display()}）：{task.requirement}；整改期限{task.due_on:%Y年%m月%d日}届满，"
                        "逾期未按要求整改",
               "ZG_JDRQ": today.isoformat(), "ZG_JG": department.name, "ZG_JGDM": department.code}
        result = submit_records(item=CatalogItem.objects.get(code=OVERDUE_ITEM), provider=department, records=[row],
                                actor=actor, atomic=True, today=today)
        if result.rejected:
            raise DomainError("逾期未整改记录未能生成：" + "；".join(f"{e.field} {e.message}" for e in result.errors),
                              code="record_rejected")
        task.overdue_record = (CreditRecord.objects.filter(item__code=OVERDUE_ITEM, provider=department,
                                                           decision_number=row["ZG_WSH"]).order_by("-id").first())
        task.concluded_on, task.conclusion = today, f"认定逾期未整改（{row['ZG_WSH']}）"
        task.save(update_fields=["overdue_record", "concluded_on", "conclusion", "updated_at"])
        record_write(actor=actor, action=topics.TASK_RECORDED_OVERDUE, target=task,
                     detail={"decision_number": row["ZG_WSH"], "record": task.overdue_record_id})
        emit(topics.TASK_RECORDED_OVERDUE, {"task_id": task.pk})
    return task


def record_interview(*, subject, department, kind: str, held_on, participants: str, content: str,
                     undertakings: str, actor, task: RectificationTask | None = None,
                     record: CreditRecord | None = None, today: dt.date | None = None) -> Interview:
    """Enter a 提示约谈 or 警示约谈 into the credit file. 谁认定、谁约谈: the department holding it must be the one that
    ordered the rectification or delivered the record it is about."""
    today = today or timezone.localdate()
    _require_department(actor, department.pk, "记录约谈")
    problems = []
    if kind not in Interview.Kind.values:
        problems.append("请选择约谈类别（提示约谈或警示约谈）")
    held_on, bad_date = typed_date(held_on, "约谈日期")
    if bad_date:
        problems.append(bad_date)
    elif held_on is None:
        problems.append("请填写约谈日期")
    elif held_on > today:
        problems.append("约谈日期不能晚于今天（约谈后记录）")
    for label, value in (("参加人员", participants), ("约谈内容", content), ("主体承诺事项", undertakings)):
        if not _text(value):
            problems.append(f"请填写{label}")
    if task is not None and task.subject_id != subject.pk:
        problems.append("相关整改任务不属于该主体")
    elif task is not None and task.department_id != department.pk:
        problems.append(f"谁认定、谁约谈：整改任务{task.number}由{task.department.name}责令，应由其约谈")
    if record is not None and record.subject_id != subject.pk:
        problems.append("相关信用记录不属于该主体")
    elif record is not None and record.provider_id != department.pk:
        problems.append(f"谁认定、谁约谈：该记录由{record.provider.name}认定，应由其约谈")
    if problems:
        raise DomainError("；".join(problems), code="bad_interview")
    with transaction.atomic():
        interview = _create_numbered(
            Interview, INTERVIEW_PREFIX, today, subject=subject, department=department, kind=kind, task=task,
            record=record, held_on=held_on, participants=_text(participants), content=_text(content),
            undertakings=_text(undertakings), recorded_by=_user(actor))
        record_write(actor=actor, action=topics.INTERVIEW_RECORDED, target=interview,
                     detail={"number": interview.number, "kind": kind, "task": task.number if task else ""})
        emit(topics.INTERVIEW_RECORDED, {"interview_id": interview.pk})
    return interview
