from django.contrib import admin

from publiccredit.audit.modeladmin import HistoryInline, ReadOnlyAdmin, SingletonSettingsAdmin

from .models import Objection, ObjectionSettings, ObjectionStep


@admin.register(ObjectionSettings)
class ObjectionSettingsAdmin(SingletonSettingsAdmin):
    list_display = ("__str__", "flag_working_days", "decide_working_days")


class ObjectionStepInline(HistoryInline):
    model = ObjectionStep


@admin.register(Objection)
class ObjectionAdmin(ReadOnlyAdmin):
    """Read-only: objections change only through the objection services."""

    list_display = ("number", "record", "provider", "state", "filed_at", "decide_by")
    list_filter = ("state", "provider")
    search_fields = ("number",)
    exclude = ("query_code_hash",)
    inlines = [ObjectionStepInline]
