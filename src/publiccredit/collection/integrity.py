"""Integrity checks of the collection tables: links (their foreign keys carry no database constraint, see models)
and content — every record's stored content hash recomputed from its payload, so a record altered in the database
behind the platform's back is named (docs/operations.md)."""

from collections.abc import Iterator
from dataclasses import dataclass

from django.db import connection

from publiccredit.catalog.models import CatalogItem, CatalogItemVersion
from publiccredit.core.crypto import decrypt_text
from publiccredit.organizations.models import Organization
from publiccredit.subjects.models import Subject

from .models import Batch, CreditRecord, RecordVersion

LINKS = [
    (CreditRecord, "item_id", CatalogItem, "信用记录的信息项"),
    (CreditRecord, "item_version_id", CatalogItemVersion, "信用记录的目录版本"),
    (CreditRecord, "provider_id", Organization, "信用记录的报送单位"),
    (CreditRecord, "subject_id", Subject, "信用记录关联的信用主体"),
    (CreditRecord, "batch_id", Batch, "信用记录的批次"),
    (RecordVersion, "record_id", CreditRecord, "记录版本所属的信用记录"),
    (RecordVersion, "batch_id", Batch, "记录版本的批次"),
]


def dangling_links() -> list[tuple[str, int]]:
    """(what, how many rows point at nothing) for every link that has such rows."""
    problems = []
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        for model, column, target, label in LINKS:
            table, other = quote(model._meta.db_table), quote(target._meta.db_table)
            cursor.execute(f"SELECT COUNT(*) FROM {table} t LEFT JOIN {other} o ON o.id = t.{quote(column)} "
                           f"WHERE t.{quote(column)} IS NOT NULL AND o.id IS NULL")
            count = cursor.fetchone()[0]
            if count:
                problems.append((label, count))
    return problems


@dataclass(frozen=True)
class AlteredRecord:
    id: int
    decision_number: str
    provider: str


def _id_fields(version_id: int, memo: dict) -> list[str]:
    fields = memo.get(version_id)
    if fields is None:
        schema = CatalogItemVersion.objects.values_list("schema", flat=True).get(pk=version_id)
        fields = memo[version_id] = [f["code"] for f in schema["fields"]
                                     if f.get("role") in ("party_id_number", "representative_id_number")]
    return fields


def altered_records(*, chunk: int = 5000) -> Iterator[AlteredRecord]:
    """Records whose content no longer gives their stored hash (the intake's own ``content_digest``)."""
    from .keys import content_digest

    memo: dict = {}
    providers = dict(Organization.objects.values_list("pk", "name"))
    last = 0
    while True:
        rows = list(CreditRecord.objects.filter(pk__gt=last).order_by("pk").values_list(
            "pk", "item_version_id", "payload", "protected", "content_hash", "decision_number", "provider_id")[:chunk])
        if not rows:
            return
        for pk, version_id, payload, protected, content_hash, decision_number, provider_id in rows:
            values = dict(payload or {})
            try:
                for code, cipher in (protected or {}).items():
                    values[code] = decrypt_text(cipher)
                keyed = sorted({*_id_fields(version_id, memo), *(protected or {})})
                intact = content_digest(values, keyed) == content_hash
            except Exception:  # an undecryptable ID number was altered too
                intact = False
            if not intact:
                yield AlteredRecord(pk, decision_number, providers.get(provider_id, ""))
        last = rows[-1][0]
