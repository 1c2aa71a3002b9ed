"""Rules the credit office configures propose list entries by themselves when departments deliver records."""

import pytest
from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext

from publiccredit.lists.models import ListEntry, ProposalRule
from publiccredit.lists.services import apply_proposal_rules, withdraw_entry
from tests.builders import deliver as deliver_only
from tests.builders import recent_penalty

pytestmark = pytest.mark.django_db


def deliver(item_code, rows, provider):
    """Deliver and drain the outbox right after the commit, as the platform does without a broker."""
    with TestCase.captureOnCommitCallbacks(execute=True):
        return deliver_only(item_code, rows, provider)


def test_a_delivered_licence_revocation_proposes_the_subject_for_the_serious_list(enterprise, market_regulation):
    [record] = deliver("penalty", [recent_penalty(1, CF_CFLB="吊销许可证件")], market_regulation)
    entry = ListEntry.objects.get(subject=enterprise)
    assert (entry.kind.code, entry.state, entry.proposed_by) == ("serious_dishonesty", "proposed", None)
    assert list(entry.records.all()) == [record]
    assert "自动提出规则" in entry.reason and record.decision_number in entry.reason
    assert entry.steps.get().state == "proposed"


def test_an_ordinary_fine_proposes_nothing(enterprise, market_regulation):
    deliver("penalty", [recent_penalty(1, CF_CFLB="罚款")], market_regulation)
    assert not ListEntry.objects.exists()


def test_the_third_penalty_within_a_year_proposes_the_watch_list(enterprise, market_regulation):
    deliver("penalty", [recent_penalty(1, days_ago=200), recent_penalty(2, days_ago=100)], market_regulation)
    assert not ListEntry.objects.filter(kind__code="watch_list").exists()
    deliver("penalty", [recent_penalty(3, days_ago=5)], market_regulation)
    entry = ListEntry.objects.get(kind__code="watch_list")
    assert entry.records.count() == 3


def test_penalties_older_than_the_rule_window_do_not_count(enterprise, market_regulation):
    deliver("penalty", [recent_penalty(1, days_ago=500), recent_penalty(2, days_ago=450),
                        recent_penalty(3, days_ago=5)], market_regulation)
    assert not ListEntry.objects.filter(kind__code="watch_list").exists()


def test_a_withdrawn_proposal_is_not_raised_again_by_a_correction_of_the_same_record(enterprise, market_regulation,
                                                                                     credit_office_admin):
    deliver("penalty", [recent_penalty(1, CF_CFLB="吊销许可证件")], market_regulation)
    withdraw_entry(entry=ListEntry.objects.get(), note="异议成立", actor=credit_office_admin)
    deliver("penalty", [recent_penalty(1, CF_CFLB="吊销许可证件", CF_NR="吊销食品经营许可证（更正）")], market_regulation)
    assert ListEntry.objects.count() == 1


def test_a_disabled_rule_proposes_nothing(enterprise, market_regulation):
    ProposalRule.objects.update(is_active=False)
    deliver("penalty", [recent_penalty(1, CF_CFLB="吊销许可证件")], market_regulation)
    assert not ListEntry.objects.exists()


def test_a_serious_penalty_outside_the_rule_categories_proposes_nothing(enterprise, market_regulation):
    ProposalRule.objects.filter(kind__code="serious_dishonesty", items__code="penalty").update(
        penalty_categories="责令关闭")
    deliver("penalty", [recent_penalty(1, CF_CFLB="吊销许可证件")], market_regulation)
    assert not ListEntry.objects.filter(kind__code="serious_dishonesty").exists()


def test_the_rules_read_no_record_payload_when_no_delivered_record_is_within_a_rule_period(enterprise,
                                                                                             market_regulation):
    records = deliver_only("penalty", [recent_penalty(n, days_ago=400 + n, CF_CFLB="吊销许可证件") for n in (1, 2, 3)],
                           market_regulation)
    with CaptureQueriesContext(connection) as queries:
        assert apply_proposal_rules(record_ids=[r.pk for r in records], item_code="penalty") == []
    record_reads = [q["sql"] for q in queries.captured_queries if "collection_creditrecord" in q["sql"]]
    assert record_reads and not any("payload" in sql for sql in record_reads)
