"""The public website: search, credit file, 双公示 and list columns, articles, elder mode, friendly errors."""

import datetime as dt

import pytest
from django.utils import timezone

from publiccredit.publicity.models import Article
from publiccredit.publicity.services import publish_article
from tests.builders import deliver, license_row, penalty_row, recent_penalty

pytestmark = pytest.mark.django_db


def page(client, url, status=200, **params) -> str:
    response = client.get(url, params)
    assert response.status_code == status, response.content.decode()[:500]
    return response.content.decode()


def test_searching_by_part_of_a_name_links_to_the_credit_file(client, enterprise):
    html = page(client, "/search/", q="信江光伏")
    assert "找到 1 个信用主体" in html
    assert f'href="/credit/{enterprise.uscc}/"' in html


def test_the_search_page_keeps_the_filters_it_was_given(client, enterprise):
    html = page(client, "/search/", q="信江", region="361130")
    assert "没有找到" in html
    assert '<option value="361130" selected>' in html


@pytest.mark.parametrize("query", ["", "   ", "%%%", "鑫" * 300, "<script>alert(1)</script>", "\x00\x01"])
def test_odd_queries_get_a_friendly_page_not_an_error(client, db, query):
    response = client.get("/search/", {"q": query})
    assert response.status_code in (200, 400)
    html = response.content.decode()
    assert "信用查询" in html
    assert "<script>alert(1)</script>" not in html


def test_the_credit_file_shows_sections_with_source_date_and_deadline(client, records_in_every_state, enterprise):
    html = page(client, f"/credit/{enterprise.uscc}/")
    public = records_in_every_state["public"]
    assert "上饶市信江光伏科技有限公司" in html and enterprise.uscc in html
    for title in ("基本信息", "行政许可", "行政处罚", "名单信息", "守信激励", "信用承诺", "信用评价"):
        assert title in html
    assert public.decision_number in html
    assert "上饶市市场监督管理局" in html
    assert f"{public.decision_date.year}年{public.decision_date.month}月{public.decision_date.day}日" in html
    assert f"{public.publicity_end.year}年{public.publicity_end.month}月{public.publicity_end.day}日" in html
    assert 'data-mark="异议处理中"' in html
    assert "法定代表人（负责人）</dt><dd>张三丰</dd>" in html  # public registration information
    for hidden in ("repaired", "expired", "withdrawn", "inspection"):
        assert records_in_every_state[hidden].decision_number not in html


def test_an_unknown_or_malformed_code_gets_the_friendly_404_page(client, db):
    assert "页面不存在" in page(client, "/credit/91361102MA35ABCD4C/", status=404)
    assert "页面不存在" in page(client, "/credit/not-a-code/", status=404)


def test_the_penalty_column_filters_by_department_county_and_date_and_pages(client, enterprise, market_regulation):
    deliver("penalty", [recent_penalty(n, days_ago=n) for n in range(1, 26)], market_regulation)
    html = page(client, "/publicity/penalties/")
    assert "第 1 / 2 页，共 25 条" in html
    assert f'<option value="{market_regulation.pk}">上饶市市场监督管理局</option>' in html
    assert "饶市监罚〔2026〕1号" in html and "饶市监罚〔2026〕25号" not in html
    assert "饶市监罚〔2026〕25号" in page(client, "/publicity/penalties/", page=2)
    assert "共 25 条" not in page(client, "/publicity/penalties/", county="361130")
    assert "没有符合条件" in page(client, "/publicity/penalties/", provider=market_regulation.pk + 1000)
    since = timezone.localdate() - dt.timedelta(days=3)
    html = page(client, "/publicity/penalties/", **{"from": str(since)})
    assert "饶市监罚〔2026〕3号" in html and "饶市监罚〔2026〕4号" not in html


def test_the_licence_column_shows_licences_and_not_penalties(client, enterprise, market_regulation):
    deliver("license", [license_row(1)], market_regulation)
    deliver("penalty", [recent_penalty(9)], market_regulation)
    html = page(client, "/publicity/licenses/")
    assert "JY13611020001" in html and "饶市监罚" not in html


def test_an_unknown_column_is_a_404(client, db):
    page(client, "/publicity/nothing/", status=404)


def test_the_list_column_shows_list_items_as_tabs(client, enterprise, market_regulation):
    row = {"YC_WSH": "饶市监异〔2026〕1号", "YC_QYMC": "上饶市信江光伏科技有限公司", "YC_SHXYM": enterprise.uscc,
           "YC_LRYY": "未按规定公示年度报告", "YC_LRRQ": str(timezone.localdate() - dt.timedelta(days=5)),
           "YC_JG": "上饶市市场监督管理局", "YC_JGDM": "11361100144000149C"}
    deliver("business_anomaly", [row], market_regulation)
    html = page(client, "/lists/", item="business_anomaly")
    assert "经营异常名录" in html and "失信被执行人" in html
    assert "饶市监异〔2026〕1号" in html


def test_articles_are_listed_and_readable_and_drafts_are_not(client, db):
    shown = publish_article(kind=Article.Kind.POLICY, title="信用修复办法解读", body="第一段。\n\n第二段。", actor=None)
    draft = Article.objects.create(kind=Article.Kind.NEWS, title="草稿不公开", body="x", is_published=False)
    html = page(client, "/news/")
    assert "信用修复办法解读" in html and "草稿不公开" not in html
    assert "第二段。" in page(client, f"/news/{shown.pk}/")
    page(client, f"/news/{draft.pk}/", status=404)
    assert "信用修复办法解读" in page(client, "/")


def test_elder_mode_is_switched_on_every_page_and_remembered(client, db):
    html = page(client, "/news/")
    assert 'id="elder-switch"' in html and '<html lang="zh-Hans">' in html
    response = client.get("/elder-mode/", {"next": "/news/"})
    assert response.status_code == 302 and response["Location"] == "/news/"
    assert 'class="elder"' in page(client, "/news/")
    client.get("/elder-mode/", {"next": "/"})
    assert 'class="elder"' not in page(client, "/")


def test_elder_mode_never_redirects_off_the_site(client, db):
    assert client.get("/elder-mode/", {"next": "https://evil.example/"})["Location"] == "/"


def test_the_home_page_has_search_figures_and_latest_publicity(client, enterprise, market_regulation):
    deliver("penalty", [penalty_row(1, CF_JDRQ=str(timezone.localdate()))], market_regulation)
    html = page(client, "/")
    assert 'action="/search/"' in html and "公示概况" in html and "最新行政处罚" in html


def test_the_cached_public_file_follows_new_records_state_changes_and_registration_changes(
        client, enterprise, market_regulation):
    from publiccredit.collection.models import CreditRecord
    from publiccredit.subjects.models import Subject
    from publiccredit.subjects.services import SubjectSpec, register_subject, set_representative

    url = f"/credit/{enterprise.uscc}/"
    assert "饶市监罚〔2026〕1号" not in page(client, url)
    [record] = deliver("penalty", [recent_penalty(1)], market_regulation)
    assert "饶市监罚〔2026〕1号" in page(client, url)
    CreditRecord.objects.filter(pk=record.pk).update(state=CreditRecord.State.REPAIRED, updated_at=timezone.now())
    assert "饶市监罚〔2026〕1号" not in page(client, url)
    successor = register_subject(spec=SubjectSpec(kind=Subject.Kind.NATURAL_PERSON, name="李继任",
                                                  code="36112319781105004X"), actor=None)
    set_representative(organization=enterprise, person=successor, actor=None)
    assert "李继任" in page(client, url)


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
    assert link in page(client, "/publicity/penalties/")
    assert link in page(client, "/")


def test_the_credit_office_publishes_an_article_in_the_admin_and_it_is_audited(client, credit_office_admin):
    from publiccredit.audit.models import AuditEntry

    client.force_login(credit_office_admin)
    response = client.post("/admin/publicity/article/add/", {
        "kind": "notice", "title": "关于开展信用修复集中服务的通知", "summary": "", "body": "各有关单位：\n\n请做好服务。",
        "source": "上饶市发展和改革委员会", "published_at_0": "2026-11-20", "published_at_1": "09:00:00",
        "is_published": "on"})
    assert response.status_code == 302, response.content.decode()[:2000]
    assert "关于开展信用修复集中服务的通知" in page(client, "/news/")
    assert AuditEntry.objects.filter(action__startswith="publicity.article").exists()
