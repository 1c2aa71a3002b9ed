"""The pages of rectification: a department orders, reads the subject's reports with their files, confirms, finds
overdue and interviews in the back office; the subject's account reports on the portal; the credit office publishes a
typical case."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from publiccredit.publicity.models import Article
from publiccredit.rectification.models import Interview, RectificationTask
from publiccredit.rectification.services import open_rectification, report_progress, sweep_rectifications

pytestmark = pytest.mark.django_db


def test_a_department_orders_a_rectification_and_a_wrong_form_keeps_what_was_typed(client, enterprise, regulator):
    client.force_login(regulator)
    assert "责令整改" in client.get("/backoffice/rectifications/new/").content.decode()
    bad = client.post("/backoffice/rectifications/new/", {
        "code": enterprise.uscc, "source": "finding", "problem": "未公示执照", "requirement": "", "working_days": "10"})
    page = bad.content.decode()
    assert bad.status_code == 200 and "请填写整改要求" in page and "未公示执照" in page
    unknown = client.post("/backoffice/rectifications/new/", {"code": "91360000000000000X", "source": "finding",
                                                             "problem": "p", "requirement": "r", "working_days": "5"})
    assert "没有找到代码为" in unknown.content.decode()
    done = client.post("/backoffice/rectifications/new/", {
        "code": enterprise.uscc, "source": "finding", "problem": "未公示执照", "requirement": "公示营业执照",
        "working_days": "10"})
    task = RectificationTask.objects.get()
    assert done.status_code == 302 and done["Location"] == f"/backoffice/rectifications/{task.pk}/"
    listing = client.get("/backoffice/rectifications/").content.decode()
    assert task.number in listing and enterprise.name in listing


def test_the_subject_reports_with_a_photo_and_the_department_confirms_it(client, enterprise, regulator, owner,
                                                                          market_regulation):
    task = open_rectification(subject=enterprise, department=market_regulation, source="finding", actor=regulator,
                              problem="未公示执照", requirement="公示营业执照", working_days=10)
    client.force_login(owner)
    mine = client.get("/account/rectifications/").content.decode()
    assert task.number in mine and "公示营业执照" in mine
    empty = client.post("/account/rectifications/", {"task": task.pk, "text": " ", "final": "on"})
    assert empty.status_code == 400 and "请填写整改情况" in empty.content.decode()
    photo = SimpleUploadedFile("整改后.png", b"\x89PNG\r\n\x1a\nimage", content_type="image/png")
    sent = client.post("/account/rectifications/", {"task": task.pk, "text": "已公示", "final": "on", "files": photo})
    assert sent.status_code == 302
    task.refresh_from_db()
    assert task.state == "reported"
    client.force_login(regulator)
    detail = client.get(f"/backoffice/rectifications/{task.pk}/").content.decode()
    attachment = task.reports.get().attachments.get()
    assert "已公示" in detail and attachment.name in detail
    assert client.get(f"/backoffice/rectifications/{task.pk}/files/{attachment.pk}/").status_code == 200
    client.post(f"/backoffice/rectifications/{task.pk}/accept/", {"note": "复查到位"})
    task.refresh_from_db()
    assert task.state == "completed" and task.conclusion == "复查到位"


def test_another_subjects_task_is_not_reachable_from_an_account(client, enterprise, citizen, regulator,
                                                                market_regulation):
    from publiccredit.accounts.roles import Role
    from publiccredit.accounts.services import create_user

    task = open_rectification(subject=enterprise, department=market_regulation, source="finding", actor=regulator,
                              problem="p", requirement="r", working_days=10)
    other = create_user(username="geren-a", role=Role.SUBJECT_USER, subject=citizen, password="Geren-2026!!x")
    client.force_login(other)
    assert task.number not in client.get("/account/rectifications/").content.decode()
    assert client.post("/account/rectifications/", {"task": task.pk, "text": "代报"}).status_code == 403


def test_a_department_sees_only_its_own_rectifications(client, enterprise, regulator, tax_regulator,
                                                       market_regulation):
    task = open_rectification(subject=enterprise, department=market_regulation, source="finding", actor=regulator,
                              problem="p", requirement="r", working_days=10)
    client.force_login(tax_regulator)
    assert task.number not in client.get("/backoffice/rectifications/?state=").content.decode()
    assert client.get(f"/backoffice/rectifications/{task.pk}/").status_code == 404


def test_an_overdue_task_is_found_overdue_interviewed_and_published_as_a_typical_case(
        client, enterprise, regulator, credit_office_admin, market_regulation):
    today = timezone.localdate()
    task = open_rectification(subject=enterprise, department=market_regulation, source="finding", actor=regulator,
                              problem="超范围经营", requirement="停止超范围经营", working_days=1,
                              issued_on=today - dt.timedelta(days=10), today=today)
    sweep_rectifications(today=today)
    client.force_login(regulator)
    page = client.get(f"/backoffice/rectifications/{task.pk}/").content.decode()
    assert "认定逾期未整改" in page
    client.post(f"/backoffice/rectifications/{task.pk}/interview/", {
        "kind": "warning", "held_on": today.isoformat(), "participants": "孙监管；企业负责人",
        "content": "警示超范围经营的后果", "undertakings": "立即停止"})
    assert Interview.objects.get().task == task
    client.post(f"/backoffice/rectifications/{task.pk}/record-overdue/", {"decision_number": "饶市监信认〔2026〕1号"})
    task.refresh_from_db()
    assert task.overdue_record is not None
    assert client.get(f"/backoffice/rectifications/{task.pk}/case/").status_code == 403  # articles are the office's
    client.force_login(credit_office_admin)
    draft = client.get(f"/backoffice/rectifications/{task.pk}/case/").content.decode()
    assert "逾期未整改被记入信用记录" in draft and "立即停止" in draft
    published = client.post(f"/backoffice/rectifications/{task.pk}/case/", {
        "title": f"{enterprise.name}逾期未整改被记入信用记录", "summary": "摘要", "body": "第一段\n\n第二段"})
    article = Article.objects.get(kind="case")
    assert published["Location"] == f"/news/{article.pk}/" and article.source == "上饶市市场监督管理局"
    assert "第二段" in client.get(f"/news/{article.pk}/").content.decode()


def test_an_interview_about_a_record_needs_a_record_of_the_clerks_department(client, enterprise, regulator,
                                                                            old_penalty):
    client.force_login(regulator)
    form = {"code": enterprise.uscc, "kind": "prompt", "held_on": timezone.localdate().isoformat(),
            "participants": "孙监管", "content": "提示依法经营", "undertakings": "依法经营"}
    missing = client.post("/backoffice/interviews/new/", {**form, "decision_number": "不存在的文号"})
    assert "没有本单位报送的文书号" in missing.content.decode()
    client.post("/backoffice/interviews/new/", {**form, "decision_number": old_penalty.decision_number})
    assert Interview.objects.get().record == old_penalty


def test_the_reminder_digest_tells_the_department_of_reports_waiting(enterprise, regulator, owner, market_regulation):
    from publiccredit.notifications.occasions import due_items

    task = open_rectification(subject=enterprise, department=market_regulation, source="finding", actor=regulator,
                              problem="p", requirement="r", working_days=2)
    report_progress(task=task, text="已整改", actor=owner)
    due = [(users, item) for users, item in due_items(task.due_on) if item[2] == task.number]
    assert due and regulator in due[0][0] and due[0][1][:2] == ("责令整改", task.due_on)


def test_a_rectification_on_a_listing_rests_on_the_subjects_decided_entry(client, enterprise, credit_office_admin):
    from publiccredit.lists.models import ListEntry, ListKind

    client.force_login(credit_office_admin)
    form = {"code": enterprise.uscc, "source": "listing", "problem": "列入重点关注名单", "requirement": "限期整改",
            "working_days": "20"}
    assert "没有本单位经办的已决定列入的名单记录" in client.post("/backoffice/rectifications/new/", form).content.decode()
    entry = ListEntry.objects.create(kind=ListKind.objects.get(code="watch_list"), subject=enterprise, reason="三次处罚",
                                     state=ListEntry.State.PUBLISHED, decision_number="饶信认〔2026〕2号")
    client.post("/backoffice/rectifications/new/", form)
    task = RectificationTask.objects.get()
    assert (task.source, task.list_entry, task.source_reference) == ("listing", entry, "饶信认〔2026〕2号")
