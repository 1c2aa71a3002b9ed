"""The website's search page: part of a name finds the subject, filters stay, odd queries get a page."""


import pytest

from tests.builders import page_text

pytestmark = pytest.mark.django_db


def test_searching_by_part_of_a_name_links_to_the_credit_file(client, enterprise):
    html = page_text(client, "/search/", q="信江光伏")
    assert "找到 1 个信用主体" in html
    assert f'href="/credit/{enterprise.uscc}/"' in html


def test_the_search_page_keeps_the_filters_it_was_given(client, enterprise):
    html = page_text(client, "/search/", q="信江", region="361130")
    assert "没有找到" in html
    assert '<option value="361130" selected>' in html


@pytest.mark.parametrize("query", ["", "   ", "%%%", "鑫" * 300, "<script>alert(1)</script>", "\x00\x01"])
def test_odd_queries_get_a_friendly_page_not_an_error(client, db, query):
    response = client.get("/search/", {"q": query})
    assert response.status_code in (200, 400)
    html = response.content.decode()
    assert "信用查询" in html
    assert "<script>alert(1)</script>" not in html
