"""The website's columns (双公示 licences and penalties, lists) and its home page."""

import datetime as dt

import pytest
from django.utils import timezone

from tests.builders import deliver, license_row, page_text, penalty_row, recent_penalty

pytestmark = pytest.mark.django_db


def test_the_penalty_column_filters_by_department_county_and_date_and_pages(client, enterprise, market_regulation):
    deliver("penalty", [recent_penalty(n, days_ago=n) for n in range(1, 26)], market_regulation)
    html = page_text(client, "/publicity/penalties/")
    assert "第 1 / 2 页，共 25 条" in html
    assert f'<option value="{market_regulation.pk}">上饶市市场监督管理局</option>' in html
    assert "饶市监罚〔2026〕1号" in html and "饶市监罚〔2026〕25号" not in html
    assert "饶市监罚〔2026〕25号" in page_text(client, "/publicity/penalties/", page=2)
    assert "共 25 条" not in page_text(client, "/publicity/penalties/", county="361130")
    assert "没有符合条件" in page_text(client, "/publicity/penalties/", provider=market_regulation.pk + 1000)
    since = timezone.localdate() - dt.timedelta(days=3)
    html = page_text(client, "/publicity/penalties/", **{"from": str(since)})
    assert "饶市监罚〔2026〕3号" in html and "饶市监罚〔2026〕4号" not in html


def test_the_licence_column_shows_licences_and_not_penalties(client, enterprise, market_regulation):
    deliver("license", [license_row(1)], market_regulation)
    deliver("penalty", [recent_penalty(9)], market_regulation)
    html = page_text(client, "/publicity/licenses/")
    assert "JY13611020001" in html and "饶市监罚" not in html


def test_an_unknown_column_is_a_404(client, db):
    page_text(client, "/publicity/nothing/", status=404)


def test_the_list_column_shows_list_items_as_tabs(client, enterprise, market_regulation):
    row = {"YC_WSH": "饶市监异〔2026〕1号", "YC_QYMC": "上饶市信江光伏科技有限公司", "YC_SHXYM": enterprise.uscc,
           "YC_LRYY": "未按规定公示年度报告", "YC_LRRQ": str(timezone.localdate() - dt.timedelta(days=5)),
           "YC_JG": "上饶市市场监督管理局", "YC_JGDM": "11361100144000149C"}
    deliver("business_anomaly", [row], market_regulation)
    html = page_text(client, "/lists/", item="business_anomaly")
    assert "经营异常名录" in html and "失信被执行人" in html
    assert "饶市监异〔2026〕1号" in html


@pytest.mark.parametrize("params", [
    {"page": "abc"}, {"page": "999999"}, {"page": "-3"}, {"from": "2026-13-45"}, {"to": "yesterday"},
    {"provider": "x"}, {"provider": "99999999"}, {"county": "<b>"},
])
def test_odd_column_parameters_are_ignored_not_errors(client, enterprise, market_regulation, params):
    deliver("penalty", [recent_penalty(1)], market_regulation)
    response = client.get("/publicity/penalties/", params)
    assert response.status_code == 200
    assert "<b>" not in response.content.decode().split("</header>")[1]


def test_names_in_the_columns_and_on_the_home_page_link_to_credit_files(client, enterprise, market_regulation):
    deliver("penalty", [recent_penalty(1)], market_regulation)
    link = f'<a href="/credit/{enterprise.uscc}/">上饶市信江光伏科技有限公司</a>'
    assert link in page_text(client, "/publicity/penalties/")
    assert link in page_text(client, "/")


def test_the_home_page_has_search_figures_and_latest_publicity(client, enterprise, market_regulation):
    deliver("penalty", [penalty_row(1, CF_JDRQ=str(timezone.localdate()))], market_regulation)
    html = page_text(client, "/")
    assert 'action="/search/"' in html and "公示概况" in html and "最新行政处罚" in html
