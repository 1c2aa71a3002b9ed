"""Admin plumbing: every save and delete made in the admin goes through an audited service."""

from django.contrib import admin

from .context import set_channel
from .services import delete_configuration, save_configuration

admin.site.site_header = "上饶市公共信用信息平台 · 管理后台"
admin.site.site_title = "公共信用信息平台"
admin.site.index_title = "平台配置与管理"


class AuditedModelAdmin(admin.ModelAdmin):
    def save_model(self, request, obj, form, change):
        set_channel("admin")
        save_configuration(instance=obj, actor=request.user, changed_fields=list(form.changed_data))

    def delete_model(self, request, obj):
        set_channel("admin")
        delete_configuration(instance=obj, actor=request.user)

    def delete_queryset(self, request, queryset):
        set_channel("admin")
        for obj in queryset:
            delete_configuration(instance=obj, actor=request.user)


class SingletonSettingsAdmin(AuditedModelAdmin):
    """One row of settings: it can be added once and edited, never a second."""

    def has_add_permission(self, request):
        return super().has_add_permission(request) and not self.model.objects.exists()


class ReadOnlyAdmin(admin.ModelAdmin):
    """Evidence and logs (records, audit entries, events, workflow items, messages) change only through their
    services, never by hand in the admin."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class HistoryInline(admin.TabularInline):
    """The steps of a workflow (who, when, why), shown read-only under the item they belong to."""

    fields = ("at", "state", "actor", "note")
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False
