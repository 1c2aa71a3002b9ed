"""Credit records as delivered by departments, their versions, and the batches they came in."""

from django.conf import settings
from django.db import models

from publiccredit.catalog.models import CatalogItem, CatalogItemVersion, Severity
from publiccredit.core.audience import AudienceQuerySet
from publiccredit.organizations.models import Organization


class Batch(models.Model):
    """One delivery: an API call, an uploaded file or an import command."""

    class Channel(models.TextChoices):
        API = "api", "接口"
        UPLOAD = "upload", "网页上传"
        CLI = "cli", "导入命令"
        DEMO = "demo", "演示数据"

    class Status(models.TextChoices):
        PROCESSING = "processing", "处理中"
        DONE = "done", "已完成"
        DRY_RUN = "dry_run", "试校验（未入库）"
        REJECTED = "rejected", "整批退回"
        FAILED = "failed", "处理失败"
        INTERRUPTED = "interrupted", "已中断（可重新导入）"

    item = models.ForeignKey(CatalogItem, verbose_name="信息项", on_delete=models.PROTECT, related_name="batches")
    item_version = models.ForeignKey(CatalogItemVersion, verbose_name="目录版本", on_delete=models.PROTECT,
                                     related_name="batches")
    provider = models.ForeignKey(Organization, verbose_name="报送单位", on_delete=models.PROTECT,
                                 related_name="batches")
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="报送人", null=True, blank=True,
                                     on_delete=models.PROTECT, related_name="+")
    channel = models.CharField("渠道", max_length=8, choices=Channel.choices)
    file_name = models.CharField("文件名", max_length=255, blank=True)
    file_sha256 = models.CharField("文件摘要", max_length=64, blank=True, db_index=True)
    dry_run = models.BooleanField("试校验", default=False)
    atomic = models.BooleanField("全部成功才入库", default=False)
    status = models.CharField("状态", max_length=12, choices=Status.choices, default=Status.PROCESSING)
    message = models.CharField("说明", max_length=500, blank=True)
    total = models.PositiveIntegerField("总行数", default=0)
    accepted = models.PositiveIntegerField("接收", default=0)
    rejected = models.PositiveIntegerField("退回", default=0)
    created = models.PositiveIntegerField("新增", default=0)
    updated = models.PositiveIntegerField("更正", default=0)
    unchanged = models.PositiveIntegerField("未变化", default=0)
    withdrawn = models.PositiveIntegerField("撤销", default=0)
    source_file = models.CharField("原始文件（加密保存）", max_length=300, blank=True, editable=False)
    source_kept_until = models.DateField("原始文件保存至", null=True, blank=True, editable=False)
    unlisted_errors = models.PositiveIntegerField("未逐条列出的错误", default=0,
                                                  help_text="超过每批列出上限的错误只计数（docs/collection.md）")
    started_at = models.DateTimeField("开始时间", auto_now_add=True)
    finished_at = models.DateTimeField("完成时间", null=True, blank=True)

    class Meta:
        verbose_name = "报送批次"
        verbose_name_plural = "报送批次"
        ordering = ["-id"]
        indexes = [models.Index(fields=["provider", "-started_at"])]

    def __str__(self) -> str:
        return f"批次{self.pk} {self.item.name} {self.provider.short_name or self.provider.name}"


class BatchError(models.Model):
    batch = models.ForeignKey(Batch, verbose_name="批次", on_delete=models.CASCADE, related_name="errors")
    row = models.PositiveIntegerField("行号", help_text="文件中的行号（表头为第1行）；接口报送为第几条记录")
    decision_number = models.CharField("决定文书号", max_length=128, blank=True)
    field = models.CharField("字段", max_length=30, blank=True)
    code = models.CharField("错误代码", max_length=40)
    message = models.CharField("说明", max_length=500)

    class Meta:
        verbose_name = "退回原因"
        verbose_name_plural = "退回原因"
        ordering = ["batch", "row", "id"]

    def __str__(self) -> str:
        return f"第{self.row}行 {self.field} {self.message}"


class CreditRecordQuerySet(AudienceQuerySet):
    """Reads for a reader go through ``visible_to(audience)``, ``restrict(user)`` or ``handled_by(user)``
    (docs/architecture.md, "Visibility is one rule"); a test fails when a view, API, export or screening reads
    ``CreditRecord.objects`` without one."""

    def condition(self, audience, *, today=None):
        from .visibility import record_condition

        return record_condition(audience, today=today)

    def in_force(self, *, today=None) -> "CreditRecordQuerySet":
        """Valid and inside the publicity period: what grounds measures and lists (narrows, never widens)."""
        from .visibility import in_force_condition

        return self.filter(in_force_condition(today=today))

    def handled_by(self, user) -> "CreditRecordQuerySet":
        """The back office's work scope: the credit office and auditors every record, a department its own."""
        from publiccredit.accounts.roles import sees_everything

        if sees_everything(user):
            return self
        return self.filter(provider_id=getattr(user, "organization_id", None))


class CreditRecord(models.Model):
    """A credit record in its current version. Earlier versions are kept in RecordVersion; nothing is deleted."""

    class State(models.TextChoices):
        ACTIVE = "active", "有效"
        CORRECTED = "corrected", "已更正"
        WITHDRAWN = "withdrawn", "已撤销"
        REPAIRED = "repaired", "已修复"
        OBJECTION = "objection", "异议处理中"
        EXPIRED = "expired", "已过公示期"

    # Millions of rows arrive here, so every index and every deferred foreign-key check costs (about an eighth of
    # import time each). Foreign keys carry no index of their own (the composite indexes below serve the queries)
    # and no database constraint: intake fills them only with ids it has just read or created, nothing here or
    # there is ever deleted (Django's PROTECT guards the ORM), and `publiccredit check-records` verifies the links.
    item = models.ForeignKey(CatalogItem, verbose_name="信息项", on_delete=models.PROTECT, related_name="records",
                             db_index=False, db_constraint=False)
    item_version = models.ForeignKey(CatalogItemVersion, verbose_name="校验所用目录版本", on_delete=models.PROTECT,
                                     related_name="records", db_index=False, db_constraint=False)
    provider = models.ForeignKey(Organization, verbose_name="报送单位", on_delete=models.PROTECT, related_name="records",
                                 db_index=False, db_constraint=False)
    subject = models.ForeignKey("subjects.Subject", verbose_name="信用主体", null=True, blank=True,
                                on_delete=models.PROTECT, related_name="records", db_index=False, db_constraint=False)
    # 16 bytes of BLAKE2b: a native uuid on PostgreSQL, so the unique index compares bytes, not collated text.
    key_hash = models.UUIDField("业务主键摘要", unique=True)
    decision_number = models.CharField("决定文书号", max_length=128)
    party_name = models.CharField("相对人名称", max_length=200)
    party_name_normalized = models.CharField("相对人规范化名称", max_length=200)
    party_kind = models.CharField("相对人类别", max_length=20)
    party_code = models.CharField("相对人代码（身份证号已掩码）", max_length=64, blank=True)
    payload = models.JSONField("内容（证件号码已掩码）")
    protected = models.JSONField("加密字段（SM4）", default=dict, blank=True)
    content_hash = models.CharField("内容摘要", max_length=32)
    decision_date = models.DateField("决定日期", null=True, blank=True)
    received_at = models.DateTimeField("首次接收时间")
    updated_at = models.DateTimeField("最近更新时间")
    lateness_working_days = models.PositiveIntegerField("报送用时（工作日）", null=True, blank=True)
    on_time = models.BooleanField("按时报送", null=True)
    severity = models.CharField("失信程度", max_length=10, choices=Severity.choices, blank=True)
    published = models.BooleanField("向社会公示", default=True)
    publicity_start = models.DateField("公示起始", null=True, blank=True)
    repairable_from = models.DateField("最短公示期满（可申请修复）", null=True, blank=True)
    publicity_end = models.DateField("公示截止", null=True, blank=True)
    state = models.CharField("状态", max_length=10, choices=State.choices, default=State.ACTIVE)
    version = models.PositiveIntegerField("版本", default=1)
    batch = models.ForeignKey(Batch, verbose_name="最近批次", on_delete=models.PROTECT, related_name="+", db_index=False,
                              db_constraint=False)

    objects = CreditRecordQuerySet.as_manager()

    class Meta:
        verbose_name = "信用记录"
        verbose_name_plural = "信用记录"
        ordering = ["-decision_date", "-id"]
        indexes = [
            # A subject's records, covering what the evaluation's facts, screening and the visibility rule read: a
            # chunk of a full evaluation (20,000 subjects, ~190,000 records scattered over the table) is an
            # index-only scan, 0.2 s instead of 2 s of heap reads (bench/README.md).
            models.Index(fields=["subject", "item"], name="record_subject_item_cover",
                         include=["state", "publicity_end", "severity", "decision_date", "decision_number", "id"]),
            models.Index(fields=["provider", "received_at"], name="record_provider_received_idx"),
            models.Index(fields=["item", "decision_date"], name="record_item_decision_idx"),
            # one decision has one source: intake looks a decision number up across providers
            models.Index(fields=["item", "decision_number"], name="record_item_decision_no_idx"),
            models.Index(fields=["party_name_normalized"], condition=models.Q(subject__isnull=True),
                         name="record_unlinked_name_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.item.name} {self.decision_number}"


class RecordVersion(models.Model):
    class Change(models.TextChoices):
        CREATED = "created", "首次报送"
        CORRECTED = "corrected", "更正"
        WITHDRAWN = "withdrawn", "撤销"
        REPAIRED = "repaired", "信用修复"

    # The unique (record, number) index serves lookups by record. Versions are written only by intake, in the
    # transaction that writes their record, and records are never deleted: no per-row constraint check at commit.
    record = models.ForeignKey(CreditRecord, verbose_name="记录", on_delete=models.PROTECT, related_name="versions",
                               db_index=False, db_constraint=False)
    number = models.PositiveIntegerField("版本号")
    change = models.CharField("变更", max_length=10, choices=Change.choices)
    payload = models.JSONField("内容（证件号码已掩码）")
    protected = models.JSONField("加密字段（SM4）", default=dict, blank=True)
    content_hash = models.CharField("内容摘要", max_length=32)
    reason = models.CharField("原因", max_length=500, blank=True)
    batch = models.ForeignKey(Batch, verbose_name="批次", on_delete=models.PROTECT, related_name="versions",
                              db_index=False, db_constraint=False)
    recorded_at = models.DateTimeField("记录时间")

    class Meta:
        verbose_name = "记录版本"
        verbose_name_plural = "记录版本"
        ordering = ["record", "number"]
        constraints = [models.UniqueConstraint(fields=["record", "number"], name="record_version_unique")]

    def __str__(self) -> str:
        return f"{self.record_id} v{self.number} {self.get_change_display()}"
