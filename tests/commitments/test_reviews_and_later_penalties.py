"""A share of decided 告知承诺 is drawn for review by a rule anyone can check (the first 8 hex digits of
SHA-256(number) below share × 2^32); a penalty the accepting department decides on the committer while its commitment
holds flags it for confirmation."""

import datetime as dt
import hashlib

import pytest
from django.test import TestCase

from publiccredit.commitments.models import Commitment
from publiccredit.commitments.services import decide_matter, sign_commitment

pytestmark = pytest.mark.django_db


def drawn_independently(number: str, share_percent: int) -> bool:
    return int.from_bytes(hashlib.sha256(number.encode("utf-8")).digest()[:4], "big") * 100 < share_percent * 2 ** 32


def test_decided_approval_commitments_are_drawn_for_review_by_their_numbers_hash(template, enterprise, owner,
                                                                                 window_clerk):
    template.review_share, template.review_months = "0.5", 3
    template.save()
    decided = []
    for case in range(12):
        commitment = sign_commitment(template=template, subject=enterprise, actor=owner, channel="portal",
                                     case_reference=f"R-{case}", today=dt.date(2026, 12, 7))
        decided.append(decide_matter(commitment=commitment, actor=window_clerk))
    drawn = {c.number for c in decided if c.review_due}
    assert drawn == {c.number for c in decided if drawn_independently(c.number, 50)}
    assert 0 < len(drawn) < 12
    assert {c.review_due for c in decided if c.review_due} == {dt.date(2027, 3, 7)}


def test_a_penalty_by_the_accepting_department_during_validity_flags_the_commitment(client, template, enterprise,
                                                                                    owner, market_regulation,
                                                                                    window_clerk):
    from tests.builders import deliver, recent_penalty

    commitment = sign_commitment(template=template, subject=enterprise, actor=owner, channel="portal")
    with TestCase.captureOnCommitCallbacks(execute=True):
        [penalty] = deliver("penalty", [recent_penalty(9, days_ago=0)], market_regulation)
    commitment.refresh_from_db()
    assert commitment.flagged_record == penalty
    client.force_login(window_clerk)
    flagged = client.get("/backoffice/commitments/?state=flagged").content.decode()
    assert commitment.number in flagged
    assert penalty.decision_number in client.get(f"/backoffice/commitments/{commitment.pk}/").content.decode()


def test_a_penalty_decided_before_the_commitment_was_made_flags_nothing(template, enterprise, owner):
    from tests.builders import deliver, recent_penalty

    commitment = sign_commitment(template=template, subject=enterprise, actor=owner, channel="portal")
    with TestCase.captureOnCommitCallbacks(execute=True):
        deliver("penalty", [recent_penalty(11, days_ago=30)], template.department)
    commitment.refresh_from_db()
    assert commitment.flagged_record is None and not Commitment.objects.filter(flagged_record__isnull=False).exists()
