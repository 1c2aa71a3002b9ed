"""A query read as a polars frame holds exactly the rows and values the ORM returns, awkward text included."""

import datetime as dt
from decimal import Decimal

import polars as pl
import pytest
from django.db.models import CharField, DateField, DecimalField, Value

from publiccredit.core.bulk import filter_in
from publiccredit.core.frames import frame_of
from publiccredit.organizations.models import Organization

pytestmark = pytest.mark.django_db

AWKWARD_NAMES = ['带"引号"的单位', "逗号,分隔的单位", "反斜杠\\单位", "换行\n的单位", " 前后空格 ", "NULL"]
SCHEMA = {"id": pl.Int64, "name": pl.String, "day": pl.Date, "nothing": pl.String, "empty": pl.String,
          "amount": pl.Float64}


@pytest.fixture
def awkward_organizations(market_regulation):
    codes = [o.code for o in Organization.objects.exclude(pk=market_regulation.pk)[:len(AWKWARD_NAMES)]]
    return [Organization.objects.create(name=name, code=code[:-2] + "ZZ", kind=market_regulation.kind,
                                        region=market_regulation.region)
            for name, code in zip(AWKWARD_NAMES, codes, strict=True)]


def annotated(queryset):
    return (queryset.annotate(day=Value(dt.date(2024, 2, 29), output_field=DateField()),
                              nothing=Value(None, output_field=CharField()), empty=Value(""),
                              amount=Value(Decimal("-12.50"), output_field=DecimalField(max_digits=8, decimal_places=2)))
            .order_by().values_list("id", "name", "day", "nothing", "empty", "amount"))


def test_a_frame_holds_the_same_rows_as_the_orm_with_nulls_empty_text_dates_and_decimals(awkward_organizations):
    ids = [o.pk for o in awkward_organizations]
    queryset = annotated(Organization.objects.filter(pk__in=ids))
    frame = frame_of(queryset, SCHEMA)
    assert frame.schema == pl.Schema(SCHEMA)
    assert sorted(frame.rows()) == sorted((pk, name, day, nothing, empty, float(amount))
                                          for pk, name, day, nothing, empty, amount in queryset)
    by_id = {row[0]: row for row in frame.rows()}
    assert {by_id[o.pk][1] for o in awkward_organizations} == set(AWKWARD_NAMES)
    assert {(row[3], row[4]) for row in frame.rows()} == {(None, "")}


def test_a_frame_of_a_query_filtered_by_thousands_of_ids_keeps_only_theirs(awkward_organizations):
    wanted = [awkward_organizations[0].pk, awkward_organizations[-1].pk, *range(10**8, 10**8 + 3000)]
    [part] = filter_in(Organization.objects.all(), "pk", wanted, chunk=10**5)
    frame = frame_of(annotated(part), SCHEMA)
    assert sorted(frame.get_column("name").to_list()) == sorted([AWKWARD_NAMES[0], AWKWARD_NAMES[-1]])


def test_a_query_without_rows_gives_an_empty_frame_of_the_schema(db):
    frame = frame_of(annotated(Organization.objects.filter(pk=-1)), SCHEMA)
    assert frame.height == 0 and frame.schema == pl.Schema(SCHEMA)
