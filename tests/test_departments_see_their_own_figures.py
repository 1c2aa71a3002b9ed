"""Statistics and workbenches answer a department with its own data; only the credit office (and its auditors) see
every department's rows — on the API and the pages alike."""

import pytest
from rest_framework.test import APIClient

from publiccredit.accounts.roles import Role
from publiccredit.accounts.services import create_user
from publiccredit.collection.services import submit_records
from publiccredit.lists.models import ListKind
from publiccredit.lists.services import propose_entry
from publiccredit.organizations.models import Organization
from tests.builders import penalty_row

pytestmark = pytest.mark.django_db


@pytest.fixture
def tax(db) -> Organization:
    return Organization.objects.get(name="国家税务总局上饶市税务局")


@pytest.fixture
def two_departments_delivered(market_regulation, tax, enterprise):
    from publiccredit.catalog.models import CatalogItem

    penalty = CatalogItem.objects.get(code="penalty")
    submit_records(item=penalty, provider=market_regulation, actor=None,
                   records=[penalty_row(1, CF_JDRQ="2026-01-05", CF_YXQ="2027-01-05")])  # late
    own = {"CF_CFJG": tax.name, "CF_CFJGDM": tax.code, "CF_SJLY": tax.name, "CF_SJLYDM": tax.code}
    submit_records(item=penalty, provider=tax, actor=None,
                   records=[penalty_row(2, CF_WSH="饶税罚〔2026〕2号", CF_JDRQ="2026-01-06", CF_YXQ="2027-01-06", **own)])


def api_as(user) -> APIClient:
    client = APIClient()
    client.force_login(user)
    return client


def test_a_department_gets_only_its_own_timeliness_row_and_late_records(market_clerk, two_departments_delivered):
    stats = api_as(market_clerk).get("/api/v1/collection/stats/").json()
    assert [row["name"] for row in stats["providers"]] == ["上饶市市场监督管理局"]
    assert stats["providers"][0]["rank"] in (1, 2)  # its place among all departments
    assert [row["county"] for row in stats["counties"]] == ["市本级"]
    assert {row["provider"] for row in stats["late"]} == {"上饶市市场监督管理局"}


def test_the_credit_office_gets_every_departments_timeliness(credit_office_admin, auditor, two_departments_delivered):
    for user in (credit_office_admin, auditor):
        stats = api_as(user).get("/api/v1/collection/stats/").json()
        assert {row["name"] for row in stats["providers"]} == {"上饶市市场监督管理局", "国家税务总局上饶市税务局"}
        assert {row["provider"] for row in stats["late"]} == {"上饶市市场监督管理局", "国家税务总局上饶市税务局"}


def test_the_timeliness_page_shows_a_department_only_its_own_late_records(client, market_clerk,
                                                                          two_departments_delivered):
    client.force_login(market_clerk)
    page = client.get("/backoffice/collection/stats/").content.decode()
    assert "饶市监罚〔2026〕1号" in page and "饶税罚〔2026〕2号" not in page


def test_screening_statistics_on_the_api_count_only_the_departments_own_screenings(market_clerk, credit_office_admin,
                                                                                  enterprise):
    client = api_as(market_clerk)
    client.post("/api/v1/screening/", {"matter": "gov_procurement", "subjects": [{"code": enterprise.uscc}]},
                format="json")
    api_as(credit_office_admin).post("/api/v1/screening/", {"matter": "gov_procurement",
                                                            "subjects": [{"code": enterprise.uscc}]}, format="json")
    own = client.get("/api/v1/screening/stats/").json()
    assert own["totals"]["screenings"] == 1
    assert [row["department"] for row in own["by_department"]] == ["上饶市市场监督管理局"]
    assert api_as(credit_office_admin).get("/api/v1/screening/stats/").json()["totals"]["screenings"] == 2


def test_the_list_workbench_shows_a_department_only_entries_it_proposed_or_that_rest_on_its_records(
        client, market_clerk, credit_office_admin, tax, enterprise, two_departments_delivered):
    from publiccredit.collection.models import CreditRecord

    serious = ListKind.objects.get(code="serious_dishonesty")
    on_tax_record = propose_entry(kind=serious, subject=enterprise, reason="税务事由", actor=credit_office_admin,
                                  records=[CreditRecord.objects.get(provider=tax)])
    inspector = create_user(username="inspector-sun", role=Role.REGULATOR, organization=tax, password="Jiancha-2026!")
    link = f'href="/backoffice/lists/{on_tax_record.pk}/"'
    client.force_login(market_clerk)
    assert link not in client.get("/backoffice/lists/").content.decode()
    assert client.get(f"/backoffice/lists/{on_tax_record.pk}/").status_code == 404
    client.force_login(inspector)
    assert link in client.get("/backoffice/lists/").content.decode()
    client.force_login(credit_office_admin)
    assert client.get(f"/backoffice/lists/{on_tax_record.pk}/").status_code == 200


def test_the_on_time_rate_shows_its_numerator_and_denominator(client, credit_office_admin, two_departments_delivered):
    client.force_login(credit_office_admin)
    page = client.get("/backoffice/collection/stats/").content.decode()
    assert "按时 0 / 有时限 1 条" in page and "接收 1 / 报送 1 行" in page


def test_times_leave_the_api_in_beijing_time(credit_office_admin, market_regulation, two_departments_delivered):
    from publiccredit.collection.models import Batch

    client = api_as(credit_office_admin)
    stats = client.get("/api/v1/collection/stats/").json()
    assert all(row["received_at"].endswith("+08:00") for row in stats["late"])
    batch = Batch.objects.filter(provider=market_regulation).latest("pk")
    assert client.get(f"/api/v1/collection/batches/{batch.pk}/").json()["started_at"].endswith("+08:00")


def test_a_datetime_handed_to_a_response_is_rendered_in_beijing_time():
    import datetime as dt
    import json

    from publiccredit.core.api import BeijingTimeJSONRenderer

    utc = dt.datetime(2026, 12, 2, 8, 30, tzinfo=dt.UTC)
    body = json.loads(BeijingTimeJSONRenderer().render({"at": utc}))
    assert body["at"] == "2026-12-02T16:30:00+08:00"
