"""A portal account's request to act for a subject (an enterprise's legal representative or its authorised agent,
or a person for himself), verified by a clerk or by a one-time code sent to the subject's registered mobile number
before the account is bound."""

from django.conf import settings
from django.db import models
from django.db.models import Q

from publiccredit.core.fields import EncryptedTextField
from publiccredit.core.masking import mask_person_name


class BindingRequest(models.Model):
    class State(models.TextChoices):
        PENDING = "pending", "待核验"
        APPROVED = "approved", "已绑定"
        REJECTED = "rejected", "未通过"
        WITHDRAWN = "withdrawn", "已撤回"

    class Capacity(models.TextChoices):
        LEGAL_REPRESENTATIVE = "legal_representative", "法定代表人（负责人、经营者）"
        AGENT = "agent", "经办人（持授权委托书）"
        SELF = "self", "本人（自然人）"

    class Method(models.TextChoices):
        CLERK = "clerk", "工作人员核验"
        SMS_CODE = "sms_code", "登记手机短信验证码"

    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="账号", on_delete=models.PROTECT,
                             related_name="binding_requests")
    subject = models.ForeignKey("subjects.Subject", verbose_name="申请绑定的信用主体", on_delete=models.PROTECT,
                                related_name="binding_requests")
    capacity = models.CharField("身份", max_length=24, choices=Capacity.choices)
    applicant_name = models.CharField("姓名", max_length=50)
    phone = EncryptedTextField("联系电话")
    state = models.CharField("状态", max_length=10, choices=State.choices, default=State.PENDING)
    requested_at = models.DateTimeField("申请时间", auto_now_add=True)
    decided_at = models.DateTimeField("核验时间", null=True, blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="核验人", null=True, blank=True,
                                   on_delete=models.PROTECT, related_name="+")
    note = models.CharField("核验说明", max_length=300, blank=True)
    method = models.CharField("核验方式", max_length=10, choices=Method.choices, blank=True)

    class Meta:
        verbose_name = "主体绑定申请"
        verbose_name_plural = "主体绑定申请"
        ordering = ["-requested_at"]
        permissions = [("verify_binding", "核验信用主体账号绑定")]
        constraints = [models.UniqueConstraint(fields=["user"], condition=Q(state="pending"),
                                               name="one_pending_binding_per_user")]

    def __str__(self) -> str:
        return f"{self.user} → {self.subject_id} {self.get_state_display()}"

    @property
    def shown_subject_name(self) -> str:
        """The subject's name as the applicant sees it: a person's name stays masked until the binding is verified,
        so that typing someone's ID number never reveals whose it is (docs/repair.md)."""
        subject = self.subject
        if subject.is_person and self.state != self.State.APPROVED:
            return mask_person_name(subject.name)
        return subject.name


class BindingCode(models.Model):
    """A one-time code sent to the subject's registered mobile number for one binding request. Only a keyed hash of
    the code is kept; it expires, allows a few attempts, and is used once."""

    request = models.ForeignKey(BindingRequest, verbose_name="绑定申请", on_delete=models.CASCADE, related_name="codes")
    code_hash = models.CharField("验证码哈希", max_length=64)
    sent_to = models.CharField("发送至", max_length=20)
    sent_at = models.DateTimeField("发送时间", auto_now_add=True)
    expires_at = models.DateTimeField("失效时间")
    attempts = models.PositiveSmallIntegerField("输错次数", default=0)
    used_at = models.DateTimeField("使用时间", null=True, blank=True)

    class Meta:
        verbose_name = "绑定验证码"
        verbose_name_plural = "绑定验证码"
        ordering = ["-sent_at", "-id"]

    def __str__(self) -> str:
        return f"{self.request_id} → {self.sent_to}"
