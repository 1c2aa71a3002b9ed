def test_the_home_page_says_what_the_platform_is_in_chinese(client, enterprise):
    response = client.get("/")
    assert response.status_code == 200
    page = response.content.decode()
    assert '<html lang="zh-Hans">' in page
    assert "上饶市公共信用信息平台" in page
    assert "统一社会信用代码" in page
    assert "信用查询" in page


def test_the_page_loads_nothing_from_outside_the_site(client, db):
    page = client.get("/").content.decode()
    assert "http://" not in page.replace('xmlns="http://', "")
    assert "https://" not in page


def test_the_health_check_answers_ok(client, db):
    assert client.get("/healthz").json() == {"status": "ok"}


def test_the_api_schema_and_its_offline_docs_are_served(client, db):
    assert client.get("/api/schema/").status_code == 200
    docs = client.get("/api/docs/").content.decode()
    assert "/static/drf_spectacular_sidecar/" in docs
    assert "cdn" not in docs.lower()


def test_the_identifier_check_api_explains_a_wrong_code(client, db):
    body = client.get("/api/v1/identifiers/check/", {"code": "91361102MA35ABCD4D"}).json()
    assert body["valid"] is False
    assert body["reason_code"] == "bad_check"
    assert body["position"] == 18


def test_an_unknown_page_gets_a_friendly_chinese_404(client, db):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "页面不存在" in response.content.decode()
