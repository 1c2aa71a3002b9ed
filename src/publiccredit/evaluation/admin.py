from django.contrib import admin, messages

from publiccredit.accounts.roles import sees_everything
from publiccredit.audit.context import set_channel
from publiccredit.audit.modeladmin import AuditedModelAdmin, ReadOnlyAdmin
from publiccredit.core.errors import DomainError

from .models import (
    EvaluationModel,
    EvaluationResult,
    EvaluationRun,
    GradeBand,
    HardRule,
    Indicator,
    IndicatorFamily,
    ModelVersion,
)
from .services import publish_model


class FamilyInline(admin.TabularInline):
    model = IndicatorFamily
    extra = 0


class IndicatorInline(admin.TabularInline):
    model = Indicator
    fk_name = "model"
    extra = 0
    fields = ("family", "code", "name", "source", "catalog_item", "severity", "list_kind", "input_model", "points",
              "cap", "decay", "sort_order")


class GradeInline(admin.TabularInline):
    model = GradeBand
    extra = 0


class HardRuleInline(admin.TabularInline):
    model = HardRule
    extra = 0


@admin.register(EvaluationModel)
class EvaluationModelAdmin(AuditedModelAdmin):
    list_display = ("code", "name", "kind", "owner", "disclosure", "current_version", "is_active")
    list_filter = ("kind", "is_active")
    readonly_fields = ("current_version",)
    inlines = [FamilyInline, IndicatorInline, GradeInline, HardRuleInline]
    actions = ["publish"]

    # A department (the REGULATOR role) sees and edits only the industry models it owns; the credit office all.
    def get_queryset(self, request):
        models = super().get_queryset(request)
        if sees_everything(request.user):
            return models
        return models.filter(owner_id=request.user.organization_id, kind=EvaluationModel.Kind.INDUSTRY)

    def has_change_permission(self, request, obj=None):
        if not super().has_change_permission(request, obj):
            return False
        return obj is None or sees_everything(request.user) or (
            obj.owner_id == request.user.organization_id and obj.kind == EvaluationModel.Kind.INDUSTRY)

    def get_readonly_fields(self, request, obj=None):
        fields = super().get_readonly_fields(request, obj)
        return fields if sees_everything(request.user) else (*fields, "kind", "owner")

    def save_model(self, request, obj, form, change):
        if not sees_everything(request.user):
            obj.kind, obj.owner_id = EvaluationModel.Kind.INDUSTRY, request.user.organization_id
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        self._publish(request, form.instance)

    @admin.action(description="发布为新版本")
    def publish(self, request, queryset):
        for model in queryset:
            self._publish(request, model)

    def _publish(self, request, model):
        set_channel("admin")
        try:
            version = publish_model(model=model, actor=request.user, reason="管理后台修改信用评价模型")
        except DomainError as exc:
            self.message_user(request, f"{model.name}：{exc.message}（修改已保存，未发布新版本）", messages.WARNING)
        else:
            self.message_user(request, f"{model.name}：当前版本 v{version.number}")


@admin.register(ModelVersion)
class ModelVersionAdmin(ReadOnlyAdmin):
    list_display = ("model", "number", "published_at")


@admin.register(EvaluationRun)
class EvaluationRunAdmin(ReadOnlyAdmin):
    """Progress of each run: chunks done of all, subjects graded, and the state (有失败的分块 names its chunks)."""

    list_display = ("pk", "version", "kind", "state", "chunks_done", "chunks_total", "subjects_graded", "as_of",
                    "started_at", "finished_at")
    list_filter = ("state", "kind")


@admin.register(EvaluationResult)
class EvaluationResultAdmin(ReadOnlyAdmin):
    list_display = ("subject", "model", "version", "score", "grade", "capped_by", "as_of", "is_current")
    list_filter = ("model", "grade", "is_current")
    raw_id_fields = ("subject",)
