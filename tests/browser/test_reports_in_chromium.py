"""An enterprise's agent orders a special credit report on the portal in a real headless Chromium, downloads the PDF
and its signature, and the report verifies with the openssl command docs/reports.md gives and on the site's
verification page."""

import subprocess

import pytest

from publiccredit.reports.models import CreditReport
from tests.browser.conftest import screenshot
from tests.browser.test_repair_in_chromium import bound_account, sign_in

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_a_report_ordered_on_the_portal_verifies_with_openssl_and_on_the_site(enterprise, old_penalty,
                                                                              credit_office_admin, browser_page,
                                                                              tmp_path, settings):
    settings.REPORT_KEY_DIR = tmp_path / "keys"
    bound_account(credit_office_admin)
    page = browser_page
    sign_in(page)
    page.get_by_role("link", name="信用报告").first.click()
    page.wait_for_url("**/account/reports/")
    page.get_by_label("专项信用报告（替代有无违法违规记录证明）").check()
    page.get_by_label("市场监管").check()
    page.get_by_role("button", name="出具报告").click()
    page.get_by_text("已出具报告").wait_for()
    report = CreditReport.objects.get()
    screenshot(page, "reports-ordered")
    with page.expect_download() as pdf_download:
        page.get_by_role("link", name="PDF").first.click()
    with page.expect_download() as sig_download:
        page.get_by_role("link", name="签名").first.click()
    pdf, sig = tmp_path / f"{report.number}.pdf", tmp_path / f"{report.number}.pdf.sig"
    pdf_download.value.save_as(pdf)
    sig_download.value.save_as(sig)
    public = tmp_path / "public-key.pem"
    public.write_text(page.request.get(page.base + "/api/v1/reports/public-key.pem").text())
    checked = subprocess.run(["openssl", "pkeyutl", "-verify", "-pubin", "-inkey", str(public), "-rawin", "-digest",
                              "sm3", "-pkeyopt", "distid:1234567812345678", "-in", str(pdf), "-sigfile", str(sig)],
                             capture_output=True, check=False)
    assert checked.returncode == 0 and b"Signature Verified Successfully" in checked.stdout
    page.goto(page.base + "/reports/verify/")
    page.get_by_label("报告 PDF").set_input_files(str(pdf))
    page.get_by_role("button", name="核验文件").click()
    page.locator("#verification").wait_for()
    assert page.locator("#verification").get_attribute("data-status") == "valid"
    assert enterprise.name in page.locator("#verification").inner_text()
    screenshot(page, "reports-verified")
    assert page.outside_requests == []
