"""Voluntary registration of credit information (信用信息自愿注册, docs/registrations.md): a bound subject account
files a certificate, a qualification, an honour, a production fact or a charitable act with a truthfulness
commitment and evidence; the competent department verifies it or rejects it with a reason. Verified entries appear
on the credit file as 自主申报·已核实 and count in evaluation; one later found false is revoked and becomes a negative
record."""

from django.db import models

from publiccredit.accounts.scoping import DepartmentWorkQuerySet
from publiccredit.casework.evidence import EvidenceFile
from publiccredit.casework.models import Case, CaseStep
from publiccredit.core.audience import AudienceQuerySet


class RegistrationQuerySet(DepartmentWorkQuerySet, AudienceQuerySet):
    """Reads for a reader go through ``visible_to``, ``restrict`` or ``handled_by`` (docs/architecture.md,
    "Visibility is one rule")."""

    def condition(self, audience, *, today=None):
        from .visibility import registration_condition

        return registration_condition(audience, today=today)


class Registration(Case):
    NUMBER_PREFIX = "ZC"
    TOPIC = "registrations.registration"
    EVENT_KEY = "registration"
    NOUN = "自愿注册信息"

    class Kind(models.TextChoices):
        CERTIFICATE = "certificate", "资质证书"
        QUALIFICATION = "qualification", "职业（执业）资格"
        HONOUR = "honour", "荣誉表彰"
        PRODUCTION = "production", "生产经营信息"
        CHARITY = "charity", "公益慈善"
        OTHER = "other", "其他"

    class State(models.TextChoices):
        SUBMITTED = "submitted", "待核实"
        VERIFIED = "verified", "已核实"
        REJECTED = "rejected", "未通过核实"
        WITHDRAWN = "withdrawn", "已撤回"
        FALSE = "false", "经查虚假"

    subject = models.ForeignKey("subjects.Subject", verbose_name="信用主体", on_delete=models.PROTECT,
                                related_name="registrations")
    kind = models.CharField("信息类别", max_length=14, choices=Kind.choices)
    title = models.CharField("名称", max_length=200, help_text="证书、资格、荣誉或事项的名称")
    issuer = models.CharField("发证（授予）单位", max_length=200, blank=True)
    certificate_number = models.CharField("证书编号或文号", max_length=100, blank=True)
    issued_on = models.DateField("取得日期")
    valid_until = models.DateField("有效期至", null=True, blank=True)
    description = models.TextField("具体内容", blank=True)
    department = models.ForeignKey("organizations.Organization", verbose_name="核实单位（主管部门）",
                                   on_delete=models.PROTECT, related_name="registrations_to_verify")
    commitment = models.TextField("真实性承诺")
    state = models.CharField("状态", max_length=10, choices=State.choices, default=State.SUBMITTED)
    submitted_at = models.DateTimeField("提交时间")
    decided_at = models.DateTimeField("核实时间", null=True, blank=True)
    decided_by = models.ForeignKey("accounts.User", verbose_name="核实人", null=True, blank=True,
                                   on_delete=models.PROTECT, related_name="+")
    verified_on = models.DateField("核实日期", null=True, blank=True)
    reason = models.TextField("核实意见或不通过原因", blank=True)
    record = models.ForeignKey("collection.CreditRecord", verbose_name="虚假申报失信记录", null=True, blank=True,
                               on_delete=models.PROTECT, related_name="+",
                               help_text="经查虚假时据此生成的失信记录")

    objects = RegistrationQuerySet.as_manager()

    class Meta:
        verbose_name = "信用信息自愿注册"
        verbose_name_plural = "信用信息自愿注册"
        ordering = ["-submitted_at", "-id"]
        indexes = [models.Index(fields=["subject", "state"], name="registration_subject_state"),
                   models.Index(fields=["department", "state"], name="registration_department_state")]


class RegistrationStep(CaseStep):
    registration = models.ForeignKey(Registration, verbose_name="注册信息", on_delete=models.PROTECT,
                                     related_name="steps")
    state = models.CharField("进入状态", max_length=10, choices=Registration.State.choices)

    class Meta:
        verbose_name = "办理记录"
        verbose_name_plural = "办理记录"
        ordering = ["registration", "at", "id"]


class RegistrationAttachment(EvidenceFile):
    registration = models.ForeignKey(Registration, verbose_name="注册信息", on_delete=models.PROTECT,
                                     related_name="attachments")

    class Meta(EvidenceFile.Meta):
        verbose_name = "证明材料"
        verbose_name_plural = "证明材料"
