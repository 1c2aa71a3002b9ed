"""How one audit entry is hashed: HMAC-SM3 under a key derived from the data key, which lives outside the database
(docs/operations.md "审计链"). Someone who can change rows cannot recompute the chain without it. Kept apart so
writing and verifying can never disagree."""

import json

from publiccredit.core.crypto import audit_mac

HASHED_FIELDS = (
    "seq", "occurred_at", "kind", "channel", "action", "actor_id", "actor_name", "organization_code",
    "organization_name", "target_type", "target_id", "target_label", "reason", "detail", "prev_hash",
)


def canonical_bytes(values: dict) -> bytes:
    payload = {name: values[name] for name in HASHED_FIELDS}
    payload["occurred_at"] = payload["occurred_at"].isoformat(timespec="microseconds")
    return json.dumps(payload, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")


def entry_hash(values: dict) -> str:
    return audit_mac(canonical_bytes(values))
