"""Credit lists (国办发〔2020〕49号): published kinds with their criteria, and entries with their workflow history."""

from django.conf import settings
from django.db import models
from django.db.models import Q

from publiccredit.casework.evidence import EvidenceFile
from publiccredit.core.audience import AudienceQuerySet
from publiccredit.core.fields import EncryptedTextField


class ListKind(models.Model):
    class Category(models.TextChoices):
        DISHONEST = "dishonest", "严重失信主体名单"
        WATCH = "watch", "重点关注名单"
        RED = "red", "红名单（守信激励）"
        BAN = "ban", "市场和行业禁入"

    code = models.SlugField("名单代码", max_length=40, unique=True)
    name = models.CharField("名单名称", max_length=100)
    category = models.CharField("名单类别", max_length=10, choices=Category.choices)
    legal_basis = models.TextField("设列依据", help_text="只能依据法律、法规或党中央、国务院政策文件设列")
    standard = models.TextField("认定标准")
    procedure = models.TextField("认定程序")
    exit_conditions = models.TextField("移出条件")
    remedies = models.TextField("救济途径")
    objection_working_days = models.PositiveSmallIntegerField(
        "告知后异议期（工作日）", default=5, help_text="列入前告知当事人，期满无异议或异议不成立方可作出决定")
    default_years = models.PositiveSmallIntegerField("默认期限（年）", null=True, blank=True,
                                                     help_text="留空表示直至移出；禁入可为终身")
    allows_lifetime = models.BooleanField("可终身", default=False)
    is_active = models.BooleanField("启用", default=True)
    sort_order = models.PositiveSmallIntegerField("排序", default=0)

    class Meta:
        verbose_name = "名单种类"
        verbose_name_plural = "名单种类"
        ordering = ["sort_order", "code"]

    def __str__(self) -> str:
        return self.name

    @property
    def is_negative(self) -> bool:
        return self.category != self.Category.RED


class ServiceMethod(models.TextChoices):
    """How a prior notice reached the subject (送达方式); the objection period runs from the day it did."""

    ELECTRONIC = "electronic", "电子送达（信用网站账号站内信）"
    DIRECT = "direct", "直接送达"
    POST = "post", "邮寄送达"
    LEFT = "left", "留置送达"
    PUBLIC = "public", "公告送达"


class ListEntryQuerySet(AudienceQuerySet):
    """Reads for a reader go through ``visible_to``, ``restrict`` or ``handled_by`` (docs/architecture.md,
    "Visibility is one rule")."""

    def condition(self, audience, *, today=None):
        from .visibility import entry_condition

        return entry_condition(audience, today=today)

    def in_force(self, *, today=None) -> "ListEntryQuerySet":
        from .visibility import in_force_condition

        return self.filter(in_force_condition(today=today))

    def handled_by(self, user) -> "ListEntryQuerySet":
        """The back office's work scope: the credit office and auditors every entry, a department those it
        proposed or that rest on its records."""
        from publiccredit.accounts.roles import sees_everything

        if sees_everything(user):
            return self
        organization = getattr(user, "organization_id", None)
        mine = ListEntry.objects.filter(Q(proposed_by__organization_id=organization)
                                        | Q(records__provider_id=organization))
        return self.filter(pk__in=mine.values("pk"))


class ListEntry(models.Model):
    ServiceMethod = ServiceMethod

    class State(models.TextChoices):
        PROPOSED = "proposed", "拟列入"
        NOTIFIED = "notified", "已告知（异议期内）"
        DECIDED = "decided", "已决定"
        PUBLISHED = "published", "已公示"
        SUSPENDED = "suspended", "暂停（依据失效待复核）"
        EXITED = "exited", "已移出"
        WITHDRAWN = "withdrawn", "终止列入"

    class ExitReason(models.TextChoices):
        EXPIRY = "expiry", "期满移出"
        REPAIR = "repair", "信用修复"
        APPLICATION = "application", "申请提前移出"
        COURT = "court", "司法裁判或复议撤销"
        BASIS_LAPSED = "basis_lapsed", "列入依据失效"
        OTHER = "other", "其他"

    OPEN_STATES = (State.PROPOSED, State.NOTIFIED, State.DECIDED, State.PUBLISHED, State.SUSPENDED)

    kind = models.ForeignKey(ListKind, verbose_name="名单", on_delete=models.PROTECT, related_name="entries")
    subject = models.ForeignKey("subjects.Subject", verbose_name="主体", on_delete=models.PROTECT,
                                related_name="list_entries")
    records = models.ManyToManyField("collection.CreditRecord", verbose_name="依据的信用记录", blank=True,
                                     related_name="list_entries")
    state = models.CharField("状态", max_length=10, choices=State.choices, default=State.PROPOSED)
    reason = models.TextField("列入事由")
    legal_basis = models.TextField("依据", blank=True)
    rule = models.ForeignKey("ProposalRule", verbose_name="自动提出规则", null=True, blank=True,
                             on_delete=models.SET_NULL, related_name="entries",
                             help_text="按规则自动提出的，依据被更正后是否仍符合规则也按它判断")
    proposed_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="提出人", null=True, blank=True,
                                    on_delete=models.PROTECT, related_name="+")
    proposed_at = models.DateTimeField("提出时间", auto_now_add=True)
    notice_number = models.CharField("告知书编号", max_length=40, blank=True)
    notified_on = models.DateField("告知书生成日期", null=True, blank=True)
    served_on = models.DateField("告知书送达日期", null=True, blank=True, help_text="异议期自送达之日起计算")
    service_method = models.CharField("送达方式", max_length=12, choices=ServiceMethod.choices, blank=True)
    service_note = models.CharField("送达说明", max_length=300, blank=True)
    objection_until = models.DateField("异议期截止", null=True, blank=True)
    decision_number = models.CharField("列入决定书文号", max_length=128, blank=True)
    decided_on = models.DateField("决定日期", null=True, blank=True)
    approver = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="批准人", null=True, blank=True,
                                 on_delete=models.PROTECT, related_name="+")
    measures = models.TextField("惩戒或激励措施", blank=True)
    start = models.DateField("列入日期", null=True, blank=True)
    end = models.DateField("期限至", null=True, blank=True, help_text="留空表示直至移出（或终身）")
    published_on = models.DateField("公示日期", null=True, blank=True)
    exited_on = models.DateField("移出日期", null=True, blank=True)
    exit_reason = models.CharField("移出原因", max_length=12, choices=ExitReason.choices, blank=True)
    exit_note = models.CharField("移出说明", max_length=500, blank=True)
    basis_flagged_at = models.DateTimeField("依据失效提示时间", null=True, blank=True,
                                            help_text="依据的信用记录被撤销、修复、更正为轻微或过公示期时提示信用主管部门")
    basis_note = models.CharField("依据失效说明", max_length=500, blank=True)
    suspended_from = models.CharField("暂停前状态", max_length=10, choices=State.choices, blank=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    objects = ListEntryQuerySet.as_manager()

    class Meta:
        verbose_name = "名单记录"
        verbose_name_plural = "名单记录"
        ordering = ["-id"]
        permissions = [("propose_entry", "提出拟列入名单"),
                       ("manage_entries", "办理名单认定（送达告知书、作出决定、公示、移出、终止）")]
        constraints = [
            models.UniqueConstraint(fields=["kind", "subject"], condition=Q(state__in=["proposed", "notified",
                                                                                       "decided", "published",
                                                                                       "suspended"]),
                                    name="one_open_entry_per_kind_and_subject"),
        ]
        indexes = [models.Index(fields=["kind", "state"]), models.Index(fields=["subject", "state"])]

    def __str__(self) -> str:
        return f"{self.kind.name} {self.subject_id} {self.get_state_display()}"


class ListEntryStep(models.Model):
    """The history of an entry: every step with who, when and why."""

    entry = models.ForeignKey(ListEntry, verbose_name="名单记录", on_delete=models.PROTECT, related_name="steps")
    state = models.CharField("进入状态", max_length=10, choices=ListEntry.State.choices)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="操作人", null=True, blank=True,
                              on_delete=models.PROTECT, related_name="+")
    note = models.TextField("说明", blank=True)
    at = models.DateTimeField("时间", auto_now_add=True)

    class Meta:
        verbose_name = "名单办理环节"
        verbose_name_plural = "名单办理环节"
        ordering = ["entry", "at", "id"]

    def __str__(self) -> str:
        return f"{self.entry_id} {self.get_state_display()}"


class ProposalRule(models.Model):
    """When a department's record meets this rule, the platform proposes the subject for a list by itself.

    Only the proposal is automatic: the credit office still serves the notice, waits for the objection period and
    decides (国办发〔2020〕49号). The rule is data the credit office edits, not code."""

    name = models.CharField("规则名称", max_length=100)
    kind = models.ForeignKey(ListKind, verbose_name="拟列入名单", on_delete=models.PROTECT, related_name="rules")
    items = models.ManyToManyField("catalog.CatalogItem", verbose_name="适用信息项", related_name="+")
    min_severity = models.CharField("最低失信程度", max_length=10, blank=True,
                                    choices=[("minor", "轻微"), ("general", "一般"), ("serious", "严重")],
                                    help_text="留空表示任何程度")
    penalty_categories = models.CharField(
        "处罚类别", max_length=300, blank=True,
        help_text="用顿号或逗号分隔，如“吊销许可证件、责令关闭”；记录的处罚类别（CF_CFLB）含其一即适用；留空表示不限")
    min_count = models.PositiveSmallIntegerField("统计期内记录数不少于", default=1)
    within_months = models.PositiveSmallIntegerField("统计期（月）", default=12,
                                                     help_text="按决定日期统计，最近N个月内符合条件的记录")
    legal_basis = models.TextField("依据", blank=True, help_text="留空则用名单的设列依据")
    is_active = models.BooleanField("启用", default=True)

    class Meta:
        verbose_name = "自动提出规则"
        verbose_name_plural = "自动提出规则"
        ordering = ["kind", "id"]

    def __str__(self) -> str:
        return self.name

    @property
    def category_list(self) -> list[str]:
        import re

        return [part for part in re.split(r"[、，,;；\s]+", self.penalty_categories) if part]


class ListStatement(models.Model):
    """The subject's statement and defence (陈述申辩) against a notified proposal, within the objection period; the
    credit office answers it — adopted or not, with reasons — before it may decide (国办发〔2020〕49号)."""

    entry = models.ForeignKey(ListEntry, verbose_name="名单记录", on_delete=models.PROTECT, related_name="statements")
    text = models.TextField("陈述申辩意见")
    filer_name = models.CharField("提出人", max_length=200)
    contact_phone = EncryptedTextField("联系电话")
    filed_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="提交账号", null=True, blank=True,
                                 on_delete=models.PROTECT, related_name="+")
    filed_at = models.DateTimeField("提出时间", auto_now_add=True)
    adopted = models.BooleanField("是否采纳", null=True, blank=True)
    answer = models.TextField("答复", blank=True)
    answered_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="答复人", null=True, blank=True,
                                    on_delete=models.PROTECT, related_name="+")
    answered_at = models.DateTimeField("答复时间", null=True, blank=True)

    class Meta:
        verbose_name = "陈述申辩"
        verbose_name_plural = "陈述申辩"
        ordering = ["filed_at", "id"]

    def __str__(self) -> str:
        return f"{self.filer_name} {self.filed_at:%Y-%m-%d}"


class ListServiceProof(EvidenceFile):
    """Proof that a prior notice was served: the signed 送达回证, the postal receipt, the published announcement."""

    entry = models.ForeignKey(ListEntry, verbose_name="名单记录", on_delete=models.PROTECT, related_name="service_proofs")

    class Meta(EvidenceFile.Meta):
        verbose_name = "送达凭证"
        verbose_name_plural = "送达凭证"


class ListStatementAttachment(EvidenceFile):
    statement = models.ForeignKey(ListStatement, verbose_name="陈述申辩", on_delete=models.PROTECT,
                                  related_name="attachments")

    class Meta(EvidenceFile.Meta):
        verbose_name = "陈述申辩材料"
        verbose_name_plural = "陈述申辩材料"
