from django.db import models


class OutboxEvent(models.Model):
    """An event written in the same transaction as the change it announces; workers consume it after commit."""

    topic = models.CharField("主题", max_length=80, db_index=True)
    payload = models.JSONField("内容", default=dict)
    created_at = models.DateTimeField("产生时间", auto_now_add=True)
    processed_at = models.DateTimeField("处理时间", null=True, blank=True, db_index=True)
    attempts = models.PositiveIntegerField("尝试次数", default=0)
    last_error = models.TextField("最近错误", blank=True)

    class Meta:
        verbose_name = "事件"
        verbose_name_plural = "事件发件箱"
        ordering = ["id"]
        indexes = [models.Index(fields=["processed_at", "id"], name="outbox_pending_idx")]

    def __str__(self) -> str:
        return f"{self.topic} #{self.pk}"
