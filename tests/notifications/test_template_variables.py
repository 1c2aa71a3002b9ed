"""A message template may use only the variables its event offers: a misspelt one is refused in the admin with the
list of those it may use, instead of silently sending an empty gap."""

import pytest

from publiccredit.notifications.admin import MessageTemplateForm
from publiccredit.notifications.models import MessageTemplate

pytestmark = pytest.mark.django_db


def form(topic: str, body: str) -> MessageTemplateForm:
    return MessageTemplateForm(data={"topic": topic, "audience": "filer", "name": "测试", "title": "标题",
                                     "body": body, "on_site": True, "enabled": True})


def test_a_misspelt_variable_is_refused_with_the_ones_that_exist():
    checked = form("repair.application.custom_step", "您的申请{{ nmber }}已办结")
    assert not checked.is_valid()
    message = checked.errors["body"][0]
    assert "未知变量：nmber" in message and "number" in message


def test_a_known_variable_is_accepted():
    assert form("repair.application.custom_step", "您的申请{{ number }}已办结，理由：{{ reason }}").is_valid()


def test_every_seeded_template_uses_only_its_events_variables():
    templates = list(MessageTemplate.objects.all())
    assert templates
    for template in templates:
        checked = MessageTemplateForm(instance=template, data={
            "topic": template.topic, "audience": template.audience, "name": template.name, "title": template.title,
            "body": template.body, "by_sms": template.by_sms, "by_email": template.by_email,
            "on_site": template.on_site, "enabled": template.enabled})
        assert checked.is_valid(), (template.topic, checked.errors)
