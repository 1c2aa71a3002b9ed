from django.contrib import admin

from publiccredit.audit.modeladmin import AuditedModelAdmin, ReadOnlyAdmin

from .models import Completion, Course, Question


class QuestionInline(admin.TabularInline):
    model = Question
    extra = 1


@admin.register(Course)
class CourseAdmin(AuditedModelAdmin):
    list_display = ("code", "title", "repair_route", "pass_score", "is_active", "sort_order")
    list_filter = ("repair_route", "is_active")
    inlines = [QuestionInline]


@admin.register(Completion)
class CompletionAdmin(ReadOnlyAdmin):
    """Read-only: a completion is written only by a passed quiz (online or at a window, audited)."""

    list_display = ("subject", "course", "completed_on", "score", "channel", "department")
    list_filter = ("channel", "course")
