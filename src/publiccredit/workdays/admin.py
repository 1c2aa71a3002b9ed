from django.contrib import admin

from publiccredit.audit.modeladmin import AuditedModelAdmin

from .models import CalendarDay, CalendarYear
from .services import forget_cached_calendar


class CalendarAdmin(AuditedModelAdmin):
    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        forget_cached_calendar()

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        forget_cached_calendar()


@admin.register(CalendarYear)
class CalendarYearAdmin(CalendarAdmin):
    list_display = ("year", "source", "confirmed", "note")


@admin.register(CalendarDay)
class CalendarDayAdmin(CalendarAdmin):
    list_display = ("date", "is_working_day", "name")
    list_filter = ("is_working_day",)
    date_hierarchy = "date"
    search_fields = ("name",)
