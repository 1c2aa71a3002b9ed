"""Outbox consumers of evaluation: the incremental re-grade (docs/evaluation.md, "Computing"). A record created,
corrected, withdrawn, linked, repaired or put under objection, a listing published, suspended, resumed or exited, a
voluntary registration verified, withdrawn or found false, and an integrity-education course completed grade just
the subjects concerned again — records and listings only when an active model counts that item or list."""

from publiccredit.collection.topics import RECORD_STATE_CHANGED, RECORDS_CHANGED
from publiccredit.education.topics import COMPLETED as COURSE_COMPLETED
from publiccredit.events.registry import handles
from publiccredit.lists.topics import ENTRY
from publiccredit.registrations import topics as registration_topics

# the steps of a listing that put it in force or take it out (the others do not move a grade)
ENTRY_STEPS_THAT_MOVE_GRADES = ("publish", "suspend", "resume", "exit", "withdraw")


@handles(RECORDS_CHANGED)
def regrade_after_records_change(payload: dict) -> None:
    from .queries import counted_sources, subjects_of_records
    from .services import request_regrade

    if payload.get("item") not in counted_sources()["items"]:
        return
    ids = [*payload.get("created", []), *payload.get("corrected", []), *payload.get("withdrawn", []),
           *payload.get("linked", [])]
    if ids:
        request_regrade(subject_ids=subjects_of_records(ids))


@handles(RECORD_STATE_CHANGED)
def regrade_after_record_state_change(payload: dict) -> None:
    """Repair, objection (opened, upheld, rejected), withdrawal, expiry."""
    from .queries import counted_sources
    from .services import request_regrade

    if payload.get("subject_id") and payload.get("item") in counted_sources()["items"]:
        request_regrade(subject_ids=[payload["subject_id"]])


def regrade_after_listing_step(payload: dict) -> None:
    from .queries import counted_sources
    from .services import request_regrade

    if payload.get("subject_id") and payload.get("kind") in counted_sources()["lists"]:
        request_regrade(subject_ids=[payload["subject_id"]])


for step in ENTRY_STEPS_THAT_MOVE_GRADES:
    handles(f"{ENTRY}.{step}")(regrade_after_listing_step)


def regrade_the_subject(payload: dict) -> None:
    """A registration verified counts; withdrawn or found false, it no longer does; a completed course counts."""
    from .services import request_regrade

    if payload.get("subject_id"):
        request_regrade(subject_ids=[payload["subject_id"]])


for topic in registration_topics.MOVE_GRADES:
    handles(topic)(regrade_the_subject)
handles(COURSE_COMPLETED)(regrade_the_subject)
