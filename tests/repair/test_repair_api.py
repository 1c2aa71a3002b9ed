"""A one-window system files repairs through the API; anyone with the number and query code follows progress."""

import pytest

from publiccredit.accounts.services import issue_token
from publiccredit.repair.models import RepairApplication
from tests.builders import proof
from tests.conftest import ENTERPRISE_USCC

pytestmark = pytest.mark.django_db


@pytest.fixture
def headers(credit_office):
    token = issue_token(organization=credit_office, name="一网通办", scopes=["repairs:write"])
    return {"HTTP_AUTHORIZATION": f"Bearer {token.secret}"}


def form(record, **overrides):
    data = {"subject_code": ENTERPRISE_USCC, "decision_number": record.decision_number, "applicant_name": "信江光伏",
            "contact_name": "刘经理", "contact_phone": "0793-8888888", "statement": "已缴清罚款", "commitment": "true",
            "files": [proof()]}
    data.update(overrides)
    return data


def test_filing_answers_number_query_code_and_deadline_and_progress_is_readable(client, headers, old_penalty):
    response = client.post("/api/v1/repairs/", form(old_penalty), **headers)
    assert response.status_code == 201, response.json()
    body = response.json()
    progress = client.get(f"/api/v1/repairs/{body['number']}/?code={body['query_code']}").json()
    assert progress["state"] == "submitted" and progress["record"]["decision_number"] == old_penalty.decision_number
    shown = str(progress)
    assert "0793-8888888" not in shown and "刘经理" not in shown  # no contact details on the progress view
    wrong = client.get(f"/api/v1/repairs/{body['number']}/?code=AAAAAAAA")
    assert wrong.status_code == 404 and wrong.json()["detail"] == "申请编号或查询码不正确"


def test_an_unknown_decision_number_is_a_400_naming_the_field(client, headers, old_penalty):
    response = client.post("/api/v1/repairs/", form(old_penalty, decision_number="不存在的文号"), **headers)
    assert response.status_code == 400 and response.json()["field"] == "decision_number"


def test_an_oversize_file_is_refused_and_nothing_is_kept(client, headers, old_penalty):
    big = proof("大文件.pdf", b"%PDF" + b"0" * (10 * 1024 * 1024 + 1))
    response = client.post("/api/v1/repairs/", form(old_penalty, files=[big]), **headers)
    assert response.status_code == 400 and "超过10 MB" in response.json()["detail"]
    assert not RepairApplication.objects.exists()


def test_filing_needs_the_repairs_scope(client, market_regulation, old_penalty):
    token = issue_token(organization=market_regulation, name="报送", scopes=["records:write"])
    response = client.post("/api/v1/repairs/", form(old_penalty), HTTP_AUTHORIZATION=f"Bearer {token.secret}")
    assert response.status_code == 403


def test_the_statistics_count_outcomes_and_overdue(client, headers, old_penalty, credit_office):
    client.post("/api/v1/repairs/", form(old_penalty), **headers)
    token = issue_token(organization=credit_office, name="监测", scopes=["stats:read"])
    body = client.get("/api/v1/remedies/stats/", HTTP_AUTHORIZATION=f"Bearer {token.secret}").json()
    assert body["repairs"]["total"] == 1 and body["repairs"]["by_state"]["已提交（待受理）"] == 1
    assert body["objections"]["total"] == 0
    bad = client.get("/api/v1/remedies/stats/?since=2026-13-01", HTTP_AUTHORIZATION=f"Bearer {token.secret}")
    assert bad.status_code == 400
