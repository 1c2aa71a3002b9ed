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


def test_a_json_body_with_a_list_where_text_belongs_is_a_400_naming_the_field(db):
    client = APIClient()
    response = client.post("/api/v1/objections/YY2026/review/", {"code": [None, None], "reasons": ""}, format="json")
    assert response.status_code in (400, 401, 403)  # never a server error
    token_client = APIClient()
    from publiccredit.organizations.models import Organization

    market = Organization.objects.get(name="上饶市市场监督管理局")
    token = issue_token(organization=market, scopes="objections:write,repairs:write")
    token_client.credentials(HTTP_AUTHORIZATION=f"Bearer {token.secret}")
    answer = token_client.post("/api/v1/objections/YY2026/review/", {"code": [1, 2]}, format="json")
    assert answer.status_code == 400 and answer.json()["detail"] == "字段 code 须为文本"
    whole_list = token_client.post("/api/v1/repairs/", [1, 2], format="json")
    assert whole_list.status_code == 400 and "JSON 对象" in whole_list.json()["detail"]


def test_field_errors_also_carry_one_chinese_detail(market_regulation):
    client = APIClient()
    token = issue_token(organization=market_regulation, scopes="stats:read,records:read")
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {token.secret}")
    body = client.get("/api/v1/collection/stats/", {"until": "明天"}).json()
    assert body["detail"].startswith("until：日期格式应为 YYYY-MM-DD") and "until" in body


def test_an_identifier_check_without_a_code_and_a_search_with_an_unknown_kind_are_refused(db):
    client = APIClient()
    assert client.get("/api/v1/identifiers/check/").status_code == 400
    refused = client.get("/api/v1/subjects/", {"q": "鑫源", "kind": ""})
    assert refused.status_code == 400 and "kind 只能是" in refused.json()["detail"]


def test_every_operation_documents_its_error_answers(client, db):
    import yaml

    schema = yaml.safe_load(client.get("/api/schema/").content)
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            assert {"401", "403", "429"} <= set(operation["responses"]), (method, path)
            if "{" in path:
                assert "404" in operation["responses"], (method, path)
    assert schema["components"]["schemas"]["Error"]["required"] == ["detail"]
