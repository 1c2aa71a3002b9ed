from django.db import models


class MessageTemplate(models.Model):
    """What the platform says on an event, to whom and by which channels. The wording and the channels are the
    credit office's to edit (SMS costs money and its text is filed with the carrier); seeded defaults in
    ``reference.py``."""

    class Audience(models.TextChoices):
        FILER = "filer", "申请人/异议提出人"
        SUBJECT = "subject", "信用主体的绑定账号"
        DEPARTMENT = "department", "承办单位工作人员"

    topic = models.CharField("事件", max_length=80, help_text="如 repair.application.approve")
    audience = models.CharField("发送对象", max_length=12, choices=Audience.choices)
    name = models.CharField("说明", max_length=100)
    title = models.CharField("标题", max_length=100, help_text="站内消息与邮件的标题，可用变量")
    body = models.TextField("内容", help_text="短信、邮件与站内消息的正文，可用 {{ number }} 等变量；短信前自动加签名")
    by_sms = models.BooleanField("短信", default=False)
    by_email = models.BooleanField("电子邮件", default=False)
    on_site = models.BooleanField("站内消息", default=True)
    enabled = models.BooleanField("启用", default=True)

    class Meta:
        verbose_name = "消息模板"
        verbose_name_plural = "消息模板"
        ordering = ["topic", "audience"]
        constraints = [models.UniqueConstraint(fields=["topic", "audience"], name="one_template_per_topic_audience")]

    def __str__(self) -> str:
        return f"{self.name}（{self.get_audience_display()}）"


class Notification(models.Model):
    """One message to one recipient on one channel. ``key`` makes a re-handled event create nothing twice; the
    address (a phone number or an e-mail address) is personal data: stored encrypted, shown masked."""

    class Channel(models.TextChoices):
        SMS = "sms", "短信"
        EMAIL = "email", "电子邮件"
        SITE = "site", "站内消息"

    class State(models.TextChoices):
        PENDING = "pending", "待发送"
        SENT = "sent", "已发送"
        FAILED = "failed", "发送失败"

    key = models.CharField("去重键", max_length=200, unique=True, editable=False)
    topic = models.CharField("事件", max_length=80, db_index=True)
    channel = models.CharField("渠道", max_length=8, choices=Channel.choices)
    user = models.ForeignKey("accounts.User", verbose_name="接收账号", null=True, blank=True, on_delete=models.PROTECT,
                             related_name="notifications")
    address_encrypted = models.TextField("地址（加密）", blank=True, editable=False)
    address_masked = models.CharField("地址", max_length=80, blank=True)
    title = models.CharField("标题", max_length=200)
    body = models.TextField("内容")
    link = models.CharField("链接", max_length=300, blank=True)
    state = models.CharField("状态", max_length=8, choices=State.choices, default=State.PENDING)
    attempts = models.PositiveSmallIntegerField("尝试次数", default=0)
    last_error = models.CharField("最近错误", max_length=500, blank=True)
    created_at = models.DateTimeField("产生时间", auto_now_add=True)
    sent_at = models.DateTimeField("发送时间", null=True, blank=True)
    read_at = models.DateTimeField("阅读时间", null=True, blank=True)

    class Meta:
        verbose_name = "消息"
        verbose_name_plural = "消息记录"
        ordering = ["-id"]
        indexes = [models.Index(fields=["user", "channel", "read_at"], name="notification_inbox_idx"),
                   models.Index(fields=["state", "id"], name="notification_pending_idx")]

    def __str__(self) -> str:
        return f"{self.get_channel_display()} · {self.title}"
