"""Grading a chunk of subjects under one model version, set-based (docs/evaluation.md, "Computing"): the occurrences
the model counts are joined with its indicators in one polars pass — decay by age, points, caps per indicator, the
sum — and only subjects with occurrences cost anything beyond a constant row. Pure: rows in, grades out."""

import datetime as dt
import json
from dataclasses import dataclass, field

import polars as pl

DAYS_PER_MONTH = 30.436875  # a Gregorian month on average: decay steps are in months
# the indicator sources this module grades today; an indicator on another source scores nothing yet
COMPUTED_SOURCES = frozenset({"record", "list_entry", "registration", "course", "model_score"})


@dataclass
class Grade:
    subject_id: int
    score: float
    grade: str
    contributions: list[dict] = field(default_factory=list)
    capped_by: str = ""


def _grade_for(score: float, grades: list[dict]) -> str:
    for band in grades:  # highest first
        if score >= band["min"]:
            return band["grade"]
    return grades[-1]["grade"]


def points_after_decay(points: float, decay: list, months_old: float) -> float:
    """The points an occurrence ``months_old`` months ago still counts for (full when ``decay`` is empty): the decay
    rule for one occurrence, which ``_factor`` states for a whole frame."""
    if not decay:
        return float(points)
    for months, factor in decay:
        if months_old < months:
            return float(points) * factor
    return 0.0


def _factor(decay_by_indicator: dict[str, list]) -> pl.Expr:
    """The decay factor of each occurrence, by its indicator's steps and its age in months."""
    expression = None
    for code, steps in decay_by_indicator.items():
        if not steps:
            continue
        step = pl.lit(0.0)
        for months, factor in reversed(steps):
            step = pl.when(pl.col("months_old") < months).then(pl.lit(float(factor))).otherwise(step)
        expression = (pl.when(pl.col("indicator") == code).then(step) if expression is None
                      else expression.when(pl.col("indicator") == code).then(step))
    return pl.lit(1.0) if expression is None else expression.otherwise(pl.lit(1.0))


RECORD_SCHEMA = {"source_id": pl.Int64, "subject_id": pl.Int64, "item": pl.String, "severity": pl.String,
                 "date": pl.Date, "label": pl.String}
ENTRY_SCHEMA = {"source_id": pl.Int64, "subject_id": pl.Int64, "kind": pl.String, "date": pl.Date, "label": pl.String}
REGISTRATION_SCHEMA = {"source_id": pl.Int64, "subject_id": pl.Int64, "date": pl.Date, "label": pl.String}
COURSE_SCHEMA = REGISTRATION_SCHEMA
INPUT_SCHEMA = {"source_id": pl.Int64, "subject_id": pl.Int64, "model": pl.String, "score": pl.Float64,
                "date": pl.Date}


def _frame(rows, schema: dict) -> pl.DataFrame:
    """Facts as a frame: read as one already (``core.frames.frame_of``), or rows of tuples in ``schema``'s order."""
    if isinstance(rows, pl.DataFrame):
        return rows
    return pl.DataFrame(list(rows), schema=schema, orient="row")


def _each_counts(indicators: list[dict], source: str, facts: pl.DataFrame, columns: list[str]) -> pl.DataFrame:
    """Facts of a source where each one counts for every indicator on that source (registrations, courses)."""
    units = pl.DataFrame([(i["code"], float(i["points"])) for i in indicators if i["source"] == source],
                         schema={"indicator": pl.String, "unit": pl.Float64}, orient="row")
    return facts.join(units, how="cross").with_columns(pl.lit(source).alias("source")).select(columns)


def occurrences(definition: dict, *, today: dt.date, records, entries, registrations=(), inputs=(), courses=()
                ) -> pl.DataFrame:
    """Every (subject, indicator, source) the model counts, with its points after decay. Each fact is a frame in
    its schema above or rows of tuples in that order:

    ``records``: (id, subject_id, item code, severity, decision date, decision number), records in force;
    ``entries``: (id, subject_id, list kind code, start date, decision number), entries in force;
    ``registrations``: (id, subject_id, verified on, title), verified voluntary registrations in force — each
    counts once for every indicator on registrations;
    ``courses``: (id, subject_id, completed on, course title), integrity-education completions — each counts once
    for every indicator on courses;
    ``inputs``: (result id, subject_id, model code, score, as of), the current results of the models whose score an
    indicator takes (an industry model reading the public score): points = score × the indicator's factor."""
    indicators = definition["indicators"]
    by_item = pl.DataFrame(
        [(i["code"], i["item"], i["severity"] or "", float(i["points"])) for i in indicators
         if i["source"] == "record" and i["item"]],
        schema={"indicator": pl.String, "item": pl.String, "want_severity": pl.String, "unit": pl.Float64},
        orient="row")
    by_kind = pl.DataFrame(
        [(i["code"], i["list_kind"], float(i["points"])) for i in indicators
         if i["source"] == "list_entry" and i["list_kind"]],
        schema={"indicator": pl.String, "kind": pl.String, "unit": pl.Float64}, orient="row")
    record_frame = _frame(records, RECORD_SCHEMA)
    entry_frame = _frame(entries, ENTRY_SCHEMA).with_columns(pl.col("label").fill_null(""))
    columns = ["subject_id", "indicator", "source", "source_id", "label", "date", "unit"]
    from_records = (record_frame.with_columns(pl.col("severity").fill_null(""))
                    .join(by_item, on="item", how="inner")
                    .filter((pl.col("want_severity") == "") | (pl.col("want_severity") == pl.col("severity")))
                    .with_columns(pl.lit("record").alias("source")).select(columns))
    from_entries = (entry_frame.join(by_kind, on="kind", how="inner")
                    .with_columns(pl.lit("list_entry").alias("source")).select(columns))
    dated = [_each_counts(indicators, "registration", _frame(registrations, REGISTRATION_SCHEMA), columns),
             _each_counts(indicators, "course", _frame(courses, COURSE_SCHEMA), columns)]
    by_model = pl.DataFrame(
        [(i["code"], i["input_model"], float(i["points"])) for i in indicators
         if i["source"] == "model_score" and i["input_model"]],
        schema={"indicator": pl.String, "model": pl.String, "factor": pl.Float64}, orient="row")
    input_frame = _frame(inputs, INPUT_SCHEMA)
    from_inputs = (input_frame.join(by_model, on="model", how="inner")
                   .with_columns((pl.col("score") * pl.col("factor")).alias("unit"),
                                 (pl.col("model") + pl.lit(" 得分 ") + pl.col("score").round(2).cast(pl.String))
                                 .alias("label"), pl.lit("model_score").alias("source"))
                   .select(columns))
    found = pl.concat([from_records, from_entries, *dated, from_inputs])
    decays = {i["code"]: i["decay"] for i in indicators}
    return (found
            .with_columns(((pl.lit(today) - pl.col("date").fill_null(pl.lit(today))).dt.total_days()
                           / DAYS_PER_MONTH).alias("months_old"))
            .with_columns((pl.col("unit") * _factor(decays)).round(2).alias("points"))
            .filter(pl.col("points") != 0))


def grade_frame(definition: dict, *, today: dt.date, subject_ids, records, entries, registrations=(),
                inputs=(), courses=()) -> pl.DataFrame:
    """The grade of every subject in ``subject_ids``, one row each: ``subject_id``, ``score``, ``grade``,
    ``capped_by`` and ``contributions``, the explanation as JSON text — a list of {indicator, name, family,
    points, uncapped, sources: [{type, id, label, date, points}]}, indicators by code, sources by date and id.

    The score is base + the capped points of each indicator, clamped to the model's range, graded by its bands and
    capped by its hard rules. Everything happens in polars, the JSON text included, so that a chunk of 20,000
    subjects with 200,000 occurrences makes no Python object per occurrence (docs/evaluation.md, "Computing")."""
    base, low, high, grades = definition["base"], definition["min"], definition["max"], definition["grades"]
    records, entries = _frame(records, RECORD_SCHEMA), _frame(entries, ENTRY_SCHEMA)
    found = occurrences(definition, today=today, records=records, entries=entries, registrations=registrations,
                        inputs=inputs, courses=courses)
    described = pl.DataFrame(
        [(i["code"], i["name"], i["family"], None if i["cap"] is None else float(i["cap"]))
         for i in definition["indicators"]],
        schema={"indicator": pl.String, "name": pl.String, "family": pl.String, "cap": pl.Float64}, orient="row")
    per_indicator = (found.sort(["subject_id", "indicator", "date", "source_id"], nulls_last=True)
                     .group_by(["subject_id", "indicator"], maintain_order=True)
                     .agg(pl.col("points").sum().alias("raw"),
                          pl.struct(pl.col("source").alias("type"), pl.col("source_id").alias("id"), "label",
                                    pl.col("date").cast(pl.String), "points").alias("sources"))
                     .join(described, on="indicator", how="left", maintain_order="left")
                     .with_columns(pl.when(pl.col("cap").is_null()).then(pl.col("raw"))
                                   .otherwise(pl.col("raw").clip(-pl.col("cap"), pl.col("cap"))).round(2)
                                   .alias("points"), pl.col("raw").round(2).alias("uncapped")))
    per_subject = (per_indicator
                   .with_columns(pl.struct("indicator", "name", "family", "points", "uncapped", "sources")
                                 .struct.json_encode().alias("part"))
                   .group_by("subject_id", maintain_order=True)
                   .agg(pl.col("points").sum().alias("total"), pl.col("part").str.join(",").alias("parts")))
    order = {band["grade"]: position for position, band in enumerate(grades)}  # highest grade first
    banded = pl.lit(grades[-1]["grade"])
    for band in reversed(grades):
        banded = pl.when(pl.col("score") >= band["min"]).then(pl.lit(band["grade"])).otherwise(banded)
    caps = _hard_caps(definition, records=records, entries=entries, order=order)
    graded = (pl.DataFrame({"subject_id": list(subject_ids)}, schema={"subject_id": pl.Int64})
              .join(per_subject, on="subject_id", how="left", maintain_order="left")
              .with_columns((pl.lit(float(base)) + pl.col("total").fill_null(0.0)).clip(low, high).round(2)
                            .alias("score"),
                            pl.concat_str(pl.lit("["), pl.col("parts").fill_null(""), pl.lit("]"))
                            .alias("contributions"))
              .with_columns(banded.alias("grade"))
              .join(caps, on="subject_id", how="left", maintain_order="left")
              .with_columns(pl.col("grade").replace_strict(order, return_dtype=pl.Int64).alias("rank")))
    worse = pl.col("cap_rank").is_not_null() & (pl.col("cap_rank") > pl.col("rank"))
    return graded.select(
        "subject_id", "score", pl.when(worse).then(pl.col("cap_grade")).otherwise(pl.col("grade")).alias("grade"),
        pl.when(worse).then(pl.col("cap_name")).otherwise(pl.lit("")).alias("capped_by"), "contributions")


def grade_subjects(definition: dict, *, today: dt.date, subject_ids, records, entries, registrations=(),
                   inputs=(), courses=()) -> list[Grade]:
    """``grade_frame`` as objects, the explanation decoded: for a few subjects and for reading."""
    frame = grade_frame(definition, today=today, subject_ids=subject_ids, records=records, entries=entries,
                        registrations=registrations, inputs=inputs, courses=courses)
    return [Grade(subject_id=subject_id, score=score, grade=grade, contributions=json.loads(contributions),
                  capped_by=capped_by)
            for subject_id, score, grade, capped_by, contributions in frame.iter_rows()]


def _hard_caps(definition: dict, *, records: pl.DataFrame, entries: pl.DataFrame, order: dict[str, int]
               ) -> pl.DataFrame:
    """Per subject, the worst grade a hard rule allows it (``cap_grade``, its ``cap_rank`` in ``order`` and the
    rule's name): the rule with the lowest grade wins, between equals the first by name."""
    rules = definition["hard_rules"]
    by_kind = pl.DataFrame([(r["list_kind"], r["grade"], r["name"]) for r in rules if r["list_kind"]],
                           schema={"kind": pl.String, "cap_grade": pl.String, "cap_name": pl.String}, orient="row")
    by_item = pl.DataFrame([(r["item"], r["severity"] or "", r["grade"], r["name"]) for r in rules if r["item"]],
                           schema={"item": pl.String, "want_severity": pl.String, "cap_grade": pl.String,
                                   "cap_name": pl.String}, orient="row")
    columns = ["subject_id", "cap_grade", "cap_name"]
    from_entries = entries.select("subject_id", "kind").join(by_kind, on="kind", how="inner").select(columns)
    from_records = (records.select("subject_id", "item", pl.col("severity").fill_null(""))
                    .join(by_item, on="item", how="inner")
                    .filter((pl.col("want_severity") == "") | (pl.col("want_severity") == pl.col("severity")))
                    .select(columns))
    return (pl.concat([from_entries, from_records])
            .with_columns(pl.col("cap_grade").replace_strict(order, return_dtype=pl.Int64).alias("cap_rank"))
            .sort(["subject_id", "cap_rank", "cap_name"], descending=[False, True, False])
            .unique("subject_id", keep="first", maintain_order=True))
