from django.contrib import admin

from publiccredit.audit.modeladmin import AuditedModelAdmin, ReadOnlyAdmin

from .models import Matter, Measure, MeasureFeedback, Memorandum, Screening


@admin.register(Matter)
class MatterAdmin(AuditedModelAdmin):
    list_display = ("name", "code", "description", "is_active", "sort_order")
    list_filter = ("is_active",)


@admin.register(Memorandum)
class MemorandumAdmin(AuditedModelAdmin):
    list_display = ("title", "document_number", "issued_on", "effect", "lead_department", "is_active")
    list_filter = ("effect", "is_active")
    search_fields = ("title", "document_number")
    filter_horizontal = ("participants", "list_kinds")


@admin.register(Measure)
class MeasureAdmin(AuditedModelAdmin):
    list_display = ("code", "name", "type", "effect", "implementer", "scope", "grades", "is_active")
    list_filter = ("effect", "type", "scope", "matters", "is_active")
    search_fields = ("code", "name", "legal_basis")
    filter_horizontal = ("list_kinds", "record_items", "matters")


@admin.register(Screening)
class ScreeningAdmin(ReadOnlyAdmin):
    list_display = ("id", "created_at", "organization", "matter", "channel", "total", "found", "hits", "measures")
    list_filter = ("matter", "channel", "organization")
    date_hierarchy = "created_at"


@admin.register(MeasureFeedback)
class MeasureFeedbackAdmin(ReadOnlyAdmin):
    list_display = ("at", "organization", "measure", "executed", "note")
    list_filter = ("executed", "measure", "organization")
