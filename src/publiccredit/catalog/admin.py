from django.contrib import admin

from publiccredit.audit.context import set_channel
from publiccredit.audit.modeladmin import AuditedModelAdmin, ReadOnlyAdmin

from .models import CatalogItem, CatalogItemVersion, Category, ItemField, PublicityPeriod, SeverityRule
from .services import publish_version


@admin.register(Category)
class CategoryAdmin(AuditedModelAdmin):
    list_display = ("code", "name", "sort_order")


class ItemFieldInline(admin.TabularInline):
    model = ItemField
    extra = 0
    fields = ("sort_order", "code", "name", "type", "max_length", "required", "choices", "role")


class SeverityRuleInline(admin.TabularInline):
    model = SeverityRule
    extra = 0
    fields = ("sort_order", "severity", "conditions", "description")


class PublicityPeriodInline(admin.TabularInline):
    model = PublicityPeriod
    extra = 0
    fields = ("severity", "published", "min_months", "max_months")
    verbose_name_plural = "本信息项的公示期限（留空则用全市默认）"


@admin.register(CatalogItem)
class CatalogItemAdmin(AuditedModelAdmin):
    list_display = ("name", "code", "category", "disclosure", "nature", "portal_column", "deadline_working_days",
                    "version_number", "is_active")
    list_filter = ("category", "disclosure", "nature", "portal_column", "is_active")
    search_fields = ("code", "name")
    filter_horizontal = ("providers", "relay_providers")
    inlines = [ItemFieldInline, SeverityRuleInline, PublicityPeriodInline]
    readonly_fields = ("version_number", "is_builtin")

    @admin.display(description="当前版本")
    def version_number(self, item):
        return f"v{item.current_version.number}" if item.current_version_id else "—"

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        set_channel("admin")
        publish_version(item=form.instance, actor=request.user, reason="管理后台修改目录信息项")


@admin.register(PublicityPeriod)
class PublicityPeriodAdmin(AuditedModelAdmin):
    list_display = ("severity", "item", "published", "min_months", "max_months")
    list_filter = ("severity",)


@admin.register(CatalogItemVersion)
class CatalogItemVersionAdmin(ReadOnlyAdmin):
    list_display = ("item", "number", "created_at")
    list_filter = ("item",)
    readonly_fields = ("item", "number", "schema", "created_at")
