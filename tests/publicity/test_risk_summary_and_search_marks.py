"""Before the details, the credit file says what a reader must know (lists in force, records under objection,
repaired records for those who may see them), and search results show each subject's status and lists."""

import pytest

from publiccredit.lists.models import ListKind
from tests.lists.test_public_list_api import listed

pytestmark = pytest.mark.django_db


def risk_texts(body: dict) -> list[str]:
    return [risk["text"] for risk in body["risks"]]


def test_a_listed_enterprise_file_opens_with_its_list_linked_to_the_decision(client, enterprise, credit_office_admin):
    entry = listed("serious_dishonesty", enterprise, credit_office_admin)
    page = client.get(f"/credit/{enterprise.uscc}/").content.decode()
    summary = page[page.index('class="risk-summary"'):page.index('class="file-toc"')]
    assert "已列入严重失信主体名单" in summary and f"/lists/entries/{entry.pk}/" in summary
    body = client.get(f"/api/v1/subjects/{enterprise.uscc}/").json()
    assert body["risks"][0] == {"level": "serious", "text": "已列入严重失信主体名单",
                                "url": f"/lists/entries/{entry.pk}/"}


def test_a_red_list_is_shown_as_an_honour_not_a_risk(client, enterprise, credit_office_admin):
    red = ListKind.objects.filter(category=ListKind.Category.RED).first()
    listed(red.code, enterprise, credit_office_admin)
    [risk] = client.get(f"/api/v1/subjects/{enterprise.uscc}/").json()["risks"]
    assert risk["level"] == "good" and risk["text"] == f"已列入{red.name}"


def test_records_under_objection_are_summed_up_for_the_public_but_repaired_ones_are_not(client,
                                                                                      records_in_every_state):
    body = client.get(f"/api/v1/subjects/{records_in_every_state['public'].subject.uscc}/").json()
    assert risk_texts(body) == ["1条信息异议处理中，核查期间暂停依据该信息实施惩戒"]


def test_a_department_reading_the_file_is_told_of_repaired_records_too(client, records_in_every_state,
                                                                     credit_office_admin):
    client.force_login(credit_office_admin)
    page = client.get(f"/credit/{records_in_every_state['public'].subject.uscc}/").content.decode()
    assert "1条信息已信用修复" in page and "1条信息异议处理中" in page


def test_a_clean_file_has_no_risk_summary(client, enterprise):
    page = client.get(f"/credit/{enterprise.uscc}/").content.decode()
    assert 'class="risk-summary"' not in page
    assert client.get(f"/api/v1/subjects/{enterprise.uscc}/").json()["risks"] == []


def test_search_results_show_registration_status_and_the_lists_a_subject_is_on(client, enterprise,
                                                                             credit_office_admin):
    listed("serious_dishonesty", enterprise, credit_office_admin)
    page = client.get("/search/", {"q": enterprise.name}).content.decode()
    row = page[page.index('<ol class="results">'):page.index("</ol>")]
    assert enterprise.get_status_display() in row
    assert '<span class="mark mark-negative">严重失信主体名单</span>' in row
    [result] = client.get("/api/v1/subjects/", {"q": enterprise.name}).json()["results"]
    assert (result["status"], result["lists"]) == (enterprise.get_status_display(), ["严重失信主体名单"])


def test_a_person_found_by_id_number_shows_no_registration_status(client, citizen):
    from tests.conftest import CITIZEN_ID

    [result] = client.get("/api/v1/subjects/", {"q": CITIZEN_ID}).json()["results"]
    assert result["status"] == ""
