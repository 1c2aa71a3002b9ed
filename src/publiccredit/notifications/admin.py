import re

from django import forms
from django.contrib import admin
from django.template import Context, Template, TemplateSyntaxError

from publiccredit.audit.modeladmin import AuditedModelAdmin, ReadOnlyAdmin

from .models import MessageTemplate, Notification
from .occasions import variables_for

VARIABLE = re.compile(r"{{\s*([A-Za-z_][A-Za-z0-9_]*)")


class MessageTemplateForm(forms.ModelForm):
    class Meta:
        model = MessageTemplate
        fields = ["topic", "audience", "name", "title", "body", "by_sms", "by_email", "on_site", "enabled"]

    def clean(self):
        cleaned = super().clean()
        for name in ("title", "body"):
            try:
                rendered = Template(cleaned.get(name) or "").render(Context({}))
            except TemplateSyntaxError as exc:
                self.add_error(name, f"变量写法有误：{exc}")
            else:
                if any(mark in rendered for mark in ("{{", "}}", "{%", "%}")):
                    self.add_error(name, "变量写法有误：有未成对的 {{ }} 或 {% %}，变量应写作 {{ number }}")
                    continue
            allowed = variables_for(cleaned.get("topic") or "")
            used = set(VARIABLE.findall(cleaned.get(name) or ""))
            if allowed is not None and used - allowed:
                self.add_error(name, f"未知变量：{'、'.join(sorted(used - allowed))}。此事件可用的变量："
                                     f"{'、'.join(sorted(allowed))}")
        return cleaned


@admin.register(MessageTemplate)
class MessageTemplateAdmin(AuditedModelAdmin):
    form = MessageTemplateForm
    list_display = ("name", "topic", "audience", "by_sms", "by_email", "on_site", "enabled")
    list_filter = ("audience", "enabled", "by_sms", "by_email")
    list_editable = ("by_sms", "by_email", "on_site", "enabled")
    search_fields = ("name", "topic", "title", "body")


@admin.register(Notification)
class NotificationAdmin(ReadOnlyAdmin):
    """The delivery log: addresses only masked; nothing is edited here."""

    list_display = ("created_at", "channel", "title", "user", "address_masked", "state", "attempts", "sent_at")
    list_filter = ("channel", "state", "topic")
    search_fields = ("title", "topic")
    readonly_fields = [f.name for f in Notification._meta.fields if f.name != "address_encrypted"]
    exclude = ("address_encrypted",)
