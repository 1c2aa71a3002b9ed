"""Outbox consumers of the commitments app: a new negative record may flag a commitment that holds."""

from publiccredit.collection.topics import RECORDS_CHANGED
from publiccredit.events.registry import handles


@handles(RECORDS_CHANGED)
def flag_commitments_of_new_records(payload: dict) -> None:
    from .services import flag_commitments

    ids = [*payload.get("created", []), *payload.get("linked", [])]
    if ids:
        flag_commitments(record_ids=ids)
