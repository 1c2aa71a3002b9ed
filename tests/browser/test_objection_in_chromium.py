"""A visitor objects to a record from the credit file in a real headless Chromium, proving a mobile number with
the texted code; once the provider accepts the third party's objection, the file shows the mark."""

import re

import pytest

from publiccredit.objections.models import Objection
from tests.browser.conftest import screenshot
from tests.builders import deliver, recent_penalty

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_a_visitor_objects_from_the_credit_file_and_the_record_is_marked(enterprise, market_regulation,
                                                                        browser_page, tmp_path, settings,
                                                                        sms_outbox, market_clerk):
    from publiccredit.objections.services import accept_objection

    settings.MEDIA_ROOT = tmp_path / "media"
    deliver("penalty", [recent_penalty(1)], market_regulation)
    page = browser_page
    page.goto(page.base + f"/credit/{enterprise.uscc}/")
    page.locator("#penalty article.record").first.get_by_role("link", name="对此信息有异议").click()
    page.wait_for_url("**/objection/*/")
    page.get_by_label("您的身份").select_option("concerned")
    page.get_by_label("提出人").fill("上饶市某供应商")
    page.get_by_label("手机号码（接收验证码和处理结果）").fill("13900000000")
    page.get_by_label("异议事项和理由").fill("处罚对象名称与我公司混淆")
    page.get_by_role("button", name="获取验证码").click()
    page.get_by_text("验证码已发送至139****0000").wait_for()
    code = re.search(r"验证码(\d{6})", sms_outbox[-1].body).group(1)
    page.get_by_label("短信验证码").fill(code)
    page.get_by_role("button", name="提交异议").click()
    number = page.locator("#number").inner_text()
    objection = Objection.objects.get()
    assert number == objection.number and objection.third_party
    assert "前受理" in page.locator("#awaiting-acceptance").inner_text()
    screenshot(page, "objection-submitted")
    accept_objection(objection=objection, actor=market_clerk, organization=market_clerk.organization)
    page.goto(page.base + f"/credit/{enterprise.uscc}/")
    assert "异议处理中" in page.locator("#penalty").inner_text()
    assert page.outside_requests == []
