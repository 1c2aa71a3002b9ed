"""Industry associations and chambers of commerce (行业协会商会, docs/associations.md): their members, and the
member credit records (会员信用记录) they keep — honours, industry assessments and self-discipline measures — which
the member sees on its account. Their 行业自律 commitment templates and members' commitments are ordinary
commitments (``commitments``) whose accepting unit is the association."""

from django.conf import settings
from django.db import models
from django.db.models import Q


class Membership(models.Model):
    class State(models.TextChoices):
        ACTIVE = "active", "会员"
        ENDED = "ended", "已退会"

    association = models.ForeignKey("organizations.Organization", verbose_name="行业协会商会", on_delete=models.PROTECT,
                                    related_name="memberships", limit_choices_to={"kind": "association"})
    subject = models.ForeignKey("subjects.Subject", verbose_name="会员单位", on_delete=models.PROTECT,
                                related_name="memberships")
    member_number = models.CharField("会员编号", max_length=40, blank=True)
    joined_on = models.DateField("入会日期")
    ended_on = models.DateField("退会日期", null=True, blank=True)
    state = models.CharField("状态", max_length=8, choices=State.choices, default=State.ACTIVE)
    created_at = models.DateTimeField("登记时间", auto_now_add=True)

    class Meta:
        verbose_name = "会员"
        verbose_name_plural = "会员"
        ordering = ["association", "-joined_on", "id"]
        constraints = [models.UniqueConstraint(fields=["association", "subject"], condition=Q(state="active"),
                                               name="one_active_membership")]
        permissions = [("manage_members", "管理会员及会员信用记录")]

    def __str__(self) -> str:
        return f"{self.association_id} {self.subject_id}"


class MemberNote(models.Model):
    """A credit record an association keeps on a member (行业自律信息): not public credit information — the member
    and the association see it, the credit office too; it never feeds public evaluation or lists."""

    class Kind(models.TextChoices):
        HONOUR = "honour", "表彰奖励"
        ASSESSMENT = "assessment", "行业信用评价"
        DISCIPLINE = "discipline", "自律惩戒"
        BREACH = "breach", "违背行业自律承诺"
        OTHER = "other", "其他"

    association = models.ForeignKey("organizations.Organization", verbose_name="行业协会商会", on_delete=models.PROTECT,
                                    related_name="member_notes")
    subject = models.ForeignKey("subjects.Subject", verbose_name="会员单位", on_delete=models.PROTECT,
                                related_name="member_notes")
    kind = models.CharField("类别", max_length=12, choices=Kind.choices)
    title = models.CharField("名称", max_length=200)
    content = models.TextField("内容", max_length=4000)
    decided_on = models.DateField("作出日期")
    decision_number = models.CharField("文号", max_length=100, blank=True)
    commitment = models.OneToOneField("commitments.Commitment", verbose_name="违背的承诺", null=True, blank=True,
                                      on_delete=models.PROTECT, related_name="member_note")
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="记录人", null=True, blank=True,
                                    on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField("记录时间", auto_now_add=True)

    class Meta:
        verbose_name = "会员信用记录"
        verbose_name_plural = "会员信用记录"
        ordering = ["-decided_on", "-id"]
        indexes = [models.Index(fields=["subject", "-decided_on"], name="member_note_subject_idx")]

    def __str__(self) -> str:
        return self.title
