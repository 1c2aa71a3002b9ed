from django.contrib import admin

from publiccredit.audit.modeladmin import ReadOnlyAdmin

from .models import OutboxEvent


@admin.register(OutboxEvent)
class OutboxEventAdmin(ReadOnlyAdmin):
    list_display = ("id", "topic", "created_at", "processed_at", "attempts", "last_error")
    list_filter = ("topic",)
    readonly_fields = ("topic", "payload", "created_at", "processed_at", "attempts", "last_error")
