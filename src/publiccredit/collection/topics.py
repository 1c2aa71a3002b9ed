"""Outbox topics the collection app emits: ``<app>.<object>.<verb>`` (docs/architecture.md, "Names are contracts")."""

# records created, corrected, withdrawn or linked to a subject; the payload lists their ids under those four keys
RECORDS_CHANGED = "collection.records.change"
# one record's state changed by a service (repair, objection, withdrawal, expiry): ``record``, ``from``, ``to``
RECORD_STATE_CHANGED = "collection.record.state_change"

FORMER_NAMES = {"records.changed": RECORDS_CHANGED, "records.state_changed": RECORD_STATE_CHANGED}
