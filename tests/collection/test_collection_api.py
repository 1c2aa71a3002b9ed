"""`POST /api/v1/collection/<item>/records/` with a department's token, batch reports and timeliness statistics."""

import pytest
from rest_framework.test import APIClient

from publiccredit.accounts.services import issue_token
from publiccredit.collection.models import CreditRecord
from tests.builders import penalty_row


@pytest.fixture
def market_api(market_regulation):
    client = APIClient()
    secret = issue_token(organization=market_regulation, scopes="records:write,records:read,stats:read").secret
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {secret}")
    return client


def post(client, item, body):
    return client.post(f"/api/v1/collection/{item}/records/", body, format="json")


def test_records_pushed_by_api_are_counted_and_bad_ones_explained(market_api, penalty):
    response = post(market_api, "penalty", {"records": [penalty_row(1), penalty_row(2, CF_JDRQ="2026-11-31")]})
    assert response.status_code == 200
    body = response.json()
    assert {k: body[k] for k in ("total", "accepted", "rejected", "created")} == {
        "total": 2, "accepted": 1, "rejected": 1, "created": 1}
    assert body["errors"] == [{"row": 2, "field": "CF_JDRQ", "code": "bad_date",  # the second record sent
                               "message": "处罚决定日期：“2026-11-31”不是有效日期", "decision_number": "饶市监罚〔2026〕2号"}]


def test_re_sending_by_api_creates_no_duplicates(market_api, penalty):
    post(market_api, "penalty", {"records": [penalty_row(1)]})
    body = post(market_api, "penalty", {"records": [penalty_row(1)]}).json()
    assert (body["unchanged"], body["created"]) == (1, 0)
    assert CreditRecord.objects.count() == 1


def test_an_unknown_item_is_a_400_with_a_chinese_message(market_api, db):
    response = post(market_api, "no_such_item", {"records": [penalty_row(1)]})
    assert response.status_code == 400
    assert "未知的信息项" in response.json()["detail"]


def test_a_malformed_body_is_a_400_and_nothing_is_written(market_api, penalty):
    assert post(market_api, "penalty", {"records": "not a list"}).status_code == 400
    assert post(market_api, "penalty", {"records": []}).status_code == 400
    too_many = post(market_api, "penalty", {"records": [penalty_row(1)] * 5001})
    assert too_many.status_code == 400 and "一次最多报送5000条" in str(too_many.json())
    assert not CreditRecord.objects.exists()


def test_an_all_or_nothing_request_with_a_bad_row_writes_nothing(market_api, penalty):
    body = post(market_api, "penalty", {"records": [penalty_row(1), penalty_row(2, CF_SY="")], "atomic": True}).json()
    assert (body["status"], body["accepted"], body["rejected"]) == ("rejected", 0, 1)
    assert not CreditRecord.objects.exists()


def test_a_department_that_does_not_provide_an_item_is_refused(db):
    from publiccredit.organizations.models import Organization

    education = Organization.objects.get(name="上饶市教育局")
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {issue_token(organization=education, scopes='records:write').secret}")
    response = post(client, "business_anomaly", {"records": [{"YC_WSH": "x"}]})
    assert response.status_code == 403
    assert "不是“经营异常名录”的报送单位" in response.json()["detail"]


def test_a_token_without_the_write_scope_cannot_push(market_regulation, penalty):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {issue_token(organization=market_regulation, scopes='subjects:read').secret}")
    assert post(client, "penalty", {"records": [penalty_row(1)]}).status_code == 403


def test_a_department_reads_its_batch_and_downloads_the_error_report(market_api, penalty):
    batch = post(market_api, "penalty", {"records": [penalty_row(1), penalty_row(2, CF_NR_FK="-1")]}).json()["batch"]
    detail = market_api.get(f"/api/v1/collection/batches/{batch}/").json()
    assert detail["errors"][0]["code"] == "negative_amount"
    report = market_api.get(f"/api/v1/collection/batches/{batch}/errors.csv")
    text = report.content.decode("utf-8-sig")
    assert report["Content-Type"].startswith("text/csv")
    assert text.splitlines()[0] == "行号,决定文书号,字段代码,错误代码,说明"
    assert text.splitlines()[1].startswith("2,饶市监罚〔2026〕2号,CF_NR_FK,negative_amount,")


def test_another_departments_batch_is_not_visible(market_api, penalty):
    from publiccredit.organizations.models import Organization

    batch = post(market_api, "penalty", {"records": [penalty_row(1)]}).json()["batch"]
    tax = Organization.objects.get(name="国家税务总局上饶市税务局")
    other = APIClient()
    other.credentials(HTTP_AUTHORIZATION=f"Bearer {issue_token(organization=tax, scopes='records:read').secret}")
    assert other.get(f"/api/v1/collection/batches/{batch}/").status_code == 404


def test_timeliness_statistics_per_provider_and_county(market_api, penalty):
    post(market_api, "penalty", {"records": [penalty_row(1, CF_JDRQ="2026-01-05", CF_YXQ="2027-01-05"),
                                             penalty_row(2), penalty_row(3, CF_SY="")]})
    stats = market_api.get("/api/v1/collection/stats/").json()
    market = next(p for p in stats["providers"] if p["name"] == "上饶市市场监督管理局")
    assert (market["records"], market["rows_sent"], market["rows_accepted"]) == (2, 3, 2)
    assert market["compliance_rate"] == round(2 / 3, 4)
    assert market["on_time"] <= 1 and market["on_time_rate"] == market["on_time"] / 2
    assert any(row["county"] == "市本级" for row in stats["counties"])
    assert stats["late"][0]["decision_number"] == "饶市监罚〔2026〕1号"
    assert market_api.get("/api/v1/collection/stats/?since=2026-99-01").status_code == 400


def test_the_catalog_is_public_with_its_fields(client, db):
    items = {i["code"]: i for i in client.get("/api/v1/collection/items/").json()}
    assert items["penalty"]["deadline_working_days"] == 7
    assert any(f["code"] == "CF_WSH" for f in items["penalty"]["fields"])


def test_an_oversize_request_gets_413_with_advice_instead_of_a_crash(market_api, penalty, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    response = post(market_api, "penalty", {"records": [penalty_row(n) for n in range(1, 20)]})
    assert response.status_code == 413
    assert "分批发送" in response.json()["detail"]


def test_providers_are_ranked_by_on_time_rate(market_api, penalty):
    from publiccredit.organizations.models import Organization

    tax = Organization.objects.get(name="国家税务总局上饶市税务局")
    tax_api = APIClient()
    tax_api.credentials(HTTP_AUTHORIZATION=f"Bearer {issue_token(organization=tax, scopes='records:write').secret}")
    post(market_api, "penalty", {"records": [penalty_row(1, CF_JDRQ="2026-01-05", CF_YXQ="2027-01-05")]})
    from django.utils import timezone

    today = timezone.localdate().isoformat()
    post(tax_api, "penalty", {"records": [penalty_row(1, CF_WSH="饶税罚〔2026〕1号", CF_JDRQ=today, CF_YXQ="2099-01-01",
                                                      CF_CFJG=tax.name, CF_CFJGDM=tax.code, CF_SJLY=tax.name,
                                                      CF_SJLYDM=tax.code)]})
    office = Organization.objects.get(name="上饶市发展和改革委员会")
    office_api = APIClient()
    office_api.credentials(HTTP_AUTHORIZATION=f"Bearer {issue_token(organization=office, scopes='stats:read').secret}")
    ranking = [(p["rank"], p["name"]) for p in office_api.get("/api/v1/collection/stats/").json()["providers"]]
    assert ranking == [(1, "国家税务总局上饶市税务局"), (2, "上饶市市场监督管理局")]
    own = [(p["rank"], p["name"]) for p in market_api.get("/api/v1/collection/stats/").json()["providers"]]
    assert own == [(2, "上饶市市场监督管理局")]  # a department sees its own row, with its place among all


def test_back_dated_demo_batches_keep_their_receipt_time(penalty, market_regulation):
    import datetime as dt
    from zoneinfo import ZoneInfo

    from publiccredit.collection.services import submit_records

    received = dt.datetime(2026, 3, 6, 16, 30, tzinfo=ZoneInfo("Asia/Shanghai"))
    result = submit_records(item=penalty, provider=market_regulation, records=[penalty_row(1, CF_JDRQ="2026-03-02",
                            CF_YXQ="2027-03-02")], actor=None, received_at=received)
    result.batch.refresh_from_db()
    assert result.batch.started_at == received
    assert CreditRecord.objects.get().lateness_working_days == 4
