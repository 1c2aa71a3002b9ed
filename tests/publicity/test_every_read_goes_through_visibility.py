"""Every read of credit records goes through the visibility rule: the subject's own page, the actions it offers, and
the records a department may cite in a list proposal."""

import pytest

from publiccredit.accounts.roles import Role
from publiccredit.accounts.services import create_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def enterprise_account(enterprise):
    return create_user(username="xinjiang", role=Role.SUBJECT_USER, subject=enterprise, password="Qiye-2026-账号!")


def test_the_subjects_own_page_lists_no_withdrawn_record(client, enterprise_account, records_in_every_state):
    client.force_login(enterprise_account)
    page = client.get("/account/").content.decode()
    assert records_in_every_state["public"].decision_number in page
    assert records_in_every_state["repaired"].decision_number in page  # its own, marked 已修复
    assert records_in_every_state["withdrawn"].decision_number not in page


def test_a_withdrawn_record_cannot_be_taken_to_repair(client, enterprise_account, records_in_every_state):
    client.force_login(enterprise_account)
    assert client.get(f"/account/repair/{records_in_every_state['withdrawn'].pk}/").status_code == 403


def test_the_proposal_form_offers_a_department_only_what_it_may_see(client, market_clerk, records_in_every_state,
                                                                   enterprise):
    from publiccredit.accounts.roles import ROLE_PERMISSIONS  # a regulator proposes; give the clerk the right

    assert "lists.propose_entry" in ROLE_PERMISSIONS[Role.REGULATOR]
    market_clerk.role = Role.REGULATOR
    market_clerk.save()
    client.force_login(market_clerk)
    page = client.get("/backoffice/lists/new/", {"code": enterprise.uscc}).content.decode()
    assert records_in_every_state["public"].decision_number in page
    for hidden in ("withdrawn", "repaired"):
        assert records_in_every_state[hidden].decision_number not in page
