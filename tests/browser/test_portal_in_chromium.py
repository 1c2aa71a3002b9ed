"""A visitor uses the credit website in a real headless Chromium: search, credit file, paging, elder mode."""

import datetime as dt

import pytest
from django.utils import timezone

from tests.browser.conftest import screenshot
from tests.builders import deliver, license_row, recent_penalty

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def published(enterprise, market_regulation):
    deliver("penalty", [recent_penalty(n, days_ago=n) for n in range(1, 31)], market_regulation)
    deliver("license", [license_row(1)], market_regulation)
    return enterprise


def test_a_visitor_searches_by_part_of_a_name_and_opens_the_credit_file(published, browser_page):
    page = browser_page
    page.goto(page.base + "/")
    page.get_by_role("searchbox", name="查询信用主体").fill("信江光伏")
    page.keyboard.press("Enter")
    page.wait_for_url("**/search/?q=*")
    assert "找到 1 个信用主体" in page.locator("#result-count").inner_text()
    screenshot(page, "search-results")
    page.get_by_role("link", name="上饶市信江光伏科技有限公司").click()
    page.wait_for_url(f"**/credit/{published.uscc}/")
    assert page.get_by_role("heading", level=1).inner_text() == "上饶市信江光伏科技有限公司"
    penalties = page.locator("#penalty")
    assert "30 条" in penalties.get_by_role("heading", level=2).inner_text()
    first = penalties.locator("article.record").first
    first.get_by_text("查看详细内容").click()
    assert first.get_by_text("《中华人民共和国反不正当竞争法》第二十条").is_visible()
    assert page.locator("#license article.record").count() == 1
    screenshot(page, "credit-file")
    assert page.outside_requests == []


def test_a_visitor_pages_through_penalties_and_filters_by_date(published, browser_page):
    page = browser_page
    page.goto(page.base + "/publicity/penalties/")
    assert "第 1 / 2 页，共 30 条" in page.locator("nav.pager").inner_text()
    rows_on_first = page.locator("table.data tbody tr").all_inner_texts()
    page.get_by_role("link", name="下一页").click()
    page.wait_for_url("**page=2")
    assert "第 2 / 2 页" in page.locator("nav.pager").inner_text()
    assert not set(rows_on_first) & set(page.locator("table.data tbody tr").all_inner_texts())
    since = timezone.localdate() - dt.timedelta(days=5)
    page.goto(page.base + "/publicity/penalties/")
    page.get_by_label("决定日期自").fill(str(since))
    page.get_by_role("button", name="筛选").click()
    page.wait_for_url("**from=*")
    assert page.locator("table.data tbody tr").count() == 5
    screenshot(page, "penalty-column")


def test_elder_mode_enlarges_text_on_every_page_until_switched_off(published, browser_page):
    page = browser_page
    page.goto(page.base + "/news/")

    def body_font_size() -> float:
        return float(page.evaluate("parseFloat(getComputedStyle(document.body).fontSize)"))

    normal = body_font_size()
    page.get_by_role("link", name="长者模式").click()
    page.wait_for_url("**/news/")
    assert body_font_size() >= normal * 1.25
    assert page.locator("#elder-switch").get_attribute("aria-pressed") == "true"
    page.goto(page.base + f"/credit/{published.uscc}/")
    assert body_font_size() >= normal * 1.25
    screenshot(page, "credit-file-elder-mode")
    page.get_by_role("link", name="退出长者模式").click()
    page.wait_for_url(f"**/credit/{published.uscc}/")
    assert body_font_size() == normal


CONTRAST = r"""(element) => {
  const rgb = (text) => text.match(/[0-9.]+/g).slice(0, 3).map(Number);
  const luminance = ([r, g, b]) => {
    const linear = [r, g, b].map((c) => { c /= 255; return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4; });
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2];
  };
  let node = element, background = "rgba(0, 0, 0, 0)";
  while (node && /rgba\(0, 0, 0, 0\)|transparent/.test(background)) {
    background = getComputedStyle(node).backgroundColor; node = node.parentElement;
  }
  const [a, b] = [luminance(rgb(getComputedStyle(element).color)), luminance(rgb(background))];
  return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
}"""


def test_in_elder_mode_the_footer_is_readable_and_scaled_like_the_body(published, browser_page):
    page = browser_page
    page.goto(page.base + "/news/")
    page.get_by_role("link", name="长者模式").click()
    page.wait_for_url("**/news/")
    body_size = float(page.evaluate("parseFloat(getComputedStyle(document.body).fontSize)"))
    footer_texts = page.locator("footer p, footer a")
    assert footer_texts.count() >= 2
    for index in range(footer_texts.count()):
        element = footer_texts.nth(index)
        assert element.evaluate(CONTRAST) >= 4.5, element.inner_text()
        assert float(element.evaluate("e => parseFloat(getComputedStyle(e).fontSize)")) >= body_size * 0.9


def test_the_credit_file_fits_a_phone_screen(published, chromium, live_server):
    context = chromium.new_context(viewport={"width": 375, "height": 812}, is_mobile=True)
    page = context.new_page()
    page.goto(live_server.url + f"/credit/{published.uscc}/")
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
    page.goto(live_server.url + "/publicity/penalties/")
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
    screenshot(page, "penalty-column-phone")
    context.close()
