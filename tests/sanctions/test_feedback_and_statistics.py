"""Departments report what they did with each measure; the credit office counts screenings, hits and execution."""

import pytest
from django.utils import timezone

from publiccredit.accounts.services import issue_token
from publiccredit.sanctions.models import MeasureFeedback
from tests.conftest import ENTERPRISE_USCC

pytestmark = pytest.mark.django_db


@pytest.fixture
def screened(client, screening_token, listed_enterprise, clean_enterprise) -> dict:
    body = client.post("/api/v1/screening/", {"matter": "gov_procurement", "subjects": [
        {"code": ENTERPRISE_USCC}, {"code": clean_enterprise.uscc}]}, content_type="application/json",
        **screening_token).json()
    return body


def feedback(client, headers, screening_id, items):
    return client.post(f"/api/v1/screening/{screening_id}/feedback/", {"feedback": items},
                       content_type="application/json", **headers)


def test_feedback_is_kept_per_measure_and_a_resent_answer_replaces_the_first(client, screening_token, screened):
    measure = screened["results"][0]["measures"][0]["code"]
    first = feedback(client, screening_token, screened["id"], [{"index": 0, "measure": measure, "executed": False,
                                                                "note": "采购已结束"}])
    assert first.json() == {"accepted": 1, "rejected": 0, "errors": []}
    feedback(client, screening_token, screened["id"], [{"index": 0, "measure": measure, "executed": True}])
    [kept] = MeasureFeedback.objects.all()
    assert kept.executed is True


def test_bad_feedback_items_are_named_and_the_good_ones_kept(client, screening_token, screened):
    measure = screened["results"][0]["measures"][0]["code"]
    response = feedback(client, screening_token, screened["id"], [
        {"index": 0, "measure": measure, "executed": True},
        {"index": 1, "measure": measure, "executed": True},  # the clean subject: no measure applies
        {"index": 0, "measure": "CJ-999", "executed": True},
        {"index": 0, "measure": measure, "executed": False},  # no reason
        {"index": 0, "measure": measure, "executed": "yes"}])
    body = response.json()
    assert body["accepted"] == 1 and body["rejected"] == 4
    messages = [e["message"] for e in body["errors"]]
    assert "不适用" in messages[0] and "不适用" in messages[1] and "原因" in messages[2] and "true" in messages[3]


def test_only_the_department_that_screened_may_report_back(client, screened, market_regulation):
    other = issue_token(organization=market_regulation, name="其他单位", scopes=["screening:feedback"])
    response = feedback(client, {"HTTP_AUTHORIZATION": f"Bearer {other.secret}"}, screened["id"],
                        [{"index": 0, "measure": "CJ-001", "executed": True}])
    assert response.status_code == 404  # another department's screening does not exist for it


def test_the_monthly_statistics_count_screenings_hits_measures_and_execution(client, screening_token, screened,
                                                                            credit_office):
    measure = screened["results"][0]["measures"][0]["code"]
    feedback(client, screening_token, screened["id"], [{"index": 0, "measure": measure, "executed": True}])
    stats_token = issue_token(organization=credit_office, name="统计", scopes=["stats:read"])
    month = timezone.localdate().strftime("%Y-%m")
    body = client.get(f"/api/v1/screening/stats/?month={month}",
                      HTTP_AUTHORIZATION=f"Bearer {stats_token.secret}").json()
    totals = body["totals"]
    assert (totals["screenings"], totals["total"], totals["hits"], totals["executed"]) == (1, 2, 1, 1)
    assert totals["measures"] == len(screened["results"][0]["measures"])
    [department] = body["by_department"]
    assert department["department"] == "上饶市财政局" and department["executed"] == 1
    by_measure = {row["measure"]: row for row in body["by_measure"]}
    assert by_measure[measure]["applied"] == 1 and by_measure[measure]["executed"] == 1


def test_a_bad_month_is_a_400(client, credit_office, db):
    token = issue_token(organization=credit_office, name="统计", scopes=["stats:read"])
    response = client.get("/api/v1/screening/stats/?month=2026-13", HTTP_AUTHORIZATION=f"Bearer {token.secret}")
    assert response.status_code == 400 and "YYYY-MM" in response.json()["detail"]


def test_a_stored_screening_can_be_read_again_with_only_its_hits(client, screening_token, screened):
    body = client.get(f"/api/v1/screening/{screened['id']}/?only_hits=1", **screening_token).json()
    assert [r["index"] for r in body["results"]] == [0]
    everything = client.get(f"/api/v1/screening/{screened['id']}/", **screening_token).json()
    assert [r["status"] for r in everything["results"]] == ["hit", "clean"]
