from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin

from publiccredit.audit.context import set_channel
from publiccredit.audit.modeladmin import AuditedModelAdmin
from publiccredit.core.errors import DomainError

from .models import ApiToken, User
from .roles import STAFF_ROLES
from .services import revoke_token


@admin.register(User)
class UserAdmin(AuditedModelAdmin, DjangoUserAdmin):
    list_display = ("username", "first_name", "role", "organization", "is_active", "is_staff", "last_login")
    list_filter = ("role", "is_active", "is_staff", "organization__kind")
    search_fields = ("username", "first_name", "last_name", "organization__name")
    autocomplete_fields = ("organization",)
    raw_id_fields = ("subject",)
    fieldsets = (
        (None, {"fields": ("username", "password")}),
        ("个人信息", {"fields": ("first_name", "last_name", "email", "phone")}),
        ("角色与单位", {"fields": ("role", "organization", "subject")}),
        ("权限", {"fields": ("is_active", "is_staff", "is_superuser", "user_permissions")}),
        ("时间", {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = (
        (None, {"classes": ("wide",), "fields": ("username", "password1", "password2", "role", "organization")}),
    )

    def save_model(self, request, obj, form, change):
        obj.is_staff = obj.is_superuser or obj.role in STAFF_ROLES  # back-office access follows the role
        super().save_model(request, obj, form, change)

    def has_delete_permission(self, request, obj=None):
        return False  # accounts are deactivated, never deleted: the audit log refers to them


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = ("prefix", "name", "organization_name", "scopes", "created_at", "expires_at", "revoked_at",
                    "last_used_at")
    list_filter = ("revoked_at",)
    search_fields = ("prefix", "name", "user__organization__name")
    readonly_fields = ("user", "name", "prefix", "scopes", "created_at", "expires_at", "revoked_at", "last_used_at")
    exclude = ("token_hash",)
    actions = ["revoke"]

    @admin.display(description="单位")
    def organization_name(self, token):
        return token.user.organization.name if token.user.organization_id else "—"

    def has_add_permission(self, request):
        return False  # tokens are issued with `publiccredit issue-token`, which shows the secret once

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.action(description="撤销所选令牌", permissions=["view"])
    def revoke(self, request, queryset):
        if not request.user.has_perm("accounts.issue_token"):
            self.message_user(request, "无权撤销令牌", messages.ERROR)
            return
        set_channel("admin")
        for token in queryset.filter(revoked_at__isnull=True):
            try:
                revoke_token(prefix=token.prefix, actor=request.user, reason="管理后台撤销")
            except DomainError as exc:
                self.message_user(request, exc.message, messages.ERROR)
        self.message_user(request, "已撤销所选令牌")
