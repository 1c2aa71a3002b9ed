"""Referential checks for the collection tables, whose foreign keys carry no database constraint (see models)."""

from django.db import connection

from publiccredit.catalog.models import CatalogItem, CatalogItemVersion
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
