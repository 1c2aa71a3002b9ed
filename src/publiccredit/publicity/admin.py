from django.contrib import admin

from publiccredit.audit.modeladmin import AuditedModelAdmin

from .models import Article


@admin.register(Article)
class ArticleAdmin(AuditedModelAdmin):
    list_display = ("title", "kind", "published_at", "is_published", "source")
    list_filter = ("kind", "is_published")
    search_fields = ("title", "body")
    date_hierarchy = "published_at"
