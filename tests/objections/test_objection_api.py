"""Objections through the API, and their progress by number and query code."""

import pytest

from publiccredit.accounts.services import issue_token
from tests.builders import deliver, recent_penalty
from tests.conftest import ENTERPRISE_USCC

pytestmark = pytest.mark.django_db


def test_an_objection_through_the_api_flags_the_record_and_its_progress_is_readable(client, enterprise,
                                                                                   market_regulation, credit_office):
    [record] = deliver("penalty", [recent_penalty(1)], market_regulation)
    token = issue_token(organization=credit_office, name="12345热线", scopes=["objections:write"])
    response = client.post("/api/v1/objections/", {
        "subject_code": ENTERPRISE_USCC, "decision_number": record.decision_number, "filer_kind": "subject",
        "filer_name": "信江光伏", "contact_phone": "13800000000", "reasons": "当事人名称录入错误"},
        content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {token.secret}")
    assert response.status_code == 201, response.json()
    body = response.json()
    progress = client.get(f"/api/v1/objections/{body['number']}/?code={body['query_code']}").json()
    assert progress["state"] == "flagged" and progress["record"]["record_state"] == "异议处理中"
    public = client.get(f"/api/v1/subjects/{ENTERPRISE_USCC}/").json()
    assert "异议处理中" in str(public["records"]["penalty"][0]["marks"])


def test_a_bad_filer_kind_is_a_400(client, enterprise, market_regulation, credit_office):
    [record] = deliver("penalty", [recent_penalty(1)], market_regulation)
    token = issue_token(organization=credit_office, name="热线", scopes=["objections:write"])
    response = client.post("/api/v1/objections/", {
        "subject_code": ENTERPRISE_USCC, "decision_number": record.decision_number, "filer_kind": "martian",
        "filer_name": "某", "contact_phone": "13800000000", "reasons": "理由"}, content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {token.secret}")
    assert response.status_code == 400 and response.json()["field"] == "filer_kind"
