"""An enterprise repairs its credit online in a real headless Chromium, then follows the application."""

import pytest

from publiccredit.repair.models import RepairApplication
from publiccredit.selfservice.services import approve_binding, register_subject_account
from tests.browser.conftest import screenshot
from tests.builders import PDF
from tests.conftest import ENTERPRISE_USCC

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


PASSWORD = "Xiufu-2026!abc"


def bound_account(clerk):
    """The enterprise's agent registers on the portal and a clerk binds the account after checking the licence."""
    request = register_subject_account(username="xinjiang", password=PASSWORD, name="刘经理", phone="13800000000",
                                       subject_code=ENTERPRISE_USCC, capacity="agent")
    approve_binding(request=request, actor=clerk, note="已核对")
    return request


def sign_in(page) -> None:
    page.goto(page.base + "/account/login/")
    page.get_by_label("用户名").fill("xinjiang")
    page.get_by_label("密码").fill(PASSWORD)
    page.get_by_role("button", name="登录").click()
    page.wait_for_url("**/account/")


def test_an_enterprise_applies_for_repair_online_and_reads_its_progress(enterprise, old_penalty, credit_office_admin,
                                                                         browser_page, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    bound_account(credit_office_admin)
    proof = tmp_path / "缴款凭证.pdf"
    proof.write_bytes(PDF)
    page = browser_page
    sign_in(page)
    page.get_by_role("link", name="申请信用修复").first.click()
    page.wait_for_url(f"**/account/repair/{old_penalty.pk}/")
    page.get_by_label("整改及履行义务情况说明").fill("罚款已于上月缴清，已完成整改。")
    page.get_by_label("证明材料").set_input_files(str(proof))
    page.get_by_label("我已阅读并签署上述承诺").check()
    screenshot(page, "repair-form")
    page.get_by_role("button", name="提交申请").click()
    number = page.locator("#number").inner_text()
    code = page.locator("#query-code").inner_text()
    assert number == RepairApplication.objects.get().number and len(code) == 8
    page.goto(page.base + "/progress/")
    page.get_by_label("编号").fill(number)
    page.get_by_label("查询码").fill(code)
    page.locator("#main").get_by_role("button", name="查询").click()
    page.get_by_text("已提交（待受理）").first.wait_for()
    assert code not in page.url  # the query code was posted, never put in the address
    assert "已提交（待受理）" in page.locator("main").inner_text()
    screenshot(page, "repair-progress")
    assert page.outside_requests == []


def test_an_enterprise_told_to_add_material_follows_the_message_and_resubmits(
        enterprise, old_penalty, credit_office_admin, browser_page, tmp_path, settings):
    from publiccredit.repair.services import Applicant, accept_application, apply_for_repair, return_application

    settings.MEDIA_ROOT = tmp_path / "media"
    request = bound_account(credit_office_admin)
    from django.core.files.uploadedfile import SimpleUploadedFile

    application, _ = apply_for_repair(
        record=old_penalty, applicant=Applicant(name=enterprise.name, contact_name="刘经理", contact_phone="13800000000"),
        statement="罚款已缴清", commitment_accepted=True, actor=request.user, channel="portal",
        files=[SimpleUploadedFile("缴款凭证.pdf", PDF, content_type="application/pdf")])
    accept_application(application=application, actor=credit_office_admin)
    return_application(application=application, reason="请补充加盖公章的整改报告", actor=credit_office_admin)
    report = tmp_path / "整改报告.pdf"
    report.write_bytes(PDF)
    page = browser_page
    sign_in(page)
    page.get_by_role("link", name="我的消息").click()
    page.wait_for_url("**/account/messages/")
    message = page.locator("li.unread", has_text="信用修复申请需补充材料")
    assert "请补充加盖公章的整改报告" in message.inner_text()
    message.get_by_role("link", name="查看详情").click()
    page.wait_for_url(f"**/repairs/{application.number}/")
    page.get_by_label("补正说明").fill("补充加盖公章的整改报告一份")
    page.get_by_label("上传补正材料").set_input_files(str(report))
    screenshot(page, "repair-resubmit")
    page.get_by_role("button", name="重新提交").click()
    page.wait_for_load_state()
    assert "补正材料已提交" in page.locator("main").inner_text()
    application.refresh_from_db()
    assert application.state == "submitted" and application.attachments.count() == 2
    assert page.outside_requests == []
