from django.contrib import admin

from publiccredit.core.admin import ReadOnlyAdmin

from .labels import action_label
from .models import AuditEntry


@admin.register(AuditEntry)
class AuditEntryAdmin(ReadOnlyAdmin):
    list_display = ("seq", "occurred_at", "kind", "actor_name", "organization_name", "action_name", "target_label")
    list_filter = ("kind", "channel", "action")
    search_fields = ("actor_name", "organization_name", "action", "target_label", "reason")
    readonly_fields = [f.name for f in AuditEntry._meta.fields]
    date_hierarchy = "occurred_at"

    @admin.display(description="操作", ordering="action")
    def action_name(self, entry):
        return action_label(entry.action)
