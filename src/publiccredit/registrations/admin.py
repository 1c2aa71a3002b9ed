from django.contrib import admin

from publiccredit.audit.modeladmin import HistoryInline, ReadOnlyAdmin

from .models import Registration, RegistrationStep


class RegistrationStepInline(HistoryInline):
    model = RegistrationStep


@admin.register(Registration)
class RegistrationAdmin(ReadOnlyAdmin):
    """Read-only: registrations change only through their services, decided in the back office."""

    list_display = ("number", "subject", "kind", "title", "department", "state", "submitted_at")
    list_filter = ("state", "kind")
    search_fields = ("number", "title", "certificate_number")
    exclude = ("query_code_hash",)
    inlines = [RegistrationStepInline]
