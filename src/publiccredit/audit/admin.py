from django.contrib import admin

from .labels import action_label
from .models import AuditEntry


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    list_display = ("seq", "occurred_at", "kind", "actor_name", "organization_name", "action_name", "target_label")
    list_filter = ("kind", "channel", "action")
    search_fields = ("actor_name", "organization_name", "action", "target_label", "reason")
    readonly_fields = [f.name for f in AuditEntry._meta.fields]
    date_hierarchy = "occurred_at"

    @admin.display(description="操作", ordering="action")
    def action_name(self, entry):
        return action_label(entry.action)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
