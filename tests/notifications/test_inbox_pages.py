"""Site messages reach the portal account and the clerk's inbox; unread counts show in the navigation."""

import pytest

from publiccredit.audit.models import AuditEntry
from publiccredit.lists.models import ListKind
from publiccredit.lists.services import propose_entry
from publiccredit.notifications.models import Notification
from publiccredit.objections.services import file_objection
from tests.conftest import notify_and_serve
from tests.selfservice.test_subject_account_repair_and_objection import bind, register

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def test_a_verified_account_is_told_by_sms_and_in_its_inbox(client, enterprise, credit_office_admin,
                                                            django_capture_on_commit_callbacks, sms_outbox):
    register(client)
    with django_capture_on_commit_callbacks(execute=True):
        bind(client, credit_office_admin)
    assert sms_outbox[0].recipients == ["13800000000"] and enterprise.name in sms_outbox[0].body
    home = client.get("/account/").content.decode()
    assert "我的消息（1条未读）" in home
    inbox = client.get("/account/messages/").content.decode()
    assert "账号已绑定信用主体" in inbox and "【未读】" in inbox
    assert client.post("/account/messages/read/").url == "/account/messages/"
    assert "【未读】" not in client.get("/account/messages/").content.decode()
    assert AuditEntry.objects.filter(action="notifications.message.read").exists()


def test_a_bound_account_hears_of_a_listing_notice_and_of_objections_to_its_records(
        client, enterprise, credit_office_admin, old_penalty, django_capture_on_commit_callbacks):
    register(client)
    bind(client, credit_office_admin)
    kind = ListKind.objects.get(code="serious_dishonesty")
    with django_capture_on_commit_callbacks(execute=True):
        entry = propose_entry(kind=kind, subject=enterprise, reason="吊销许可证件", actor=credit_office_admin,
                              records=[old_penalty], legal_basis="《行政处罚法》第九条")
    with django_capture_on_commit_callbacks(execute=True):
        notify_and_serve(entry=entry, actor=credit_office_admin)
    with django_capture_on_commit_callbacks(execute=True):
        file_objection(record=old_penalty, filer_kind="subject", filer_name="王某", contact_phone="13912345678",
                       reasons="处罚对象有误", actor=None, channel="window")
    inbox = client.get("/account/messages/").content.decode()
    assert "拟列入严重失信主体名单的告知" in inbox and "陈述申辩" in inbox
    assert "本单位（本人）的记录被提出异议" in inbox


def test_a_clerk_sees_new_objections_in_the_back_office_inbox(client, old_penalty, market_clerk,
                                                              django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        objection, _ = file_objection(record=old_penalty, filer_kind="subject", filer_name="王某",
                                      contact_phone="13912345678", reasons="处罚对象有误", actor=None, channel="window")
    client.force_login(market_clerk)
    assert "消息（1）" in client.get("/backoffice/").content.decode()
    inbox = client.get("/backoffice/messages/").content.decode()
    assert f"新的异议待处理：{objection.number}" in inbox and f"/backoffice/objections/{objection.pk}/" in inbox
    message = Notification.objects.get(user=market_clerk)
    client.post("/backoffice/messages/read/", {"message": [str(message.pk)]})
    message.refresh_from_db()
    assert message.read_at is not None


def test_one_account_never_sees_anothers_messages(client, old_penalty, market_clerk, credit_office_admin,
                                                  django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        file_objection(record=old_penalty, filer_kind="subject", filer_name="王某", contact_phone="13912345678",
                       reasons="处罚对象有误", actor=None, channel="window")
    client.force_login(credit_office_admin)
    assert "新的异议待处理" not in client.get("/backoffice/messages/").content.decode()
    client.post("/backoffice/messages/read/")
    assert Notification.objects.get(user=market_clerk).read_at is None


def test_the_template_editor_refuses_a_broken_variable(client, credit_office_admin):
    from publiccredit.notifications.models import MessageTemplate

    template = MessageTemplate.objects.get(topic="objections.objection.decide", audience="filer")
    client.force_login(credit_office_admin)
    response = client.post(f"/admin/notifications/messagetemplate/{template.pk}/change/", {
        "topic": template.topic, "audience": template.audience, "name": template.name, "title": template.title,
        "body": "您的异议{{ number 已处理", "by_sms": "on", "on_site": "on", "enabled": "on"})
    assert "变量写法有误" in response.content.decode()
    template.refresh_from_db()
    assert "{{ number }}" in template.body


def test_switching_off_a_message_in_the_template_list_is_audited(client, credit_office_admin):
    from publiccredit.notifications.models import MessageTemplate

    template = MessageTemplate.objects.get(topic="repair.application.accept", audience="filer")
    client.force_login(credit_office_admin)
    client.post(f"/admin/notifications/messagetemplate/{template.pk}/change/", {
        "topic": template.topic, "audience": template.audience, "name": template.name, "title": template.title,
        "body": template.body, "on_site": "on", "enabled": "on"})
    template.refresh_from_db()
    assert template.by_sms is False
    entry = AuditEntry.objects.get(action="notifications.messagetemplate.update")
    assert entry.actor_id == credit_office_admin.pk and "by_sms" in str(entry.detail)
