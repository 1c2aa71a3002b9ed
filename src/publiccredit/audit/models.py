"""The append-only audit log, chained with SM3 hashes so that any alteration or removal is detectable."""

from django.db import models

GENESIS_HASH = "0" * 64


class AuditEntryQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise TypeError("审计日志只能追加，不能修改")

    def delete(self):
        raise TypeError("审计日志只能追加，不能删除")


class AuditEntry(models.Model):
    class Kind(models.TextChoices):
        WRITE = "write", "写入"
        READ = "read", "授权查阅"
        ACCESS = "access", "登录登出"

    class Channel(models.TextChoices):
        WEB = "web", "网页"
        ADMIN = "admin", "管理后台"
        API = "api", "接口"
        CLI = "cli", "命令行"
        SYSTEM = "system", "系统任务"

    seq = models.BigIntegerField("序号", unique=True, editable=False)
    occurred_at = models.DateTimeField("时间", editable=False)
    kind = models.CharField("类型", max_length=8, choices=Kind.choices, editable=False)
    channel = models.CharField("渠道", max_length=8, choices=Channel.choices, editable=False)
    action = models.CharField("操作", max_length=80, editable=False, db_index=True)
    actor_id = models.BigIntegerField("操作人ID", null=True, editable=False)
    actor_name = models.CharField("操作人", max_length=150, editable=False)
    organization_code = models.CharField("所属单位代码", max_length=18, blank=True, editable=False)
    organization_name = models.CharField("所属单位", max_length=200, blank=True, editable=False)
    target_type = models.CharField("对象类型", max_length=80, blank=True, editable=False)
    target_id = models.CharField("对象ID", max_length=64, blank=True, editable=False)
    target_label = models.CharField("对象", max_length=300, blank=True, editable=False)
    reason = models.CharField("事由", max_length=500, blank=True, editable=False)
    detail = models.JSONField("详情", default=dict, blank=True, editable=False)
    prev_hash = models.CharField("前一条哈希", max_length=64, editable=False)
    entry_hash = models.CharField("本条哈希（SM3）", max_length=64, editable=False)

    objects = AuditEntryQuerySet.as_manager()

    class Meta:
        verbose_name = "审计记录"
        verbose_name_plural = "审计记录"
        ordering = ["-seq"]
        indexes = [models.Index(fields=["target_type", "target_id"])]

    def __str__(self) -> str:
        return f"#{self.seq} {self.actor_name} {self.action} {self.target_label}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise TypeError("审计日志只能追加，不能修改")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise TypeError("审计日志只能追加，不能删除")


class AuditHead(models.Model):
    """The chain's current end. Locking this row serialises appends so the chain has one order."""

    last_seq = models.BigIntegerField(default=0)
    last_hash = models.CharField(max_length=64, default=GENESIS_HASH)

    class Meta:
        verbose_name = "审计链头"
        verbose_name_plural = "审计链头"

    def __str__(self) -> str:
        return f"审计链头 #{self.last_seq}"
