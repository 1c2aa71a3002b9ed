"""Rectification and interviews (docs/rectification.md): a deadline in working days set on a subject by the department
that found the problem, the subject's progress reports, the department's confirmation or the overdue finding; and the
提示约谈 / 警示约谈 the identifying department holds (谁认定、谁约谈). Both are entered into the credit file."""

from django.conf import settings
from django.db import models

from publiccredit.accounts.scoping import DepartmentWorkQuerySet
from publiccredit.casework.evidence import EvidenceFile
from publiccredit.core.audience import AudienceQuerySet


class RectificationQuerySet(DepartmentWorkQuerySet, AudienceQuerySet):
    """Reads for a reader go through ``visible_to``, ``restrict`` or ``handled_by`` (docs/architecture.md,
    "Visibility is one rule")."""

    def condition(self, audience, *, today=None):
        from .visibility import task_condition

        return task_condition(audience)


class RectificationTask(models.Model):
    """A rectification ordered on a subject (责令整改): what to put right, by when (working days), and how it ended."""

    class Source(models.TextChoices):
        INSPECTION = "inspection", "双随机抽查发现问题"
        LISTING = "listing", "列入信用名单"
        FINDING = "finding", "部门检查认定"

    class State(models.TextChoices):
        OPEN = "open", "整改中"
        REPORTED = "reported", "已报告待确认"
        COMPLETED = "completed", "已完成整改"
        OVERDUE = "overdue", "逾期未整改"

    OPEN_STATES = (State.OPEN, State.REPORTED)
    TOPIC = "rectification.task"

    number = models.CharField("整改编号", max_length=20, unique=True)
    subject = models.ForeignKey("subjects.Subject", verbose_name="整改主体", on_delete=models.PROTECT,
                                related_name="rectifications")
    department = models.ForeignKey("organizations.Organization", verbose_name="认定部门", on_delete=models.PROTECT,
                                   related_name="rectifications")
    source = models.CharField("来源", max_length=12, choices=Source.choices)
    source_reference = models.CharField("来源文书或编号", max_length=100, blank=True)
    record = models.ForeignKey("collection.CreditRecord", verbose_name="依据的信用记录", null=True, blank=True,
                               on_delete=models.PROTECT, related_name="+")
    list_entry = models.ForeignKey("lists.ListEntry", verbose_name="依据的名单记录", null=True, blank=True,
                                   on_delete=models.PROTECT, related_name="+")
    problem = models.TextField("发现的问题")
    requirement = models.TextField("整改要求")
    issued_on = models.DateField("责令整改日期")
    working_days = models.PositiveSmallIntegerField("整改期限（工作日）")
    due_on = models.DateField("整改期限届满日")
    state = models.CharField("状态", max_length=10, choices=State.choices, default=State.OPEN)
    reminded_on = models.DateField("到期提醒日期", null=True, blank=True)
    concluded_on = models.DateField("办结日期", null=True, blank=True)
    conclusion = models.TextField("办结意见", blank=True)
    overdue_record = models.ForeignKey("collection.CreditRecord", verbose_name="逾期未整改记录", null=True, blank=True,
                                       on_delete=models.PROTECT, related_name="+")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="经办人", null=True, blank=True,
                                   on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    objects = RectificationQuerySet.as_manager()

    class Meta:
        verbose_name = "整改任务"
        verbose_name_plural = "整改任务"
        ordering = ["-issued_on", "-id"]
        indexes = [models.Index(fields=["state", "due_on"], name="rectification_due_idx"),
                   models.Index(fields=["subject", "-issued_on"], name="rectification_subject_idx")]
        permissions = [("manage_rectifications", "责令整改、确认整改、约谈")]

    def __str__(self) -> str:
        return f"{self.number} {self.subject_id}"


class RectificationReport(models.Model):
    """A progress report the subject's account files (整改情况报告), answered by the department."""

    class Answer(models.TextChoices):
        PENDING = "", "待确认"
        ACCEPTED = "accepted", "整改到位"
        RETURNED = "returned", "整改不到位，继续整改"

    task = models.ForeignKey(RectificationTask, verbose_name="整改任务", on_delete=models.CASCADE, related_name="reports")
    text = models.TextField("整改情况")
    is_final = models.BooleanField("申请确认整改完成", default=True)
    filed_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="报告人", null=True, blank=True,
                                 on_delete=models.PROTECT, related_name="+")
    filed_at = models.DateTimeField("报告时间", auto_now_add=True)
    answer = models.CharField("确认结果", max_length=10, choices=Answer.choices, blank=True)
    answer_note = models.TextField("确认意见", blank=True)
    answered_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="确认人", null=True, blank=True,
                                    on_delete=models.PROTECT, related_name="+")
    answered_at = models.DateTimeField("确认时间", null=True, blank=True)

    class Meta:
        verbose_name = "整改情况报告"
        verbose_name_plural = "整改情况报告"
        ordering = ["task_id", "filed_at", "id"]

    def __str__(self) -> str:
        return f"{self.task_id} {self.filed_at:%Y-%m-%d}"


class ReportAttachment(EvidenceFile):
    report = models.ForeignKey(RectificationReport, verbose_name="整改报告", on_delete=models.PROTECT,
                               related_name="attachments")

    class Meta(EvidenceFile.Meta):
        verbose_name = "整改证明材料"
        verbose_name_plural = "整改证明材料"


class InterviewQuerySet(RectificationQuerySet):
    def condition(self, audience, *, today=None):
        from .visibility import interview_condition

        return interview_condition(audience)


class Interview(models.Model):
    """A credit interview (信用约谈) held by the department that identified the problem (谁认定、谁约谈)."""

    class Kind(models.TextChoices):
        PROMPT = "prompt", "提示约谈"
        WARNING = "warning", "警示约谈"

    TOPIC = "rectification.interview"

    number = models.CharField("约谈编号", max_length=20, unique=True)
    subject = models.ForeignKey("subjects.Subject", verbose_name="约谈主体", on_delete=models.PROTECT,
                                related_name="interviews")
    department = models.ForeignKey("organizations.Organization", verbose_name="约谈部门", on_delete=models.PROTECT,
                                   related_name="interviews")
    kind = models.CharField("约谈类别", max_length=8, choices=Kind.choices)
    task = models.ForeignKey(RectificationTask, verbose_name="相关整改任务", null=True, blank=True,
                             on_delete=models.PROTECT, related_name="interviews")
    record = models.ForeignKey("collection.CreditRecord", verbose_name="相关信用记录", null=True, blank=True,
                               on_delete=models.PROTECT, related_name="+")
    held_on = models.DateField("约谈日期")
    participants = models.TextField("参加人员")
    content = models.TextField("约谈内容")
    undertakings = models.TextField("主体承诺事项")
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="记录人", null=True, blank=True,
                                    on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField("记录时间", auto_now_add=True)

    objects = InterviewQuerySet.as_manager()

    class Meta:
        verbose_name = "信用约谈"
        verbose_name_plural = "信用约谈"
        ordering = ["-held_on", "-id"]
        indexes = [models.Index(fields=["subject", "-held_on"], name="interview_subject_idx")]

    def __str__(self) -> str:
        return f"{self.number} {self.get_kind_display()}"
