"""A portal account's request to act for a subject (an enterprise's legal representative or its authorised agent,
or a person for himself), verified by a clerk before the account is bound."""

from django.conf import settings
from django.db import models
from django.db.models import Q

from publiccredit.core.fields import EncryptedTextField


class BindingRequest(models.Model):
    class State(models.TextChoices):
        PENDING = "pending", "待核验"
        APPROVED = "approved", "已绑定"
        REJECTED = "rejected", "未通过"

    class Capacity(models.TextChoices):
        LEGAL_REPRESENTATIVE = "legal_representative", "法定代表人（负责人、经营者）"
        AGENT = "agent", "经办人（持授权委托书）"
        SELF = "self", "本人（自然人）"

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

    class Meta:
        verbose_name = "主体绑定申请"
        verbose_name_plural = "主体绑定申请"
        ordering = ["-requested_at"]
        permissions = [("verify_binding", "核验信用主体账号绑定")]
        constraints = [models.UniqueConstraint(fields=["user"], condition=Q(state="pending"),
                                               name="one_pending_binding_per_user")]

    def __str__(self) -> str:
        return f"{self.user} → {self.subject_id} {self.get_state_display()}"
