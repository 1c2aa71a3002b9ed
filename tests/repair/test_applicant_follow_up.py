"""After a return the applicant adds material — online, through the API or at the window — and the deadline starts
again; an open application can be withdrawn. Only the subject's account or the holder of the query code may."""

import pytest
from django.utils import timezone

from publiccredit.accounts.services import issue_token
from publiccredit.repair.models import RepairApplication
from publiccredit.repair.services import accept_application, apply_for_repair, return_application
from publiccredit.workdays.services import add_working_days
from tests.builders import proof

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def returned(old_penalty, applicant, credit_office_admin):
    application, code = apply_for_repair(record=old_penalty, applicant=applicant, statement="已缴清罚款",
                                         commitment_accepted=True, files=[proof()], actor=None, channel="api")
    accept_application(application=application, actor=credit_office_admin)
    return_application(application=application, reason="请补充加盖公章的整改报告", actor=credit_office_admin)
    return RepairApplication.objects.get(pk=application.pk), code


def test_the_holder_of_the_query_code_adds_material_online_and_the_deadline_restarts(client, returned):
    application, code = returned
    assert client.get(f"/repairs/{application.number}/").url == f"/progress/?kind=repair&number={application.number}"
    progress = client.post("/progress/", {"kind": "repair", "number": application.number, "code": code})
    assert "补正材料或撤回申请" in progress.content.decode()
    page = client.get(f"/repairs/{application.number}/").content.decode()
    assert "请补充加盖公章的整改报告" in page and "重新提交" in page
    response = client.post(f"/repairs/{application.number}/", {
        "action": "resubmit", "statement": "补充整改报告", "files": [proof("整改报告.pdf")]})
    assert response.url == f"/repairs/{application.number}/"
    application.refresh_from_db()
    assert application.state == "submitted" and "【补正说明】补充整改报告" in application.statement
    assert application.decide_by == add_working_days(timezone.localdate(), 10)
    assert application.attachments.count() == 2
    assert "补正材料已提交" in client.get(f"/repairs/{application.number}/").content.decode()


def test_resubmitting_nothing_is_refused_with_a_message(client, returned):
    application, code = returned
    client.post("/progress/", {"kind": "repair", "number": application.number, "code": code})
    page = client.post(f"/repairs/{application.number}/", {"action": "resubmit", "statement": ""}).content.decode()
    assert "请补充说明或上传补正材料" in page
    assert RepairApplication.objects.get(pk=application.pk).state == "returned"


def test_the_bound_account_withdraws_an_open_application(client, returned, enterprise):
    from publiccredit.accounts.roles import Role
    from publiccredit.accounts.services import create_user

    application, _ = returned
    account = create_user(username="xinjiang", role=Role.SUBJECT_USER, subject=enterprise, password="Xinyong-2026!")
    client.force_login(account)
    assert f'/repairs/{application.number}/' in client.get("/account/").content.decode()
    client.post(f"/repairs/{application.number}/", {"action": "withdraw", "confirm": "on"})
    assert RepairApplication.objects.get(pk=application.pk).state == "withdrawn"
    page = client.get(f"/repairs/{application.number}/").content.decode()
    assert "申请已撤回" in page and "撤回申请</button>" not in page


def test_another_subjects_account_cannot_follow_the_application_up(client, returned, citizen):
    from publiccredit.accounts.roles import Role
    from publiccredit.accounts.services import create_user

    application, _ = returned
    client.force_login(create_user(username="other", role=Role.SUBJECT_USER, subject=citizen, password="Xinyong-2026!"))
    assert client.post(f"/repairs/{application.number}/", {"action": "withdraw"}).status_code == 302
    assert RepairApplication.objects.get(pk=application.pk).state == "returned"


def test_the_filing_system_resubmits_and_withdraws_through_the_api_with_token_and_code(client, returned,
                                                                                      credit_office):
    application, code = returned
    token = issue_token(organization=credit_office, name="一网通办", scopes=["repairs:write"])
    headers = {"HTTP_AUTHORIZATION": f"Bearer {token.secret}"}
    wrong = client.post(f"/api/v1/repairs/{application.number}/resubmit/", {"code": "AAAA1111", "statement": "x"},
                        **headers)
    assert wrong.status_code == 404 and wrong.json()["detail"] == "申请编号或查询码不正确"
    anonymous = client.post(f"/api/v1/repairs/{application.number}/resubmit/", {"code": code, "statement": "x"})
    assert anonymous.status_code == 401 and RepairApplication.objects.get(pk=application.pk).state == "returned"
    done = client.post(f"/api/v1/repairs/{application.number}/resubmit/",
                       {"code": code, "statement": "补充整改报告", "files": [proof("整改报告.pdf")]}, **headers)
    assert done.status_code == 200 and done.json()["state"] == "submitted"
    again = client.post(f"/api/v1/repairs/{application.number}/resubmit/", {"code": code, "statement": "再次"}, **headers)
    assert again.status_code == 400 and "不能重新提交" in again.json()["detail"]
    withdrawn = client.post(f"/api/v1/repairs/{application.number}/withdraw/", {"code": code}, **headers)
    assert withdrawn.status_code == 200 and withdrawn.json()["state"] == "withdrawn"


def test_the_window_resubmits_material_the_applicant_brought(client, returned, credit_office_admin):
    application, _ = returned
    client.force_login(credit_office_admin)
    assert "代为重新提交" in client.get(f"/backoffice/repairs/{application.pk}/").content.decode()
    client.post(f"/backoffice/repairs/{application.pk}/resubmit/",
                {"statement": "窗口收到整改报告原件", "files": [proof("整改报告扫描件.pdf")]})
    application.refresh_from_db()
    assert application.state == "submitted" and application.steps.last().actor == credit_office_admin


def test_the_applicant_downloads_the_decision_as_a_page_and_a_pdf(client, old_penalty, applicant,
                                                                   credit_office_admin):
    from publiccredit.repair.services import approve_application

    application, code = apply_for_repair(record=old_penalty, applicant=applicant, statement="已缴清罚款",
                                         commitment_accepted=True, files=[proof()], actor=None, channel="api")
    accept_application(application=application, actor=credit_office_admin)
    assert client.get(f"/repairs/{application.number}/decision/").status_code == 302  # no code shown yet
    progress = client.post("/progress/", {"kind": "repair", "number": application.number, "code": code})
    assert "查看决定书" not in progress.content.decode()
    approve_application(application=application, reason="罚款已缴清、整改已完成", actor=credit_office_admin)
    progress = client.post("/progress/", {"kind": "repair", "number": application.number, "code": code})
    assert "查看决定书" in progress.content.decode()
    page = client.get(f"/repairs/{application.number}/decision/").content.decode()
    assert "准予信用修复决定书" in page and old_penalty.decision_number in page and "罚款已缴清、整改已完成" in page
    assert "上饶市发展和改革委员会" in page and "停止公示" in page
    pdf = client.get(f"/repairs/{application.number}/decision.pdf")
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")


def test_a_refusal_is_a_written_decision_with_remedies_also_in_the_back_office(client, returned,
                                                                              credit_office_admin):
    from publiccredit.repair.services import refuse_application, resubmit_application

    application, _ = returned
    resubmit_application(application=application, statement="补充", actor=None)
    accept_application(application=application, actor=credit_office_admin)
    refuse_application(application=application, reason="缴款凭证与处罚金额不符", actor=credit_office_admin)
    client.force_login(credit_office_admin)
    assert "不予信用修复决定书" in client.get(f"/backoffice/repairs/{application.pk}/").content.decode()
    page = client.get(f"/backoffice/repairs/{application.pk}/decision/").content.decode()
    assert "不予信用修复" in page and "缴款凭证与处罚金额不符" in page and "行政复议" in page


def test_an_undecided_application_has_no_decision_document(client, returned, credit_office_admin):
    application, _ = returned
    client.force_login(credit_office_admin)
    assert client.get(f"/backoffice/repairs/{application.pk}/decision/").status_code == 404
