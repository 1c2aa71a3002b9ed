"""The two digests every record carries, computed alike by the row path and the columnar path: the business key
that makes a re-sent record no duplicate, and the content hash that tells a correction from a repeat and lets
``check-records`` find altered rows (docs/collection.md)."""

import hashlib

from publiccredit.core.crypto import lookup_hash

SET_JOIN = "\x1e"  # joins the values of a set field (处罚类别 …) inside the content text


def digest(text: str) -> str:
    """16-byte BLAKE2b in hex: business keys and content hashes."""
    return hashlib.blake2b(text.encode("utf-8"), digest_size=16).hexdigest()


def business_key(provider_code: str, item_code: str, decision_number: str, party: str) -> str:
    """Provider + item + decision number + party code: the key that makes re-sent records no duplicates."""
    return digest(f"{provider_code}|{item_code}|{decision_number}|{party}")


def content_digest(values: dict, id_fields: list[str]) -> str:
    """Content hash shared by both paths: sorted field=value pairs, ID numbers as their keyed hash.
    ``canonical_content`` builds the same text for a whole frame."""
    parts = []
    for code in sorted(values):
        value = values[code]
        if code in id_fields:
            value = lookup_hash(value)
        elif isinstance(value, list):
            value = SET_JOIN.join(value)
        parts.append(f"{code}={value}")
    return digest("\x1f".join(parts))
