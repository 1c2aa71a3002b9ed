from django.contrib import admin

from publiccredit.audit.modeladmin import AuditedModelAdmin, HistoryInline, ReadOnlyAdmin

from .models import ListEntry, ListEntryStep, ListKind, ListStatement, ProposalRule


@admin.register(ListKind)
class ListKindAdmin(AuditedModelAdmin):
    list_display = ("name", "code", "category", "objection_working_days", "default_years", "is_active")
    list_filter = ("category", "is_active")


class ListEntryStepInline(HistoryInline):
    model = ListEntryStep


class ListStatementInline(HistoryInline):
    model = ListStatement
    fields = ("filed_at", "filer_name", "text", "adopted", "answer", "answered_by", "answered_at")
    readonly_fields = fields


@admin.register(ListEntry)
class ListEntryAdmin(ReadOnlyAdmin):
    """Read-only here: entries change only through the workflow services (each step audited)."""

    list_display = ("kind", "subject", "state", "start", "end", "decision_number")
    list_filter = ("kind", "state")
    raw_id_fields = ("subject",)
    inlines = [ListStatementInline, ListEntryStepInline]


@admin.register(ProposalRule)
class ProposalRuleAdmin(AuditedModelAdmin):
    list_display = ("name", "kind", "min_severity", "penalty_categories", "min_count", "within_months", "is_active")
    list_filter = ("kind", "is_active")
    filter_horizontal = ("items",)
