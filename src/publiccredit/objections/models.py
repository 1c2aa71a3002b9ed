"""Objections (异议): anyone concerned may object to a record; it is flagged 异议处理中 within one working day,
punishment resting on it is suspended, and the providing department decides within a set number of working days."""

from django.conf import settings
from django.db import models
from django.db.models import Q

from publiccredit.casework.evidence import EvidenceFile
from publiccredit.casework.models import Case, CaseStep
from publiccredit.core.singletons import SingletonSettings


class ObjectionSettings(SingletonSettings):
    flag_working_days = models.PositiveSmallIntegerField("标注时限（工作日）", default=1,
                                                         help_text="收到异议后标注“异议处理中”")
    decide_working_days = models.PositiveSmallIntegerField("处理时限（工作日）", default=5,
                                                           help_text="提供单位核查并作出决定（各地规定3–20个工作日）")
    review_request_working_days = models.PositiveSmallIntegerField(
        "申请复核期限（工作日）", default=15, help_text="维持原记录或不予受理后，提出人可在此期限内向信用主管部门申请复核")
    review_working_days = models.PositiveSmallIntegerField("复核时限（工作日）", default=10,
                                                           help_text="信用主管部门作出复核决定")

    class Meta:
        verbose_name = "异议处理时限"
        verbose_name_plural = "异议处理时限"

    def __str__(self) -> str:
        return f"标注{self.flag_working_days}个工作日，处理{self.decide_working_days}个工作日"


class Objection(Case):
    class State(models.TextChoices):
        RECEIVED = "received", "已收到（待受理）"
        FLAGGED = "flagged", "已受理（异议处理中）"
        NOT_ACCEPTED = "rejected", "不予受理"
        CORRECTED = "corrected", "已更正"
        WITHDRAWN = "withdrawn", "已撤销记录"
        UPHELD = "upheld", "维持原记录"

    class Filer(models.TextChoices):
        SUBJECT = "subject", "信用主体本人（本单位）"
        CONCERNED = "concerned", "利害关系人"
        AGENT = "agent", "受托代理人"

    class Identified(models.TextChoices):
        ACCOUNT = "account", "已绑定主体的账号"
        SMS = "sms", "短信验证码核验手机号码"
        DEPARTMENT = "department", "部门窗口或业务系统核验"

    class ReviewOutcome(models.TextChoices):
        CONFIRMED = "confirmed", "维持处理结果"
        REOPENED = "reopened", "责令重新处理"

    OPEN_STATES = (State.RECEIVED, State.FLAGGED)
    OUTCOMES = (State.CORRECTED, State.WITHDRAWN, State.UPHELD)
    REVIEWABLE_STATES = (State.UPHELD, State.NOT_ACCEPTED)

    NUMBER_PREFIX, TOPIC, EVENT_KEY, NOUN = "YY", "objections.objection", "objection", "异议"

    number = models.CharField("异议编号", max_length=20, unique=True)
    record = models.ForeignKey("collection.CreditRecord", verbose_name="异议的信用记录", on_delete=models.PROTECT,
                               related_name="objections")
    provider = models.ForeignKey("organizations.Organization", verbose_name="处理单位（信息提供单位）",
                                 on_delete=models.PROTECT, related_name="objections")
    state = models.CharField("状态", max_length=10, choices=State.choices, default=State.RECEIVED)
    filer_kind = models.CharField("提出人身份", max_length=10, choices=Filer.choices)
    filer_name = models.CharField("提出人", max_length=200)
    identified_by = models.CharField("提出人核验方式", max_length=10, choices=Identified.choices,
                                     default=Identified.DEPARTMENT)
    third_party = models.BooleanField(
        "第三方提出", default=False,
        help_text="非信用主体本人（本单位）提出：提供单位受理后才标注“异议处理中”、暂停惩戒（docs/repair.md）")
    channel = models.CharField("渠道", max_length=10, default="portal")
    reasons = models.TextField("异议事项和理由")
    requested = models.CharField("请求", max_length=300, blank=True, help_text="如：更正处罚金额、撤销该记录")
    record_state_before = models.CharField("异议前记录状态", max_length=10, blank=True, editable=False)
    record_version_filed = models.PositiveIntegerField("提出时记录版本", editable=False)
    filed_at = models.DateTimeField("提出时间")
    flag_by = models.DateField("标注期限")
    flagged_at = models.DateTimeField("标注时间", null=True, blank=True)
    decide_by = models.DateField("处理期限", null=True, blank=True)
    decided_at = models.DateTimeField("处理时间", null=True, blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="处理人", null=True, blank=True,
                                   on_delete=models.PROTECT, related_name="+")
    decision_reason = models.TextField("处理理由", blank=True)
    filer_notified_at = models.DateTimeField("告知提出人时间", null=True, blank=True)
    review_requested_at = models.DateTimeField("申请复核时间", null=True, blank=True)
    review_reasons = models.TextField("复核理由", blank=True)
    review_by = models.DateField("复核期限", null=True, blank=True)
    review_decided_at = models.DateTimeField("复核决定时间", null=True, blank=True)
    review_decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="复核人", null=True, blank=True,
                                          on_delete=models.PROTECT, related_name="+")
    review_outcome = models.CharField("复核结果", max_length=10, choices=ReviewOutcome.choices, blank=True)
    review_reason = models.TextField("复核理由说明", blank=True)

    class Meta:
        verbose_name = "异议"
        verbose_name_plural = "异议"
        ordering = ["-filed_at"]
        permissions = [("handle_objection", "处理本单位信息的异议"),
                       ("review_objection", "复核异议处理结果（信用主管部门）")]
        constraints = [
            models.UniqueConstraint(fields=["record"], condition=Q(state__in=["received", "flagged"]),
                                    name="one_open_objection_per_record"),
        ]
        indexes = [models.Index(fields=["provider", "state"]), models.Index(fields=["filed_at"]),
                   models.Index(fields=["review_decided_at", "review_requested_at"], name="objection_review_idx")]

    @property
    def is_open(self) -> bool:
        return self.state in self.OPEN_STATES

    @property
    def under_review(self) -> bool:
        return self.review_requested_at is not None and self.review_decided_at is None


class FilerPhoneCheck(models.Model):
    """A one-time code texted to the mobile number an objection's filer gives: an objection that can suspend
    punishment comes from someone who can be reached. Only keyed hashes of the number and the code are kept."""

    phone_hash = models.CharField("手机号码摘要", max_length=64, db_index=True)
    phone_masked = models.CharField("手机号码（掩码）", max_length=20)
    code_hash = models.CharField("验证码摘要", max_length=64)
    sent_at = models.DateTimeField("发送时间", auto_now_add=True)
    expires_at = models.DateTimeField("失效时间")
    attempts = models.PositiveSmallIntegerField("输错次数", default=0)
    used_at = models.DateTimeField("使用时间", null=True, blank=True)

    class Meta:
        verbose_name = "异议提出人手机验证码"
        verbose_name_plural = "异议提出人手机验证码"
        ordering = ["-sent_at", "-id"]

    def __str__(self) -> str:
        return self.phone_masked


class ObjectionAttachment(EvidenceFile):
    class Stage(models.TextChoices):
        FILING = "filing", "异议材料"
        REVIEW = "review", "复核申请材料"

    objection = models.ForeignKey(Objection, verbose_name="异议", on_delete=models.PROTECT, related_name="attachments")
    stage = models.CharField("提交环节", max_length=10, choices=Stage.choices, default=Stage.FILING)

    class Meta(EvidenceFile.Meta):
        verbose_name = "异议材料"
        verbose_name_plural = "异议材料"


class ObjectionStep(CaseStep):
    objection = models.ForeignKey(Objection, verbose_name="异议", on_delete=models.PROTECT, related_name="steps")
    state = models.CharField("进入状态", max_length=10, choices=Objection.State.choices)

    class Meta:
        verbose_name = "异议办理记录"
        verbose_name_plural = "异议办理记录"
        ordering = ["objection", "at", "id"]

    def __str__(self) -> str:
        return f"{self.objection_id} {self.get_state_display()}"
