from django.contrib import admin, messages
from django.db.models import Q
from django.utils import timezone

from publiccredit.accounts.roles import sees_everything
from publiccredit.audit.context import set_channel
from publiccredit.audit.modeladmin import AuditedModelAdmin, ReadOnlyAdmin
from publiccredit.core.errors import DomainError

from .models import (
    GradeRatio,
    InspectionMatter,
    InspectionPlan,
    InspectionResult,
    InspectionTask,
    Inspector,
    InspectorConflict,
    ObjectDirectory,
)
from .services import draw_plan, freeze_plan, next_plan_number


class OwnDepartmentAdmin(AuditedModelAdmin):
    """A department sees and edits only its own rows; the credit office all (docs/inspections.md)."""

    department_field = "department"

    def get_queryset(self, request):
        rows = super().get_queryset(request)
        if sees_everything(request.user):
            return rows
        return rows.filter(**{f"{self.department_field}_id": request.user.organization_id})

    def get_readonly_fields(self, request, obj=None):
        fields = super().get_readonly_fields(request, obj)
        own = self.department_field == "department" and not sees_everything(request.user)
        return (*fields, "department") if own else fields

    def save_model(self, request, obj, form, change):
        if self.department_field == "department" and not sees_everything(request.user):
            obj.department_id = request.user.organization_id
        super().save_model(request, obj, form, change)


@admin.register(InspectionMatter)
class InspectionMatterAdmin(OwnDepartmentAdmin):
    list_display = ("code", "name", "department", "method", "is_active")
    list_filter = ("department", "method", "is_active")
    search_fields = ("code", "name")


@admin.register(ObjectDirectory)
class ObjectDirectoryAdmin(OwnDepartmentAdmin):
    list_display = ("name", "department", "industry_codes", "region_codes", "licence_item", "is_active")
    list_filter = ("department", "is_active")


@admin.register(Inspector)
class InspectorAdmin(OwnDepartmentAdmin):
    list_display = ("name", "certificate_number", "department", "domains", "is_active")
    list_filter = ("department", "is_active")
    search_fields = ("name", "certificate_number")


@admin.register(InspectorConflict)
class InspectorConflictAdmin(OwnDepartmentAdmin):
    department_field = "inspector__department"
    list_display = ("inspector", "subject", "reason", "declared_on")
    raw_id_fields = ("subject",)


@admin.register(GradeRatio)
class GradeRatioAdmin(AuditedModelAdmin):
    list_display = ("grade", "label", "ratio", "frequency", "sort_order")


@admin.register(InspectionPlan)
class InspectionPlanAdmin(OwnDepartmentAdmin):
    list_display = ("number", "title", "department", "state", "candidates_count", "frozen_at", "drawn_at")
    list_filter = ("state", "department")
    readonly_fields = ("number", "state", "commitment", "seed", "candidates_sha256", "candidates_count", "frozen_at",
                       "drawn_at", "frozen_by", "created_by")
    filter_horizontal = ("matters", "joint_departments")
    actions = ["freeze", "draw"]

    def save_model(self, request, obj, form, change):
        if not change:  # checked again, with every reason, when it is frozen
            obj.number, obj.created_by = next_plan_number(timezone.localdate()), request.user
        super().save_model(request, obj, form, change)

    def has_change_permission(self, request, obj=None):
        frozen = obj is not None and obj.state != InspectionPlan.State.DRAFT
        return not frozen and super().has_change_permission(request, obj)

    @admin.action(description="审批并冻结（公布候选名单和种子承诺值）")
    def freeze(self, request, queryset):
        set_channel("admin")
        for plan in queryset:
            try:
                freeze_plan(plan=plan, actor=request.user)
                self.message_user(request, f"计划{plan.number}已冻结", messages.SUCCESS)
            except DomainError as exc:
                self.message_user(request, f"{plan.number}：{exc.message}", messages.ERROR)

    @admin.action(description="抽取（公开种子）")
    def draw(self, request, queryset):
        set_channel("admin")
        for plan in queryset:
            try:
                drawn = draw_plan(plan=plan, actor=request.user)
                self.message_user(request, f"计划{plan.number}已抽取，抽中{drawn.tasks.count()}户", messages.SUCCESS)
            except DomainError as exc:
                self.message_user(request, f"{plan.number}：{exc.message}", messages.ERROR)


@admin.register(InspectionTask)
class InspectionTaskAdmin(ReadOnlyAdmin):
    list_display = ("plan", "code", "grade", "rank", "inspectors")
    list_filter = ("plan",)


@admin.register(InspectionResult)
class InspectionResultAdmin(ReadOnlyAdmin):
    """Read-only: results are recorded in the back office (each audited and published); a department sees those of
    the plans it leads or joins, whose facts are not public."""

    list_display = ("task", "outcome", "inspected_on", "recorded_at")
    list_filter = ("outcome",)
    search_fields = ("task__code", "task__plan__number")

    def get_queryset(self, request):
        results = super().get_queryset(request).select_related("task__plan")
        if sees_everything(request.user):
            return results
        organization = request.user.organization_id
        return results.filter(Q(task__plan__department_id=organization)
                              | Q(task__plan__joint_departments=organization)).distinct()
