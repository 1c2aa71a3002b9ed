"""Outbox consumers of associations: a 行业自律 commitment determined broken becomes a member credit record."""

from publiccredit.commitments.topics import FULFILMENT
from publiccredit.events.registry import handles


@handles(FULFILMENT)
def note_a_broken_self_discipline_commitment(payload: dict) -> None:
    from publiccredit.commitments.models import Commitment

    from .services import note_breach

    commitment = Commitment.objects.select_related("department").filter(pk=payload.get("commitment_id")).first()
    if commitment is not None:
        note_breach(commitment)
