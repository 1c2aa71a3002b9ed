from django.contrib import admin

from publiccredit.audit.modeladmin import ReadOnlyAdmin

from .models import Batch, BatchError, CreditRecord, RecordVersion


@admin.register(Batch)
class BatchAdmin(ReadOnlyAdmin):
    list_display = ("id", "item", "provider", "channel", "status", "total", "accepted", "rejected", "created",
                    "updated", "started_at")
    list_filter = ("status", "channel", "item")
    search_fields = ("file_name", "provider__name")
    list_select_related = ("item", "provider")


@admin.register(BatchError)
class BatchErrorAdmin(ReadOnlyAdmin):
    list_display = ("batch", "row", "field", "code", "message")
    list_filter = ("code",)
    raw_id_fields = ("batch",)


@admin.register(CreditRecord)
class CreditRecordAdmin(ReadOnlyAdmin):
    list_display = ("decision_number", "item", "party_name", "party_code", "provider", "decision_date", "severity",
                    "state", "version", "on_time")
    list_filter = ("item", "state", "severity", "on_time")
    search_fields = ("decision_number", "party_name")
    list_select_related = ("item", "provider")
    exclude = ("protected",)  # encrypted ID numbers are never shown
    show_full_result_count = False


@admin.register(RecordVersion)
class RecordVersionAdmin(ReadOnlyAdmin):
    list_display = ("record", "number", "change", "reason", "recorded_at")
    list_filter = ("change",)
    raw_id_fields = ("record", "batch")
    exclude = ("protected",)
