"""Every error an API caller can meet reads in Chinese, as JSON: Django's English texts never leak through."""

import json

import pytest
from rest_framework.test import APIClient

from publiccredit.accounts.services import issue_token

pytestmark = pytest.mark.django_db


@pytest.fixture
def api(market_regulation):
    client = APIClient()
    token = issue_token(organization=market_regulation, scopes="screening:write,screening:feedback,subjects:read")
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {token.secret}")
    return client


def has_chinese(text: str) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" for ch in text)


def test_an_object_that_does_not_exist_is_reported_in_chinese_without_naming_a_model(api):
    response = api.get("/api/v1/screening/987654/")
    assert response.status_code == 404
    detail = response.json()["detail"]
    assert has_chinese(detail) and "Screening" not in detail and "matches" not in detail


def test_a_wrong_api_address_answers_json_in_chinese_not_the_website_page(api):
    response = api.get("/api/v1/no-such-endpoint/")
    assert response.status_code == 404
    assert response["Content-Type"].startswith("application/json")
    assert "接口地址不存在" in json.loads(response.content)["detail"]


def test_a_wrong_website_address_still_gets_the_website_page(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404 and "页面不存在" in response.content.decode()


def test_malformed_json_says_where_it_breaks_in_chinese(api):
    response = api.post("/api/v1/screening/", data='{"matter": "x",\n  oops}', content_type="application/json")
    assert response.status_code == 400
    detail = response.json()["detail"]
    assert detail.startswith("请求体不是有效的 JSON：第2行第3列附近")
    assert "parse error" not in detail


def test_an_unexpected_failure_in_the_api_answers_json_in_chinese_without_a_traceback(monkeypatch, market_regulation):
    from publiccredit.organizations.api import OrganizationListView

    def broken(self):
        raise RuntimeError("secret internals")

    monkeypatch.setattr(OrganizationListView, "get_queryset", broken)
    client = APIClient(raise_request_exception=False)
    response = client.get("/api/v1/organizations/")
    assert response.status_code == 500
    body = response.content.decode()
    assert "服务器内部错误" in json.loads(body)["detail"] and "secret internals" not in body
