"""An enterprise's agent registers on the portal and binds the account with the code texted to the registered mobile
number, in a real headless Chromium."""

import re

import pytest

from publiccredit.selfservice.models import BindingRequest
from publiccredit.subjects.services import set_registered_contact
from tests.browser.conftest import screenshot
from tests.conftest import ENTERPRISE_USCC

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PASSWORD = "Bangding-2026!xyz"


def test_an_agent_registers_and_binds_with_the_texted_code(enterprise, credit_office_admin, browser_page,
                                                           sms_outbox):
    set_registered_contact(subject=enterprise, phone="13912345678", source="市场监管局企业登记联络员信息",
                           actor=credit_office_admin)
    page = browser_page
    page.goto(page.base + "/account/register/")
    page.get_by_label("用户名").fill("xinjiang-agent")
    page.get_by_label("密码", exact=True).fill(PASSWORD)
    page.get_by_label("再次输入密码").fill(PASSWORD)
    page.get_by_label("姓名").fill("刘经理")
    page.get_by_label("联系电话").fill("13800000000")
    page.get_by_label("统一社会信用代码（自然人填身份证号码）").fill(ENTERPRISE_USCC)
    page.get_by_label("您的身份").select_option("agent")
    page.get_by_role("button", name="注册").click()
    page.wait_for_url("**/account/")
    assert "139****5678" in page.locator("#binding-by-code").inner_text()
    page.get_by_role("button", name="获取验证码").click()
    page.wait_for_url("**/account/")
    assert "验证码已发送至登记手机号码139****5678" in page.locator("main").inner_text()
    assert sms_outbox[-1].recipients == ["13912345678"]
    page.get_by_label("验证码", exact=True).fill("000000" if "验证码000000" not in sms_outbox[-1].body else "111111")
    page.get_by_role("button", name="验证并绑定").click()
    page.wait_for_url("**/account/")
    assert page.get_by_role("alert").inner_text().startswith("验证码不正确")
    page.get_by_label("验证码", exact=True).fill(re.search(r"验证码(\d{6})", sms_outbox[-1].body).group(1))
    screenshot(page, "binding-code")
    page.get_by_role("button", name="验证并绑定").click()
    page.wait_for_url("**/account/")
    assert f"账号已绑定“{enterprise.name}”" in page.locator("main").inner_text()
    assert "失信信息与信用修复" in page.locator("main").inner_text()
    assert BindingRequest.objects.get().method == BindingRequest.Method.SMS_CODE
    assert page.outside_requests == []
