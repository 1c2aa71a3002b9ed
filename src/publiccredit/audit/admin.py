from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse
from django.urls import path

from publiccredit.audit.modeladmin import ReadOnlyAdmin

from .checkpoints import checkpoint_file, read_checkpoints
from .labels import action_label
from .models import AuditEntry
from .services import record_read, verify_chain


@admin.register(AuditEntry)
class AuditEntryAdmin(ReadOnlyAdmin):
    def get_urls(self):
        verify = path("verify/", self.admin_site.admin_view(self.verify_view), name="audit_auditentry_verify")
        return [verify, *super().get_urls()]

    def verify_view(self, request):
        """The auditor checks the chain against the signed checkpoints kept outside the database."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        result = verify_chain()
        record_read(actor=request.user, action="audit.chain.verify", target_type="audit.chain",
                    target_label="审计链校验", detail={"intact": result.intact, "checked": result.checked})
        context = {**self.admin_site.each_context(request), "title": "审计链校验", "result": result,
                   "checkpoints": list(reversed(read_checkpoints()))[:50], "checkpoint_file": checkpoint_file()}
        return TemplateResponse(request, "admin/audit/auditentry/verify.html", context)

    def changelist_view(self, request, extra_context=None):
        extra_context = {**(extra_context or {}), "verify_url": "verify/"}
        return super().changelist_view(request, extra_context)
    list_display = ("seq", "occurred_at", "kind", "actor_name", "organization_name", "action_name", "target_label")
    list_filter = ("kind", "channel", "action")
    search_fields = ("actor_name", "organization_name", "action", "target_label", "reason")
    readonly_fields = [f.name for f in AuditEntry._meta.fields]
    date_hierarchy = "occurred_at"

    @admin.display(description="操作", ordering="action")
    def action_name(self, entry):
        return action_label(entry.action)
