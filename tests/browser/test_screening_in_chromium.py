"""A procurement clerk screens bidders in the back office in a real headless Chromium and reports back."""

import pytest

from publiccredit.accounts.roles import Role
from publiccredit.accounts.services import create_user
from publiccredit.organizations.models import Organization
from publiccredit.sanctions.models import MeasureFeedback
from tests.browser.conftest import screenshot
from tests.builders import list_subject
from tests.conftest import ENTERPRISE_USCC

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_a_clerk_screens_bidders_sees_the_measures_and_reports_one_executed(enterprise, credit_office_admin,
                                                                            browser_page):
    list_subject(enterprise, "serious_dishonesty", credit_office_admin)
    create_user(username="clerk-qian", role=Role.REGULATOR, organization=Organization.objects.get(short_name="市财政局"),
                password="Caigou-2026!x", full_name="钱采购")
    page = browser_page
    page.goto(page.base + "/backoffice/screening/")
    page.fill("#id_username", "clerk-qian")
    page.fill("#id_password", "Caigou-2026!x")
    page.get_by_role("button", name="登录").click()
    page.wait_for_url("**/backoffice/screening/")
    page.get_by_label("业务事项").select_option("gov_procurement")
    page.get_by_label("业务编号").fill("SRCG-2026-118")
    page.get_by_label("查询对象").fill(f"{ENTERPRISE_USCC}\n上饶市查无此户贸易有限公司")
    page.get_by_role("button", name="开始比对").click()
    page.wait_for_url("**/backoffice/screening/*/")
    body = page.locator("main").inner_text()
    assert "CJ-001 限制参加政府采购活动" in body and "严重失信主体名单" in body
    screenshot(page, "screening-hits")
    measure = page.locator("div.measure", has_text="CJ-001")
    measure.get_by_label("说明").fill("已取消其投标资格")
    measure.get_by_role("button", name="反馈").click()
    page.wait_for_load_state()
    assert "已记录措施执行情况" in page.locator("main").inner_text()
    assert "已反馈：已执行" in page.locator("div.measure", has_text="CJ-001").inner_text()
    page.get_by_role("link", name="全部", exact=True).click()
    page.wait_for_url("**show=all")
    assert "未匹配到主体" in page.locator("main").inner_text()
    assert MeasureFeedback.objects.get().note == "已取消其投标资格"
    assert page.outside_requests == []
