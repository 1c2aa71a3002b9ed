"""A bulk load refreshes PostgreSQL's statistics once the table has outgrown them, and only then."""

import pytest
from django.db import connection

from publiccredit.collection.models import CreditRecord
from publiccredit.core.bulk import refresh_statistics_if_stale
from tests.builders import deliver, recent_penalty

pytestmark = pytest.mark.django_db


def known_size() -> float | None:
    if connection.vendor != "postgresql":
        return None
    with connection.cursor() as cursor:
        cursor.execute("SELECT reltuples FROM pg_class WHERE oid = %s::regclass", [CreditRecord._meta.db_table])
        return cursor.fetchone()[0]


def test_a_table_within_its_statistics_is_not_analysed(enterprise, market_regulation):
    before = known_size()
    deliver("penalty", [recent_penalty(n) for n in (1, 2, 3)], market_regulation)
    assert refresh_statistics_if_stale(CreditRecord, min_rows=10**9) is False
    assert known_size() == before


def test_a_table_grown_past_its_statistics_is_analysed_on_postgresql_only(enterprise, market_regulation):
    deliver("penalty", [recent_penalty(n) for n in (1, 2, 3)], market_regulation)
    analysed = refresh_statistics_if_stale(CreditRecord, columns=["item", "decision_number"], min_rows=0, growth=0)
    if connection.vendor == "postgresql":  # ANALYZE counts the rows this transaction inserted
        assert (analysed, known_size()) == (True, CreditRecord.objects.count())
        assert refresh_statistics_if_stale(CreditRecord, min_rows=0, growth=1.0) is False  # not twice as many yet
    else:
        assert analysed is False
