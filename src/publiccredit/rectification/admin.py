from django.contrib import admin

from publiccredit.audit.modeladmin import HistoryInline, ReadOnlyAdmin

from .models import Interview, RectificationReport, RectificationTask


class ReportInline(HistoryInline):
    model = RectificationReport
    fields = ("filed_at", "text", "is_final", "answer", "answer_note", "answered_at")
    readonly_fields = fields


@admin.register(RectificationTask)
class RectificationTaskAdmin(ReadOnlyAdmin):
    """Read-only here: rectifications change only through the services (the back office's pages, each step
    audited); a department sees its own."""

    list_display = ("number", "subject", "department", "source", "issued_on", "due_on", "state")
    list_filter = ("state", "source")
    search_fields = ("number", "subject__name", "subject__uscc")
    raw_id_fields = ("subject", "record", "list_entry", "overdue_record")
    inlines = [ReportInline]

    def get_queryset(self, request):
        return RectificationTask.objects.handled_by(request.user).select_related("subject", "department")


@admin.register(Interview)
class InterviewAdmin(ReadOnlyAdmin):
    list_display = ("number", "subject", "department", "kind", "held_on")
    list_filter = ("kind",)
    search_fields = ("number", "subject__name", "subject__uscc")
    raw_id_fields = ("subject", "task", "record")

    def get_queryset(self, request):
        return Interview.objects.handled_by(request.user).select_related("subject", "department")
