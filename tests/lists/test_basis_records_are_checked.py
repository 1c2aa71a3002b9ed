"""Basis records are checked when proposed and at each step: withdrawn, repaired, expired or 轻微 records cannot
ground a listing, and an entry whose every basis has lapsed cannot go on."""

import datetime as dt

import pytest

from publiccredit.collection.models import CreditRecord
from publiccredit.core.errors import DomainError
from publiccredit.lists.models import ListKind
from publiccredit.lists.services import decide_entry, propose_entry
from tests.builders import deliver, penalty_row, recent_penalty
from tests.conftest import notify_and_serve, second_approver

pytestmark = pytest.mark.django_db


@pytest.fixture
def serious(db) -> ListKind:
    return ListKind.objects.get(code="serious_dishonesty")


def propose(serious, enterprise, actor, records):
    return propose_entry(kind=serious, subject=enterprise, reason="吊销许可证件", records=records, actor=actor)


@pytest.mark.parametrize("state, shown", [(CreditRecord.State.WITHDRAWN, "已撤销"), (CreditRecord.State.REPAIRED, "已修复"),
                                          (CreditRecord.State.EXPIRED, "已过公示期")])
def test_a_record_no_longer_valid_cannot_ground_a_proposal(serious, enterprise, market_regulation, credit_office_admin,
                                                           state, shown):
    [record] = deliver("penalty", [recent_penalty(1, CF_CFLB="吊销许可证件")], market_regulation)
    CreditRecord.objects.filter(pk=record.pk).update(state=state)
    record.refresh_from_db()
    with pytest.raises(DomainError) as refused:
        propose(serious, enterprise, credit_office_admin, [record])
    assert refused.value.code == "invalid_basis" and f"{record.decision_number}{shown}" in refused.value.message


def test_a_minor_or_past_publicity_record_cannot_ground_a_proposal(serious, enterprise, market_regulation,
                                                                   credit_office_admin):
    minor, old = deliver("penalty", [recent_penalty(1, CF_CFLB="警告", CF_NR_FK=None),
                                     penalty_row(2, CF_JDRQ="2020-01-10", CF_YXQ="2021-01-10")], market_regulation)
    assert minor.severity == "minor"
    with pytest.raises(DomainError) as refused:
        propose(serious, enterprise, credit_office_admin, [minor, old])
    assert "属轻微失信" in refused.value.message and "已过公示期" in refused.value.message


def test_an_entry_whose_basis_was_withdrawn_after_proposal_cannot_be_decided(serious, enterprise, market_regulation,
                                                                           credit_office_admin):
    [record] = deliver("penalty", [recent_penalty(1, CF_CFLB="吊销许可证件")], market_regulation)
    entry = propose(serious, enterprise, credit_office_admin, [record])
    entry = notify_and_serve(entry=entry, actor=credit_office_admin)
    CreditRecord.objects.filter(pk=record.pk).update(state=CreditRecord.State.WITHDRAWN)
    with pytest.raises(DomainError) as refused:
        decide_entry(entry=entry, decision_number="饶信决〔2026〕5号", approver=second_approver(),
                     actor=credit_office_admin, today=entry.objection_until + dt.timedelta(days=1))
    assert refused.value.code == "no_valid_basis" and "已撤销" in refused.value.message
