from django.contrib import admin

from publiccredit.audit.modeladmin import HistoryInline, ReadOnlyAdmin, SingletonSettingsAdmin

from .models import RepairApplication, RepairSettings, RepairStep


@admin.register(RepairSettings)
class RepairSettingsAdmin(SingletonSettingsAdmin):
    list_display = ("__str__", "decide_working_days", "push_working_days")


class RepairStepInline(HistoryInline):
    model = RepairStep


@admin.register(RepairApplication)
class RepairApplicationAdmin(ReadOnlyAdmin):
    """Read-only: applications change only through the repair services (back office, API, portal)."""

    list_display = ("number", "subject", "state", "submitted_at", "decide_by", "pushed_at")
    list_filter = ("state", "channel")
    search_fields = ("number",)
    exclude = ("query_code_hash",)
    inlines = [RepairStepInline]
