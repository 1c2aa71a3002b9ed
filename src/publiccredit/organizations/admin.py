from django.contrib import admin

from publiccredit.audit.modeladmin import AuditedModelAdmin

from .models import Organization, Region


@admin.register(Region)
class RegionAdmin(AuditedModelAdmin):
    list_display = ("code", "name", "level", "parent", "is_gb_code", "sort_order")
    list_filter = ("level", "is_gb_code")
    search_fields = ("code", "name")


@admin.register(Organization)
class OrganizationAdmin(AuditedModelAdmin):
    list_display = ("name", "short_name", "code", "kind", "region", "is_active")
    list_filter = ("kind", "region", "is_active")
    search_fields = ("name", "short_name", "code")
    autocomplete_fields = ("parent",)
    list_select_related = ("region",)

