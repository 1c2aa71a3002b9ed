"""Public API: subject search and the credit file as JSON, documented in the OpenAPI schema."""

import pytest

from publiccredit.accounts.services import issue_token
from publiccredit.audit.models import AuditEntry
from tests.conftest import CITIZEN_ID

pytestmark = pytest.mark.django_db


def test_search_answers_count_and_results_with_code_name_kind_region(client, enterprise):
    body = client.get("/api/v1/subjects/", {"q": "信江"}).json()
    assert body["count"] == 1
    first = body["results"][0]
    assert {key: first[key] for key in ("code", "name", "kind")} == {
        "code": enterprise.uscc, "name": "上饶市信江光伏科技有限公司", "kind": "legal_person"}
    assert "region" in first and first["url"].endswith(f"/api/v1/subjects/{enterprise.uscc}/")


def test_a_person_found_by_full_id_is_masked_in_the_answer(client, citizen):
    body = client.get("/api/v1/subjects/", {"q": CITIZEN_ID}).json()
    assert body["results"][0]["name"] == "张*丰"
    assert body["results"][0]["code"] == "3611**********1230"
    assert CITIZEN_ID not in str(body)


@pytest.mark.parametrize("query", ["", "%%%", "鑫" * 200])
def test_a_bad_query_is_a_400_with_a_chinese_reason(client, db, query):
    response = client.get("/api/v1/subjects/", {"q": query})
    assert response.status_code == 400
    assert response.json()["detail"]


def test_a_bad_page_number_is_a_400(client, db):
    assert client.get("/api/v1/subjects/", {"q": "信江", "page": "x"}).status_code == 400


def test_the_credit_file_groups_public_records_by_item_code(client, records_in_every_state, enterprise):
    body = client.get(f"/api/v1/subjects/{enterprise.uscc}/").json()
    assert body["subject"]["code"] == enterprise.uscc
    numbers = {row["decision_number"] for row in body["records"]["penalty"]}
    assert numbers == {records_in_every_state["public"].decision_number,
                       records_in_every_state["objection"].decision_number}
    objection = next(row for row in body["records"]["penalty"]
                     if row["decision_number"] == records_in_every_state["objection"].decision_number)
    assert objection["marks"] == ["异议处理中"]
    assert "administrative_inspection" not in body["records"]
    assert body["sections"]["penalty"] == 2


def test_an_unknown_code_is_a_json_404(client, db):
    for code in ("91361102MA35ABCD4C", "nonsense", CITIZEN_ID):
        response = client.get(f"/api/v1/subjects/{code}/")
        assert response.status_code == 404
        assert "没有找到" in response.json()["detail"]


def test_a_department_token_sees_shared_records_and_the_read_is_audited(client, records_in_every_state, enterprise,
                                                                        market_regulation):
    issued = issue_token(organization=market_regulation, name="对接", scopes=["subjects:read"])
    body = client.get(f"/api/v1/subjects/{enterprise.uscc}/", HTTP_AUTHORIZATION=f"Bearer {issued.secret}").json()
    numbers = {row["decision_number"] for row in body["records"]["penalty"]}
    assert records_in_every_state["expired"].decision_number in numbers
    assert records_in_every_state["repaired"].decision_number not in numbers
    entry = AuditEntry.objects.filter(action="publicity.credit_file.read").get()
    assert (entry.kind, entry.actor_id, entry.target_id) == ("read", issued.token.user_id, str(enterprise.pk))


def test_an_anonymous_read_of_a_public_file_writes_no_audit_entry(client, enterprise):
    client.get(f"/api/v1/subjects/{enterprise.uscc}/")
    assert not AuditEntry.objects.filter(action="publicity.credit_file.read").exists()


def test_both_endpoints_are_in_the_openapi_schema(client, db):
    schema = client.get("/api/schema/", HTTP_ACCEPT="application/json").json()
    assert "/api/v1/subjects/" in schema["paths"]
    assert "/api/v1/subjects/{code}/" in schema["paths"]


def test_a_token_without_the_read_scope_sees_only_what_the_public_sees(client, records_in_every_state, enterprise,
                                                                       market_regulation):
    issued = issue_token(organization=market_regulation, name="报送", scopes=["records:write"])
    body = client.get(f"/api/v1/subjects/{enterprise.uscc}/", HTTP_AUTHORIZATION=f"Bearer {issued.secret}").json()
    numbers = {row["decision_number"] for row in body["records"]["penalty"]}
    assert records_in_every_state["expired"].decision_number not in numbers
    assert not AuditEntry.objects.filter(action="publicity.credit_file.read").exists()


def test_the_openapi_schema_generates_without_a_warning_and_documents_the_credit_file(db):
    import json
    from io import StringIO

    from django.core.management import call_command

    out = StringIO()
    call_command("spectacular", "--fail-on-warn", "--format", "openapi-json", stdout=out)  # raises on any warning
    schema = json.loads(out.getvalue())
    assert "CreditFile" in str(schema["paths"]["/api/v1/subjects/{code}/"]["get"]["responses"]["200"])
    assert "/api/v1/objections/{number}/review/" in schema["paths"]
