from django.contrib import admin

from publiccredit.audit.modeladmin import AuditedModelAdmin, ReadOnlyAdmin

from .models import AgencyQuery, Authorisation, CreditReport, ReportDomain, ReportSettings


@admin.register(ReportSettings)
class ReportSettingsAdmin(AuditedModelAdmin):
    list_display = ("__str__", "validity_days", "max_years")


@admin.register(ReportDomain)
class ReportDomainAdmin(AuditedModelAdmin):
    list_display = ("code", "name", "sort_order")
    filter_horizontal = ("organizations",)


@admin.register(CreditReport)
class CreditReportAdmin(ReadOnlyAdmin):
    """Read-only: a report is never changed after it is issued."""

    list_display = ("number", "kind", "subject", "channel", "issued_at", "valid_until", "key_id")
    list_filter = ("kind", "channel")
    exclude = ("pdf", "signature", "code_hash")


@admin.register(Authorisation)
class AuthorisationAdmin(ReadOnlyAdmin):
    list_display = ("subject", "agency", "scope", "valid_from", "valid_until", "state")
    list_filter = ("scope", "state")


@admin.register(AgencyQuery)
class AgencyQueryAdmin(ReadOnlyAdmin):
    list_display = ("at", "agency", "subject", "user", "records")
