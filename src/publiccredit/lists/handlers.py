"""Outbox consumers of the lists app."""

from publiccredit.events.registry import handles


@handles("records.changed")
def propose_from_changed_records(payload: dict) -> None:
    from .services import apply_proposal_rules

    ids = [*payload.get("created", []), *payload.get("corrected", []), *payload.get("linked", [])]
    if ids:
        apply_proposal_rules(record_ids=ids, item_code=payload.get("item"))
