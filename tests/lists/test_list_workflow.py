"""Listing a subject: proposal, prior notice with an objection window in working days, decision, publication, exit."""

import datetime as dt

import pytest

from publiccredit.audit.models import AuditEntry
from publiccredit.core.errors import DomainError
from publiccredit.events.models import OutboxEvent
from publiccredit.lists.models import ListEntry, ListKind
from publiccredit.lists.queries import published_entries
from publiccredit.lists.services import (
    decide_entry,
    exit_entry,
    expire_entries,
    propose_entry,
    publish_entry,
    withdraw_entry,
)
from tests.builders import deliver, recent_penalty
from tests.conftest import notify_and_serve, second_approver

pytestmark = pytest.mark.django_db

FRIDAY = dt.date(2026, 9, 25)  # the National Day holiday (Oct 1–8, 2026) follows the weekend


@pytest.fixture
def serious(db) -> ListKind:
    return ListKind.objects.get(code="serious_dishonesty")


@pytest.fixture
def proposed(serious, enterprise, market_regulation, credit_office_admin) -> ListEntry:
    [record] = deliver("penalty", [recent_penalty(1, CF_CFLB="降低资质等级")], market_regulation)
    return propose_entry(kind=serious, subject=enterprise, reason="吊销食品经营许可证", records=[record],
                         actor=credit_office_admin)


def test_the_seeded_kinds_publish_basis_standard_procedure_exit_and_remedies(db):
    kinds = {kind.category: kind for kind in ListKind.objects.all()}
    assert set(kinds) == {"dishonest", "watch", "red", "ban"}
    for kind in kinds.values():
        assert all([kind.legal_basis, kind.standard, kind.procedure, kind.exit_conditions, kind.remedies])
    assert kinds["ban"].allows_lifetime and not kinds["dishonest"].allows_lifetime


def test_the_whole_path_from_proposal_to_exit_is_recorded_audited_and_announced(proposed, credit_office_admin):
    entry = notify_and_serve(entry=proposed, actor=credit_office_admin, today=FRIDAY)
    # five working days after Friday 25 September 2026: Mon 28, Tue 29, Wed 30 September, then the holiday, then
    # the make-up working days Sat 10 and Fri 9 October … the calendar decides.
    from publiccredit.workdays.services import add_working_days

    assert entry.objection_until == add_working_days(FRIDAY, 5)
    assert entry.objection_until > dt.date(2026, 10, 8)
    with pytest.raises(DomainError) as early:
        decide_entry(entry=entry, decision_number="饶发改信〔2026〕1号", approver=second_approver(),
                     actor=credit_office_admin, today=entry.objection_until)
    assert early.value.code == "objection_window_open"
    day_after = entry.objection_until + dt.timedelta(days=1)
    entry = decide_entry(entry=entry, decision_number="饶发改信〔2026〕1号", approver=second_approver(),
                         actor=credit_office_admin, measures="限制参与政府采购", today=day_after)
    assert (entry.start, entry.end) == (day_after, day_after.replace(year=day_after.year + 3) - dt.timedelta(days=1))
    assert not published_entries(today=day_after).exists()
    entry = publish_entry(entry=entry, actor=credit_office_admin, today=day_after)
    assert list(published_entries("serious_dishonesty", today=day_after)) == [entry]
    entry = exit_entry(entry=entry, reason="repair", actor=credit_office_admin, today=day_after)
    assert not published_entries(today=day_after).exists()
    # generated, then served (both while 已告知)
    assert [step.state for step in entry.steps.all()] == ["proposed", "notified", "notified", "decided", "published",
                                                          "exited"]
    assert AuditEntry.objects.filter(action__startswith="lists.entry.").count() == 6
    assert OutboxEvent.objects.filter(topic="lists.entry.exit").exists()


def test_a_subject_has_one_open_entry_per_list(proposed, serious, enterprise, credit_office_admin):
    with pytest.raises(DomainError) as twice:
        propose_entry(kind=serious, subject=enterprise, reason="再次", actor=credit_office_admin)
    assert twice.value.code == "already_open"


def test_records_of_another_subject_cannot_ground_a_listing(serious, citizen, enterprise, market_regulation):
    [record] = deliver("penalty", [recent_penalty(1)], market_regulation)
    with pytest.raises(DomainError) as wrong:
        propose_entry(kind=serious, subject=citizen, reason="x", records=[record], actor=None)
    assert wrong.value.code == "record_not_of_subject"


def test_steps_out_of_order_are_refused_with_the_state_named(proposed, credit_office_admin):
    with pytest.raises(DomainError) as early:
        publish_entry(entry=proposed, actor=credit_office_admin)
    assert "拟列入" in early.value.message


def test_a_decision_needs_an_approver_and_lifetime_only_where_the_list_allows_it(proposed, credit_office_admin):
    entry = notify_and_serve(entry=proposed, actor=credit_office_admin, today=FRIDAY)
    later = entry.objection_until + dt.timedelta(days=1)
    with pytest.raises(DomainError, match="批准人"):
        decide_entry(entry=entry, decision_number="1", approver=None, actor=None, today=later)
    with pytest.raises(DomainError, match="终身"):
        decide_entry(entry=entry, decision_number="1", approver=second_approver(), actor=None, lifetime=True,
                     today=later)


def test_an_objection_upheld_ends_the_procedure_without_listing(proposed, credit_office_admin):
    entry = withdraw_entry(entry=proposed, note="当事人异议成立，处罚决定已撤销", actor=credit_office_admin)
    assert entry.state == "withdrawn"
    assert not published_entries().exists()


def test_entries_past_their_term_exit_by_themselves(proposed, credit_office_admin):
    entry = notify_and_serve(entry=proposed, actor=credit_office_admin, today=FRIDAY)
    start = entry.objection_until + dt.timedelta(days=1)
    entry = decide_entry(entry=entry, decision_number="饶发改信〔2026〕2号", approver=second_approver(),
                         actor=credit_office_admin, end=start + dt.timedelta(days=30), today=start)
    publish_entry(entry=entry, actor=credit_office_admin, today=start)
    assert expire_entries(today=start + dt.timedelta(days=30)) == 0
    assert expire_entries(today=start + dt.timedelta(days=31)) == 1
    entry.refresh_from_db()
    assert (entry.state, entry.exit_reason) == ("exited", "expiry")


def test_the_expiry_command_reports_what_it_did(db, capsys):
    from django.core.management import call_command

    call_command("expire-lists")
    assert "期满移出名单记录 0 条" in capsys.readouterr().out


def test_the_proposer_cannot_approve_the_listing_and_the_approver_is_recorded(proposed, credit_office_admin):
    entry = notify_and_serve(entry=proposed, actor=credit_office_admin, today=FRIDAY)
    day_after = entry.objection_until + dt.timedelta(days=1)
    with pytest.raises(DomainError) as own:
        decide_entry(entry=entry, decision_number="饶发改信〔2026〕3号", approver=credit_office_admin,
                     actor=credit_office_admin, today=day_after)
    assert own.value.code == "four_eyes" and "提出人以外" in own.value.message
    approver = second_approver()
    entry = decide_entry(entry=entry, decision_number="饶发改信〔2026〕3号", approver=approver,
                         actor=credit_office_admin, today=day_after)
    assert entry.approver == approver and entry.proposed_by == credit_office_admin
    audit = AuditEntry.objects.get(action="lists.entry.decide")
    assert audit.detail["approver_id"] == approver.pk and audit.detail["proposed_by_id"] == credit_office_admin.pk
