"""The credit file says who listed a subject and why, links to the public decision, and offers 申请信用修复 only on
records that may be repaired today, each linking to that record's own application."""

import re

import pytest

from tests.builders import deliver, license_row, recent_penalty
from tests.lists.test_public_list_api import listed

pytestmark = pytest.mark.django_db


def file_page(client, enterprise) -> str:
    return client.get(f"/credit/{enterprise.uscc}/").content.decode()


def repair_links(page: str) -> list[str]:
    return re.findall(r'href="(/account/repair/\d+/)"[^>]*>申请信用修复', page)


def test_a_list_entry_on_the_file_names_the_deciding_department_and_reason_and_links_the_decision(
        client, enterprise, credit_office_admin):
    entry = listed("serious_dishonesty", enterprise, credit_office_admin)
    page = file_page(client, enterprise)
    assert "作出决定单位" in page and entry.approver.organization.name in page
    assert "列入事由：依法认定" in page
    assert f'href="/lists/entries/{entry.pk}/"' in page


def test_the_public_decision_page_states_basis_term_exit_and_remedies(client, enterprise, credit_office_admin):
    entry = listed("serious_dishonesty", enterprise, credit_office_admin)
    page = client.get(f"/lists/entries/{entry.pk}/").content.decode()
    for fact in (entry.decision_number, entry.approver.organization.name, "依法认定", entry.kind.legal_basis[:20],
                 entry.kind.exit_conditions[:20], entry.kind.remedies[:20], enterprise.name):
        assert fact in page


def test_an_unpublished_entry_has_no_public_decision_page(client, enterprise, credit_office_admin):
    entry = listed("watch_list", enterprise, credit_office_admin, publish=False)
    assert client.get(f"/lists/entries/{entry.pk}/").status_code == 404


def test_the_list_column_shows_the_deciding_department_and_links_each_decision(client, enterprise,
                                                                                 credit_office_admin):
    entry = listed("serious_dishonesty", enterprise, credit_office_admin)
    column = client.get("/lists/", {"kind": "serious_dishonesty"}).content.decode()
    assert f'href="/lists/entries/{entry.pk}/"' in column and entry.approver.organization.name in column
    body = client.get("/api/v1/lists/", {"kind": "serious_dishonesty"}).json()["results"][0]
    assert (body["decided_by"], body["reason"], body["url"]) == (
        entry.approver.organization.name, "依法认定", f"/lists/entries/{entry.pk}/")


def test_a_reason_holding_an_id_number_is_shown_masked_on_the_public_decision(client, citizen, credit_office_admin):
    from tests.conftest import CITIZEN_ID

    entry = listed("market_ban", citizen, credit_office_admin)
    entry.reason = f"当事人（身份证号{CITIZEN_ID}）被依法认定"
    entry.save(update_fields=["reason"])
    page = client.get(f"/lists/entries/{entry.pk}/").content.decode()
    assert CITIZEN_ID not in page and "被依法认定" in page


def test_repair_is_offered_only_on_the_record_that_may_be_repaired_now_and_links_to_its_application(
        client, enterprise, old_penalty, market_regulation):
    [too_recent] = deliver("penalty", [recent_penalty(2, days_ago=3)], market_regulation)
    deliver("license", [license_row(1)], market_regulation)
    page = file_page(client, enterprise)
    assert repair_links(page) == [f"/account/repair/{old_penalty.pk}/"]
    assert f"/account/repair/{too_recent.pk}/" not in page

