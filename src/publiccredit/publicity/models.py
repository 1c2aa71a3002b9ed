"""Articles of the credit website's publicity columns (诚信宣传): news, policies, notices, typical cases."""

from django.db import models
from django.utils import timezone


class Article(models.Model):
    class Kind(models.TextChoices):
        NEWS = "news", "诚信动态"
        POLICY = "policy", "政策法规"
        NOTICE = "notice", "通知公告"
        CASE = "case", "典型案例"

    kind = models.CharField("栏目", max_length=10, choices=Kind.choices, default=Kind.NEWS)
    title = models.CharField("标题", max_length=200)
    summary = models.CharField("摘要", max_length=300, blank=True)
    body = models.TextField("正文", help_text="纯文本，空行分段")
    source = models.CharField("来源", max_length=100, blank=True, default="上饶市发展和改革委员会")
    published_at = models.DateTimeField("发布时间", default=timezone.now)
    is_published = models.BooleanField("发布", default=True)
    created_at = models.DateTimeField("创建时间", auto_now_add=True)

    class Meta:
        verbose_name = "诚信宣传文章"
        verbose_name_plural = "诚信宣传文章"
        ordering = ["-published_at", "-id"]
        indexes = [models.Index(fields=["is_published", "kind", "-published_at"])]

    def __str__(self) -> str:
        return self.title

    @property
    def paragraphs(self) -> list[str]:
        return [part.strip() for part in self.body.replace("\r\n", "\n").split("\n\n") if part.strip()]
