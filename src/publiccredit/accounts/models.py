from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models import Q

from publiccredit.core.fields import EncryptedTextField

from .roles import Role


class User(AbstractUser):
    """A person (or a department system) using the platform. Staff belong to exactly one organisation."""

    role = models.CharField("角色", max_length=20, choices=Role.choices, default=Role.PROVIDER_CLERK)
    organization = models.ForeignKey("organizations.Organization", verbose_name="所属单位", null=True, blank=True,
                                     on_delete=models.PROTECT, related_name="users")
    subject = models.ForeignKey("subjects.Subject", verbose_name="绑定的信用主体", null=True, blank=True,
                                on_delete=models.PROTECT, related_name="accounts")
    phone = EncryptedTextField("联系电话", blank=True)

    class Meta:
        verbose_name = "用户"
        verbose_name_plural = "用户"
        permissions = [("issue_token", "可签发接口令牌")]
        constraints = [
            models.CheckConstraint(
                name="user_belongs_to_organization_or_subject",
                condition=Q(is_superuser=True) | Q(role="subject_user") | Q(organization__isnull=False),
            ),
        ]

    def __str__(self) -> str:
        label = self.get_full_name() or self.username
        return f"{label}（{self.organization}）" if self.organization_id else label

    @property
    def is_system_account(self) -> bool:
        return self.role == Role.SYSTEM


class ApiToken(models.Model):
    """A bearer token of an organisation's system account. Only its SM3 hash is stored."""

    user = models.ForeignKey(User, verbose_name="系统账号", on_delete=models.PROTECT, related_name="api_tokens")
    name = models.CharField("用途", max_length=100, blank=True)
    prefix = models.CharField("令牌前缀", max_length=12, db_index=True)
    token_hash = models.CharField("令牌哈希（SM3）", max_length=64, unique=True)
    scopes = models.JSONField("权限范围", default=list)
    created_at = models.DateTimeField("签发时间", auto_now_add=True)
    expires_at = models.DateTimeField("到期时间", null=True, blank=True)
    revoked_at = models.DateTimeField("撤销时间", null=True, blank=True)
    last_used_at = models.DateTimeField("最近使用", null=True, blank=True)

    class Meta:
        verbose_name = "接口令牌"
        verbose_name_plural = "接口令牌"
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.prefix}… {self.name}"

    @property
    def organization(self):
        return self.user.organization
