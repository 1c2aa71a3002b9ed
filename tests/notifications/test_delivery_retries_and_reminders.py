"""A failing gateway loses no message; the SMS gateway backend speaks JSON; clerks get one daily deadline reminder."""

import datetime as dt
import json
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest
from django.utils import timezone

from publiccredit.notifications.models import Notification
from publiccredit.notifications.services import deliver_pending, remind_deadlines
from publiccredit.notifications.sms_gateway import SmsBackend as GatewayBackend
from publiccredit.objections.models import Objection
from publiccredit.objections.services import file_objection

pytestmark = pytest.mark.django_db


class RefusingGateway:
    def __init__(self, fail_silently=False, **kwargs):
        pass

    def send_messages(self, messages):
        raise ConnectionError("网关连接超时")


@pytest.fixture(autouse=True)
def media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def objection_on(record, capture):
    with capture(execute=True):
        objection, _ = file_objection(record=record, filer_kind="subject", filer_name="王某", actor=None,
                                      contact_phone="13912345678", reasons="处罚对象有误", channel="window")
    return objection


def test_a_failing_sms_gateway_keeps_the_message_and_beat_retries_it(
        settings, old_penalty, django_capture_on_commit_callbacks, sms_outbox):
    settings.SMS_BACKEND = f"{__name__}.RefusingGateway"
    objection_on(old_penalty, django_capture_on_commit_callbacks)
    failed = Notification.objects.get(channel="sms")
    assert failed.state == "failed" and failed.attempts == 1 and "网关连接超时" in failed.last_error
    assert deliver_pending() == {"sent": 0, "failed": 0}  # the after-commit run leaves failures to the retry schedule
    settings.SMS_BACKEND = "sms.backends.locmem.SmsBackend"
    assert deliver_pending(retry_failed=True) == {"sent": 1, "failed": 0}
    failed.refresh_from_db()
    assert failed.state == "sent" and failed.attempts == 2 and len(sms_outbox) == 1


def test_a_message_is_given_up_after_five_attempts(settings, old_penalty, django_capture_on_commit_callbacks):
    settings.SMS_BACKEND = f"{__name__}.RefusingGateway"
    objection_on(old_penalty, django_capture_on_commit_callbacks)
    for _ in range(6):
        deliver_pending(retry_failed=True)
    assert Notification.objects.get(channel="sms").attempts == 5


class Gateway(BaseHTTPRequestHandler):
    received: list = []
    status = 200

    def do_POST(self):
        body = self.rfile.read(int(self.headers["Content-Length"]))
        Gateway.received.append((self.headers["Authorization"], json.loads(body)))
        self.send_response(Gateway.status)
        self.end_headers()
        self.wfile.write(b'{"code": 0}')

    def log_message(self, *args):
        pass


@pytest.fixture
def gateway():
    server = HTTPServer(("127.0.0.1", 0), Gateway)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    Gateway.received, Gateway.status = [], 200
    yield f"http://127.0.0.1:{server.server_port}/sms/send"
    server.shutdown()


def test_the_sms_gateway_backend_posts_each_message_as_json_with_the_token(gateway):
    from sms import Message

    backend = GatewayBackend(url=gateway, token="t0ken")
    sent = Message(body="【上饶信用】您的异议已受理", originator="106900", recipients=["13912345678"],
                   connection=backend).send()
    assert sent == 1
    assert Gateway.received == [("Bearer t0ken", {"mobile": "13912345678", "content": "【上饶信用】您的异议已受理",
                                                  "sender": "106900"})]
    Gateway.status = 500
    with pytest.raises(RuntimeError, match="HTTP 500"):
        Message(body="x", recipients=["13912345678"], connection=backend).send()


def test_clerks_get_one_reminder_a_day_listing_what_is_due_or_overdue(
        old_penalty, market_clerk, credit_office_admin, django_capture_on_commit_callbacks):
    market_clerk.email = "wang@amr.zgsr.gov.cn"
    market_clerk.save()
    objection = objection_on(old_penalty, django_capture_on_commit_callbacks)
    today = timezone.localdate()
    Objection.objects.filter(pk=objection.pk).update(decide_by=today - dt.timedelta(days=1))
    with django_capture_on_commit_callbacks(execute=True):
        assert remind_deadlines(today=today) == 2  # site message and e-mail to the one clerk who handles objections
    reminder = Notification.objects.get(user=market_clerk, channel="site", topic="deadlines.reminder")
    assert objection.number in reminder.body and "已超期" in reminder.body and "已超期1件" in reminder.body
    assert Notification.objects.get(user=market_clerk, channel="email", topic="deadlines.reminder").state == "sent"
    assert remind_deadlines(today=today) == 0  # the same day: nothing twice
    assert not Notification.objects.filter(user=credit_office_admin, topic="deadlines.reminder").exists()


def test_nothing_due_means_no_reminder(old_penalty, market_clerk, django_capture_on_commit_callbacks):
    objection_on(old_penalty, django_capture_on_commit_callbacks)  # due in five working days
    assert remind_deadlines() == 0


def test_the_credit_office_is_reminded_of_reviews_due(old_penalty, market_clerk, credit_office_admin,
                                                      django_capture_on_commit_callbacks):
    from publiccredit.objections.services import decide_objection, request_review

    objection = objection_on(old_penalty, django_capture_on_commit_callbacks)
    decide_objection(objection=objection, outcome="upheld", reason="无误", actor=market_clerk,
                     organization=market_clerk.organization)
    request_review(objection=Objection.objects.get(pk=objection.pk), reasons="不服", actor=None)
    today = timezone.localdate()
    Objection.objects.filter(pk=objection.pk).update(review_by=today)
    remind_deadlines(today=today)
    reminder = Notification.objects.get(user=credit_office_admin, channel="site", topic="deadlines.reminder")
    assert f"异议复核 {objection.number}" in reminder.body


def test_the_command_sends_what_is_pending_and_the_days_reminders(old_penalty, market_clerk,
                                                                 django_capture_on_commit_callbacks, sms_outbox):
    from io import StringIO

    from django.core.management import call_command

    objection_on(old_penalty, django_capture_on_commit_callbacks)
    Notification.objects.filter(channel="sms").update(state="pending", sent_at=None)
    Objection.objects.update(decide_by=timezone.localdate())
    out = StringIO()
    call_command("send-notifications", "--remind", stdout=out)
    assert "到期提醒：新生成 1 条消息" in out.getvalue() and "发送成功 1 条" in out.getvalue()
    assert len(sms_outbox) == 2  # the receipt after commit, and again by the command after it was reset
