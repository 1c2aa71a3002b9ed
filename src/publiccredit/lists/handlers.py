"""Outbox consumers of the lists app."""

from publiccredit.collection.topics import RECORD_STATE_CHANGED, RECORDS_CHANGED
from publiccredit.events.registry import handles


@handles(RECORDS_CHANGED)
def propose_from_changed_records(payload: dict) -> None:
    from .services import apply_proposal_rules

    ids = [*payload.get("created", []), *payload.get("corrected", []), *payload.get("linked", [])]
    if ids:
        apply_proposal_rules(record_ids=ids, item_code=payload.get("item"))


@handles(RECORDS_CHANGED)
def review_bases_of_changed_records(payload: dict) -> None:
    """A correction (to 轻微, say) or a withdrawal may take away what an entry rests on."""
    from .services import review_bases

    ids = [*payload.get("corrected", []), *payload.get("withdrawn", [])]
    if ids:
        review_bases(record_ids=ids)


@handles(RECORD_STATE_CHANGED)
def review_bases_of_records_changing_state(payload: dict) -> None:
    """Repaired, withdrawn after an objection, restored: the entries resting on the record are checked again."""
    from .services import review_bases

    if payload.get("record"):
        review_bases(record_ids=[payload["record"]])
