"""Credit repair (信用修复, 国办发〔2025〕22号; NDRC order no. 36): an application on one record, its evidence, its
history, and the deadlines the credit office edits."""

from django.conf import settings
from django.db import models
from django.db.models import Q

from publiccredit.casework.evidence import EvidenceFile
from publiccredit.casework.models import Case, CaseStep
from publiccredit.core.singletons import SingletonSettings


class RepairSettings(SingletonSettings):
    """Deadlines in working days (one row; the credit office edits it in the admin)."""

    decide_working_days = models.PositiveSmallIntegerField("办理时限（工作日）", default=10,
                                                           help_text="自提交（补正后重新提交）之日起")
    push_working_days = models.PositiveSmallIntegerField("结果推送时限（工作日）", default=3,
                                                         help_text="修复决定后推送作出失信认定的部门")

    class Meta:
        verbose_name = "信用修复时限"
        verbose_name_plural = "信用修复时限"

    def __str__(self) -> str:
        return f"办理{self.decide_working_days}个工作日，推送{self.push_working_days}个工作日"


class RepairApplication(Case):
    class State(models.TextChoices):
        SUBMITTED = "submitted", "已提交（待受理）"
        ACCEPTED = "accepted", "已受理（审核中）"
        RETURNED = "returned", "退回补正"
        APPROVED = "approved", "准予修复"
        REFUSED = "refused", "不予修复"
        WITHDRAWN = "withdrawn", "申请人撤回"

    class Channel(models.TextChoices):
        PORTAL = "portal", "信用网站"
        API = "api", "接口"
        BACKOFFICE = "backoffice", "窗口代办"

    OPEN_STATES = (State.SUBMITTED, State.ACCEPTED, State.RETURNED)
    NUMBER_PREFIX, TOPIC, EVENT_KEY, NOUN = "XF", "repair.application", "application", "申请"

    number = models.CharField("申请编号", max_length=20, unique=True)
    record = models.ForeignKey("collection.CreditRecord", verbose_name="申请修复的信用记录", on_delete=models.PROTECT,
                               related_name="repair_applications")
    subject = models.ForeignKey("subjects.Subject", verbose_name="信用主体", on_delete=models.PROTECT,
                                related_name="repair_applications")
    state = models.CharField("状态", max_length=10, choices=State.choices, default=State.SUBMITTED)
    channel = models.CharField("渠道", max_length=10, choices=Channel.choices)
    applicant_name = models.CharField("申请人", max_length=200)
    contact_name = models.CharField("联系人", max_length=50)
    statement = models.TextField("整改及履行义务情况说明")
    commitment = models.TextField("信用修复承诺书")
    submitted_at = models.DateTimeField("提交时间")
    decide_by = models.DateField("办理期限")
    accepted_at = models.DateTimeField("受理时间", null=True, blank=True)
    decided_at = models.DateTimeField("决定时间", null=True, blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="决定人", null=True, blank=True,
                                   on_delete=models.PROTECT, related_name="+")
    decision_reason = models.TextField("决定理由", blank=True)
    return_reason = models.TextField("补正要求", blank=True)
    push_by = models.DateField("推送期限", null=True, blank=True)
    pushed_at = models.DateTimeField("认定部门确认收到", null=True, blank=True)

    class Meta:
        verbose_name = "信用修复申请"
        verbose_name_plural = "信用修复申请"
        ordering = ["-submitted_at"]
        permissions = [("handle_repair", "办理信用修复（受理、补正、决定）")]
        constraints = [
            models.UniqueConstraint(fields=["record"], condition=Q(state__in=["submitted", "accepted", "returned"]),
                                    name="one_open_repair_per_record"),
        ]
        indexes = [models.Index(fields=["state", "decide_by"]), models.Index(fields=["submitted_at"])]

    @property
    def is_open(self) -> bool:
        return self.state in self.OPEN_STATES


class RepairAttachment(EvidenceFile):
    application = models.ForeignKey(RepairApplication, verbose_name="申请", on_delete=models.PROTECT,
                                    related_name="attachments")

    class Meta(EvidenceFile.Meta):
        verbose_name = "证明材料"
        verbose_name_plural = "证明材料"


class RepairStep(CaseStep):
    application = models.ForeignKey(RepairApplication, verbose_name="申请", on_delete=models.PROTECT,
                                    related_name="steps")
    state = models.CharField("进入状态", max_length=10, choices=RepairApplication.State.choices)

    class Meta:
        verbose_name = "办理记录"
        verbose_name_plural = "办理记录"
        ordering = ["application", "at", "id"]

    def __str__(self) -> str:
        return f"{self.application_id} {self.get_state_display()}"
