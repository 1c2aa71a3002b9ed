from django.contrib import admin

from publiccredit.audit.modeladmin import ReadOnlyAdmin

from .models import MemberNote, Membership


@admin.register(Membership)
class MembershipAdmin(ReadOnlyAdmin):
    """Read-only for the credit office: associations keep their members on their own pages (audited)."""

    list_display = ("association", "subject", "member_number", "joined_on", "state")
    list_filter = ("association", "state")


@admin.register(MemberNote)
class MemberNoteAdmin(ReadOnlyAdmin):
    list_display = ("association", "subject", "kind", "title", "decided_on")
    list_filter = ("association", "kind")
