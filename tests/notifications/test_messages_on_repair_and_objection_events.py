"""Applicants, objection filers, bound accounts and departments are told of each step by SMS, e-mail and site message."""

import pytest
from django.core import mail

from publiccredit.notifications.models import MessageTemplate, Notification
from publiccredit.notifications.services import notify
from publiccredit.objections.services import accept_objection, decide_objection, file_objection
from publiccredit.repair.services import Applicant, accept_application, apply_for_repair, approve_application
from tests.builders import proof

pytestmark = pytest.mark.django_db
PHONE, EMAIL = "13912345678", "liu@xinjiang-pv.cn"


@pytest.fixture(autouse=True)
def media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def repair_and_approve(record, actor, capture):
    applicant = Applicant(name="上饶市信江光伏科技有限公司", contact_name="刘经理", contact_phone=PHONE,
                          contact_email=EMAIL)
    with capture(execute=True):
        application, _ = apply_for_repair(record=record, applicant=applicant, statement="已缴清罚款",
                                          commitment_accepted=True, files=[proof()], actor=None, channel="portal")
    with capture(execute=True):
        accept_application(application=application, actor=actor)
    with capture(execute=True):
        approve_application(application=application, reason="已履行处罚决定并完成整改", actor=actor)
    return application


def test_the_repair_applicant_is_told_each_step_by_sms_and_the_decision_by_email(
        old_penalty, credit_office_admin, django_capture_on_commit_callbacks, sms_outbox):
    application = repair_and_approve(old_penalty, credit_office_admin, django_capture_on_commit_callbacks)
    texts = [message.body for message in sms_outbox]
    assert all(message.recipients == [PHONE] for message in sms_outbox)
    assert len(texts) == 3 and all(text.startswith("【上饶信用】") for text in texts)
    assert "已提交" in texts[0] and application.number in texts[0] and "已受理" in texts[1]
    assert "准予修复" in texts[2] and "停止公示" in texts[2]
    decision = [m for m in mail.outbox if m.to == [EMAIL] and "准予修复" in m.subject]
    assert len(decision) == 1 and f"/repairs/{application.number}/" in decision[0].body


def test_addresses_are_stored_encrypted_and_shown_masked(old_penalty, credit_office_admin,
                                                         django_capture_on_commit_callbacks):
    repair_and_approve(old_penalty, credit_office_admin, django_capture_on_commit_callbacks)
    sms = Notification.objects.filter(channel="sms").first()
    assert sms.state == "sent" and sms.sent_at is not None and sms.address_masked == "139****5678"
    stored = str(list(Notification.objects.values_list("address_encrypted", "address_masked", "key")))
    assert PHONE not in stored and EMAIL not in stored
    assert Notification.objects.get(channel="email", topic="repair.application.approve",
                                     user__isnull=True).address_masked == "l***@xinjiang-pv.cn"


def test_the_deciding_department_is_told_to_acknowledge_an_approved_repair(
        old_penalty, credit_office_admin, market_clerk, django_capture_on_commit_callbacks):
    market_clerk.email = "wang@amr.zgsr.gov.cn"
    market_clerk.save()
    application = repair_and_approve(old_penalty, credit_office_admin, django_capture_on_commit_callbacks)
    message = Notification.objects.get(user=market_clerk, channel="site", topic="repair.application.approve")
    assert "确认收到" in message.body and message.link == f"/backoffice/repairs/{application.pk}/"
    assert any(m.to == ["wang@amr.zgsr.gov.cn"] and application.number in m.subject for m in mail.outbox)
    # the window that decides repairs hears of the new application, the department only of the result
    assert Notification.objects.filter(user=credit_office_admin, topic="repair.application.submit").exists()
    assert not Notification.objects.filter(user=market_clerk, topic="repair.application.submit").exists()


def test_the_objection_filer_is_told_the_outcome_with_reasons_and_the_provider_of_the_new_objection(
        old_penalty, market_clerk, django_capture_on_commit_callbacks, sms_outbox):
    with django_capture_on_commit_callbacks(execute=True):
        objection, _ = file_objection(record=old_penalty, filer_kind="concerned", filer_name="王某",
                                      contact_phone=PHONE, reasons="处罚对象并非本单位", actor=None, channel="window")
    told = Notification.objects.get(user=market_clerk, channel="site", topic="objections.objection.receive")
    assert objection.number in told.title and "前受理或不予受理" in told.body  # a third party's: accept first
    assert "受理后该记录标注" in sms_outbox[-1].body
    with django_capture_on_commit_callbacks(execute=True):
        objection = accept_objection(objection=objection, actor=market_clerk, organization=market_clerk.organization)
    assert "已标注“异议处理中”" in sms_outbox[-1].body
    with django_capture_on_commit_callbacks(execute=True):
        decide_objection(objection=objection, outcome="upheld", reason="经核查处罚对象无误", actor=market_clerk,
                         organization=market_clerk.organization)
    outcome = sms_outbox[-1]
    assert outcome.recipients == [PHONE]
    assert "维持原记录" in outcome.body and "经核查处罚对象无误" in outcome.body and "行政复议" in outcome.body


def test_a_re_handled_event_creates_no_second_message(old_penalty, credit_office_admin,
                                                      django_capture_on_commit_callbacks):
    application = repair_and_approve(old_penalty, credit_office_admin, django_capture_on_commit_callbacks)
    before = Notification.objects.count()
    payload = {"application": application.pk}
    assert notify(topic="repair.application.approve", payload=payload, key="event:again") > 0
    assert notify(topic="repair.application.approve", payload=payload, key="event:again") == 0
    assert Notification.objects.count() > before
    count = Notification.objects.count()
    notify(topic="repair.application.approve", payload=payload, key="event:again")
    assert Notification.objects.count() == count


def test_the_credit_office_turns_a_message_off_by_disabling_its_template(
        old_penalty, credit_office_admin, django_capture_on_commit_callbacks, sms_outbox):
    MessageTemplate.objects.filter(topic="repair.application.accept").update(enabled=False)
    MessageTemplate.objects.filter(topic="repair.application.approve", audience="filer").update(by_sms=False)
    repair_and_approve(old_penalty, credit_office_admin, django_capture_on_commit_callbacks)
    assert [("已提交" in m.body) for m in sms_outbox] == [True]
    assert not Notification.objects.filter(topic="repair.application.accept").exists()
