"""When what a listing rests on lapses after the proposal — a record withdrawn, repaired, past its publicity period —
the credit office is told; with no valid basis left a proposal stops and a listing is suspended (off the website,
out of screening) until the office exits it with the reason."""

import datetime as dt

import pytest
from django.utils import timezone

from publiccredit.catalog.models import CatalogItem
from publiccredit.collection.models import CreditRecord
from publiccredit.collection.services import submit_records
from publiccredit.core.errors import DomainError
from publiccredit.lists.models import ListEntry, ListKind
from publiccredit.lists.queries import published_entries
from publiccredit.lists.services import exit_entry, expire_entries, propose_entry, resume_entry
from publiccredit.notifications.models import Notification
from tests.builders import deliver, list_subject, penalty_row, recent_penalty

pytestmark = pytest.mark.django_db


@pytest.fixture
def procurement_token(db):
    from publiccredit.accounts.services import issue_token
    from publiccredit.organizations.models import Organization

    issued = issue_token(organization=Organization.objects.get(short_name="市财政局"), name="政府采购系统",
                         scopes=["screening:write"])
    return {"HTTP_AUTHORIZATION": f"Bearer {issued.secret}"}


@pytest.fixture
def penalties(enterprise, market_regulation):
    return deliver("penalty", [recent_penalty(1, CF_CFLB="吊销许可证件"), recent_penalty(2, CF_CFLB="吊销许可证件")],
                   market_regulation)


def withdraw(number: int, provider, capture):
    row = {**penalty_row(number), "CZLX": "撤销", "CXYY": "行政复议决定撤销该处罚"}
    with capture(execute=True):
        result = submit_records(item=CatalogItem.objects.get(code="penalty"), provider=provider, records=[row],
                                actor=None)
    assert result.withdrawn == 1, result.errors


def test_one_withdrawn_basis_of_two_flags_the_listing_to_the_credit_office(
        penalties, enterprise, market_regulation, credit_office_admin, django_capture_on_commit_callbacks):
    entry = list_subject(enterprise, "serious_dishonesty", credit_office_admin, records=penalties)
    withdraw(1, market_regulation, django_capture_on_commit_callbacks)
    entry.refresh_from_db()
    assert entry.state == "published" and entry.basis_note.startswith("部分列入依据失效：饶市监罚〔2026〕1号已撤销")
    told = Notification.objects.filter(user=credit_office_admin, topic="lists.entry.basis")
    assert told.exists() and enterprise.name in told.first().title


def test_a_listing_with_no_valid_basis_left_is_suspended_off_the_website_and_out_of_screening(
        client, penalties, enterprise, market_regulation, credit_office_admin, django_capture_on_commit_callbacks,
        procurement_token):
    entry = list_subject(enterprise, "serious_dishonesty", credit_office_admin, records=penalties)

    def lists_in_screening():
        body = client.post("/api/v1/screening/", {"matter": "gov_procurement", "subjects": [{"code": enterprise.uscc}]},
                           content_type="application/json", **procurement_token).json()
        return [e["kind"] for e in body["results"][0].get("list_entries", [])]

    assert lists_in_screening() == ["serious_dishonesty"]
    withdraw(1, market_regulation, django_capture_on_commit_callbacks)
    withdraw(2, market_regulation, django_capture_on_commit_callbacks)
    entry.refresh_from_db()
    assert (entry.state, entry.suspended_from) == ("suspended", "published")
    assert not published_entries().filter(pk=entry.pk).exists()
    assert lists_in_screening() == []
    assert Notification.objects.filter(user=credit_office_admin, topic="lists.entry.suspend").exists()
    exited = exit_entry(entry=entry, reason="basis_lapsed", actor=credit_office_admin, note="依据均被复议撤销")
    assert (exited.state, exited.get_exit_reason_display()) == ("exited", "列入依据失效")


def test_a_proposal_whose_only_basis_is_withdrawn_stops(penalties, enterprise, market_regulation, credit_office_admin,
                                                        django_capture_on_commit_callbacks):
    entry = propose_entry(kind=ListKind.objects.get(code="watch_list"), subject=enterprise, reason="多次处罚",
                          records=[penalties[0]], actor=credit_office_admin)
    withdraw(1, market_regulation, django_capture_on_commit_callbacks)
    entry.refresh_from_db()
    assert entry.state == "withdrawn" and "列入程序终止" in entry.steps.last().note


def test_a_basis_past_its_publicity_period_is_found_by_the_periodic_run(penalties, enterprise, credit_office_admin):
    entry = list_subject(enterprise, "serious_dishonesty", credit_office_admin, records=penalties)
    yesterday = timezone.localdate() - dt.timedelta(days=1)
    CreditRecord.objects.filter(pk__in=[p.pk for p in penalties]).update(publicity_end=yesterday)
    expire_entries()
    entry.refresh_from_db()
    assert entry.state == "suspended" and "已过公示期" in entry.basis_note


def test_a_suspension_is_lifted_only_when_a_valid_basis_exists_again(penalties, enterprise, credit_office_admin):
    entry = list_subject(enterprise, "serious_dishonesty", credit_office_admin, records=penalties)
    CreditRecord.objects.filter(pk__in=[p.pk for p in penalties]).update(state="withdrawn")
    expire_entries()
    entry.refresh_from_db()
    assert entry.state == "suspended"
    with pytest.raises(DomainError) as refused:
        resume_entry(entry=entry, actor=credit_office_admin, note="核查后恢复")
    assert refused.value.code == "no_valid_basis"
    CreditRecord.objects.filter(pk=penalties[0].pk).update(state="active")  # e.g. the revocation was itself undone
    resumed = resume_entry(entry=entry, actor=credit_office_admin, note="复议决定被撤销，处罚恢复有效")
    assert resumed.state == "published" and published_entries().filter(pk=entry.pk).exists()


def test_the_entry_page_shows_the_lapse_and_offers_exit_for_the_lapsed_basis(client, penalties, enterprise,
                                                                           credit_office_admin):
    entry = list_subject(enterprise, "serious_dishonesty", credit_office_admin, records=penalties)
    CreditRecord.objects.filter(pk__in=[p.pk for p in penalties]).update(state="withdrawn")
    expire_entries()
    client.force_login(credit_office_admin)
    page = client.get(f"/backoffice/lists/{entry.pk}/").content.decode()
    assert "列入依据已全部失效" in page and "已暂停公示和联合惩戒" in page
    assert '<option value="basis_lapsed" selected>' in page
    client.post(f"/backoffice/lists/{entry.pk}/exit/", {"reason": "basis_lapsed", "note": "依据失效"})
    assert ListEntry.objects.get(pk=entry.pk).state == "exited"


def test_a_record_corrected_below_the_proposing_rule_ends_the_proposal(enterprise, market_regulation):
    from django.test import TestCase

    with TestCase.captureOnCommitCallbacks(execute=True):
        deliver("penalty", [recent_penalty(1, CF_CFLB="吊销许可证件")], market_regulation)
    entry = ListEntry.objects.get(kind__code="serious_dishonesty")
    assert entry.rule is not None
    with TestCase.captureOnCommitCallbacks(execute=True):  # the department corrects the category: a fine only
        deliver("penalty", [recent_penalty(1, CF_CFLB="罚款")], market_regulation)
    entry.refresh_from_db()
    # 罚款 alone is also graded below 严重: either way the record no longer meets the rule that proposed it
    assert entry.state == "withdrawn" and entry.rule.name in entry.basis_note


def test_a_rule_counting_three_penalties_is_not_met_by_two(enterprise, market_regulation, credit_office_admin,
                                                         django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        deliver("penalty", [recent_penalty(n, days_ago=10 * n) for n in (1, 2, 3)], market_regulation)
    entry = ListEntry.objects.get(kind__code="watch_list")
    assert entry.rule.min_count == 3
    withdraw(1, market_regulation, django_capture_on_commit_callbacks)
    entry.refresh_from_db()
    assert entry.state == "withdrawn" and entry.basis_note.startswith("列入依据已全部失效：")
