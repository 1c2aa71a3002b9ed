from django.contrib import admin

from publiccredit.accounts.roles import sees_everything
from publiccredit.audit.modeladmin import AuditedModelAdmin, ReadOnlyAdmin

from .models import Commitment, CommitmentTemplate, EligibilityRule


@admin.register(CommitmentTemplate)
class CommitmentTemplateAdmin(AuditedModelAdmin):
    """A department keeps its own templates (published on the 信用承诺专栏); the credit office every one."""

    list_display = ("code", "matter_name", "type", "department", "disclosure", "validity_months", "is_active")
    list_filter = ("type", "disclosure", "is_active", "department")
    search_fields = ("code", "matter_code", "matter_name", "title")

    def get_queryset(self, request):
        rows = super().get_queryset(request)
        return rows if sees_everything(request.user) else rows.filter(department_id=request.user.organization_id)

    def get_readonly_fields(self, request, obj=None):
        fields = super().get_readonly_fields(request, obj)
        return fields if sees_everything(request.user) else (*fields, "department")

    def save_model(self, request, obj, form, change):
        if not sees_everything(request.user):
            obj.department_id = request.user.organization_id
        super().save_model(request, obj, form, change)


@admin.register(EligibilityRule)
class EligibilityRuleAdmin(AuditedModelAdmin):
    list_display = ("code", "kind", "types", "within_months", "is_active")


@admin.register(Commitment)
class CommitmentAdmin(ReadOnlyAdmin):
    """Read-only: commitments change only through the services (signing, withdrawal, determination — audited)."""

    list_display = ("number", "committer_name", "type", "department", "made_on", "state", "fulfilment")
    list_filter = ("type", "state", "fulfilment", "channel")
    search_fields = ("number", "committer_name", "committer_code")

    def get_queryset(self, request):
        return Commitment.objects.handled_by(request.user).select_related("department")
