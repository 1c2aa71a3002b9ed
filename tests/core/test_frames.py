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


def test_a_frame_inserted_in_one_piece_reads_back_as_written_text_json_nulls_and_times(enterprise, citizen):
    from django.utils import timezone

    from publiccredit.core.bulk import insert_frame
    from publiccredit.evaluation.models import EvaluationModel, EvaluationResult

    model = EvaluationModel.objects.get(code="public")
    now = timezone.now()
    explanation = '[{"indicator":"penalty","name":"带\\"引号\\"，逗号,换行\\n","points":-12.5,"sources":[]}]'
    frame = pl.DataFrame({
        "subject_id": [enterprise.pk, citizen.pk], "model_id": [model.pk] * 2,
        "version_id": [model.current_version_id] * 2, "run_id": pl.Series([None, None], dtype=pl.Int64),
        "score": [987.5, 0.1 + 0.2], "grade": ["A", "D"], "base": [1000.0] * 2, "contributions": [explanation, "[]"],
        "capped_by": ["", '列入"严重失信"名单'], "digest": ["a" * 32, ""], "as_of": [dt.date(2026, 12, 1)] * 2,
        "computed_at": [now] * 2, "is_current": [True, False]})
    insert_frame(EvaluationResult, frame, json_text=("contributions",))
    first, second = (EvaluationResult.objects.get(subject=enterprise), EvaluationResult.objects.get(subject=citizen))
    assert (first.score, first.grade, first.capped_by, first.run_id, first.is_current) == (
        Decimal("987.50"), "A", "", None, True)
    assert first.contributions == [{"indicator": "penalty", "name": '带"引号"，逗号,换行\n', "points": -12.5,
                                    "sources": []}]
    assert (first.computed_at, first.as_of) == (now, dt.date(2026, 12, 1))
    assert (second.score, second.capped_by, second.contributions, second.digest, second.is_current) == (
        Decimal("0.30"), '列入"严重失信"名单', [], "", False)
