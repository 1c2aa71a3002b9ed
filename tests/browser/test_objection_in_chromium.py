"""A visitor objects to a record from the credit file in a real headless Chromium; the file shows the mark."""

import pytest

from publiccredit.objections.models import Objection
from tests.browser.conftest import screenshot
from tests.publicity.conftest import deliver, recent_penalty

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_a_visitor_objects_from_the_credit_file_and_the_record_is_marked(enterprise, market_regulation,
                                                                        browser_page, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    deliver("penalty", [recent_penalty(1)], market_regulation)
    page = browser_page
    page.goto(page.base + f"/credit/{enterprise.uscc}/")
    page.locator("#penalty article.record").first.get_by_role("link", name="对此信息有异议").click()
    page.wait_for_url("**/objection/*/")
    page.get_by_label("您的身份").select_option("concerned")
    page.get_by_label("提出人").fill("上饶市某供应商")
    page.get_by_label("联系电话").fill("13900000000")
    page.get_by_label("异议事项和理由").fill("处罚对象名称与我公司混淆")
    page.get_by_role("button", name="提交异议").click()
    number = page.locator("#number").inner_text()
    assert number == Objection.objects.get().number
    screenshot(page, "objection-submitted")
    page.goto(page.base + f"/credit/{enterprise.uscc}/")
    assert "异议处理中" in page.locator("#penalty").inner_text()
    assert page.outside_requests == []
