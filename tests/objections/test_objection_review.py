"""A filer who disagrees with an upheld objection asks the credit office to review it; a review can send the
objection back to the department, and the record is flagged and punishment suspended again."""

import datetime as dt

import pytest
from django.utils import timezone

from publiccredit.accounts.services import issue_token
from publiccredit.collection.models import CreditRecord
from publiccredit.core.errors import DomainError
from publiccredit.notifications.models import Notification
from publiccredit.objections.models import Objection, ObjectionAttachment
from publiccredit.objections.services import decide_objection, decide_review, file_objection, request_review
from publiccredit.workdays.services import add_working_days
from tests.builders import proof

pytestmark = pytest.mark.django_db


def test_the_filer_asks_for_a_review_from_the_progress_page(client, upheld, credit_office_admin,
                                                             django_capture_on_commit_callbacks, sms_outbox):
    objection, code = upheld
    assert client.get(f"/objections/{objection.number}/").url.startswith("/progress/?kind=objection")
    progress = client.post("/progress/", {"kind": "objection", "number": objection.number, "code": code})
    assert "申请信用主管部门复核" in progress.content.decode()
    assert "提交复核申请" in client.get(f"/objections/{objection.number}/").content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/objections/{objection.number}/", {"reasons": "决定书载明罚款0.2万元"})
    assert response.url == f"/objections/{objection.number}/"
    objection.refresh_from_db()
    assert objection.under_review and objection.review_by == add_working_days(timezone.localdate(), 10)
    assert CreditRecord.objects.get(pk=objection.record_id).state == "active"  # the record keeps its state meanwhile
    assert "复核申请已收到" in sms_outbox[-1].body and objection.number in sms_outbox[-1].body
    told = Notification.objects.get(user=credit_office_admin, channel="site", topic="objections.objection.review")
    assert objection.number in told.title and f"/backoffice/objections/{objection.pk}/" == told.link
    page = client.get(f"/objections/{objection.number}/").content.decode()
    assert "复核期限" in page and "提交复核申请" not in page


def test_a_review_can_be_asked_once_and_only_within_the_period(upheld):
    objection, _ = upheld
    late = timezone.localdate() + dt.timedelta(days=40)
    with pytest.raises(DomainError, match="期限已于"):
        request_review(objection=objection, reasons="不服", actor=None, today=late)
    with pytest.raises(DomainError, match="写明申请复核的理由"):
        request_review(objection=objection, reasons=" ", actor=None)
    request_review(objection=objection, reasons="不服", actor=None)
    with pytest.raises(DomainError, match="已申请过复核"):
        request_review(objection=objection, reasons="再次", actor=None)


def test_a_corrected_objection_cannot_be_reviewed(penalty, market_clerk):
    objection, _ = file_objection(record=penalty, filer_kind="subject", filer_name="信江光伏", contact_phone="13800000000",
                                  reasons="有误", actor=None, channel="window")
    decide_objection(objection=objection, outcome="withdrawn", reason="撤销该记录", actor=market_clerk,
                     organization=market_clerk.organization)
    with pytest.raises(DomainError, match="只有“维持原记录”或“不予受理”"):
        request_review(objection=Objection.objects.get(pk=objection.pk), reasons="x", actor=None)


def test_reopening_flags_the_record_again_and_the_department_decides_anew(
        client, upheld, credit_office_admin, market_clerk, django_capture_on_commit_callbacks, sms_outbox):
    objection, _ = upheld
    request_review(objection=objection, reasons="决定书载明罚款0.2万元", actor=None)
    client.force_login(credit_office_admin)
    assert objection.number in client.get("/backoffice/objections/?state=review").content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/backoffice/objections/{objection.pk}/review/",
                    {"outcome": "reopened", "reason": "决定书与报送金额不一致，应重新核查"})
    objection.refresh_from_db()
    assert objection.state == "flagged" and objection.review_outcome == "reopened" and objection.decided_at is None
    assert objection.decide_by == add_working_days(timezone.localdate(), 5)
    assert CreditRecord.objects.get(pk=objection.record_id).state == "objection"
    assert "责令重新处理" in sms_outbox[-1].body and "重新作出决定" in sms_outbox[-1].body
    assert Notification.objects.filter(user=market_clerk, topic="objections.objection.review_decide").exists()
    decide_objection(objection=objection, outcome="withdrawn", reason="重新核查后撤销", actor=market_clerk,
                     organization=market_clerk.organization)
    assert CreditRecord.objects.get(pk=objection.record_id).state == "withdrawn"


def test_confirming_leaves_the_record_as_it_was(upheld, credit_office_admin):
    objection, _ = upheld
    request_review(objection=objection, reasons="不服", actor=None)
    decide_review(objection=objection, outcome="confirmed", reason="处理结果有事实依据", actor=credit_office_admin)
    objection.refresh_from_db()
    assert objection.state == "upheld" and not objection.under_review
    assert CreditRecord.objects.get(pk=objection.record_id).state == "active"


def test_only_the_credit_office_reviews(client, upheld, market_clerk):
    objection, _ = upheld
    request_review(objection=objection, reasons="不服", actor=None)
    client.force_login(market_clerk)
    assert "作出复核决定" not in client.get(f"/backoffice/objections/{objection.pk}/").content.decode()
    assert client.post(f"/backoffice/objections/{objection.pk}/review/",
                       {"outcome": "confirmed", "reason": "x"}).status_code == 403


def test_the_filing_system_asks_for_a_review_through_the_api(client, upheld, credit_office):
    objection, code = upheld
    token = issue_token(organization=credit_office, name="12345热线", scopes=["objections:write"])
    headers = {"HTTP_AUTHORIZATION": f"Bearer {token.secret}"}
    wrong = client.post(f"/api/v1/objections/{objection.number}/review/", {"code": "AAAA1111", "reasons": "x"},
                        **headers)
    assert wrong.status_code == 404
    done = client.post(f"/api/v1/objections/{objection.number}/review/", {"code": code, "reasons": "金额有误"},
                       **headers)
    assert done.status_code == 200 and done.json()["review"]["review_by"]
    progress = client.get(f"/api/v1/objections/{objection.number}/", {"code": code}).json()
    assert progress["review"]["outcome"] == "" and any("申请复核" in s["note"] for s in progress["steps"])


def test_new_evidence_sent_with_a_review_request_is_kept_apart_and_shown_to_the_reviewer(
        client, upheld, credit_office_admin):
    objection, code = upheld
    client.post("/progress/", {"kind": "objection", "number": objection.number, "code": code})
    response = client.post(f"/objections/{objection.number}/", {"reasons": "复议决定书已撤销处罚",
                                                                "files": [proof("复议决定书.pdf")]})
    assert response.status_code == 302
    stored = ObjectionAttachment.objects.get(objection=objection)
    assert stored.stage == ObjectionAttachment.Stage.REVIEW and stored.name == "复议决定书.pdf"
    client.force_login(credit_office_admin)
    page = client.get(f"/backoffice/objections/{objection.pk}/").content.decode()
    assert "复议决定书.pdf" in page and "复核申请材料" in page


def test_a_review_request_with_a_forbidden_file_is_refused_and_changes_nothing(client, upheld):
    objection, code = upheld
    client.post("/progress/", {"kind": "objection", "number": objection.number, "code": code})
    response = client.post(f"/objections/{objection.number}/", {
        "reasons": "复议决定书已撤销处罚", "files": [proof("说明.exe", b"MZ\x90\x00")]})
    assert response.status_code == 200 and "说明.exe" in response.content.decode()
    objection.refresh_from_db()
    assert not objection.under_review and not ObjectionAttachment.objects.exists()
    assert "复议决定书已撤销处罚" in response.content.decode()  # what was typed is kept


def test_the_api_takes_new_evidence_with_a_review_request(client, upheld, credit_office):
    objection, code = upheld
    token = issue_token(organization=credit_office, name="12345热线", scopes=["objections:write"])
    done = client.post(f"/api/v1/objections/{objection.number}/review/",
                       {"code": code, "reasons": "金额有误", "files": [proof("决定书.pdf")]},
                       HTTP_AUTHORIZATION=f"Bearer {token.secret}")
    assert done.status_code == 200
    assert list(ObjectionAttachment.objects.values_list("stage", flat=True)) == ["review"]


def test_reviews_are_counted_in_the_statistics(upheld, credit_office_admin):
    from publiccredit.casework.queries import statistics_window
    from publiccredit.objections.queries import objection_statistics

    objection, _ = upheld
    request_review(objection=objection, reasons="不服", actor=None)
    decide_review(objection=objection, outcome="reopened", reason="重新核查", actor=credit_office_admin)
    since, until = statistics_window(None, None)
    stats = objection_statistics(since=since, until=until)
    assert stats["reviews"] == 1 and stats["reviews_reopened"] == 1
