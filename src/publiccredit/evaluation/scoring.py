"""Grading a chunk of subjects under one model version, set-based (docs/evaluation.md, "Computing"): the occurrences
the model counts are joined with its indicators in one polars pass — decay by age, points, caps per indicator, the
sum — and only subjects with occurrences cost anything beyond a constant row. Pure: rows in, grades out."""

import datetime as dt
from dataclasses import dataclass, field

import polars as pl

DAYS_PER_MONTH = 30.436875  # a Gregorian month on average: decay steps are in months
# the indicator sources this module grades today; an indicator on another source scores nothing yet
COMPUTED_SOURCES = frozenset({"record", "list_entry", "registration", "model_score"})


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


def occurrences(definition: dict, *, today: dt.date, records: list[tuple], entries: list[tuple],
                registrations: list[tuple] = (), inputs: list[tuple] = ()) -> pl.DataFrame:
    """Every (subject, indicator, source) the model counts, with its points after decay.

    ``records``: (id, subject_id, item code, severity, decision date, decision number), records in force;
    ``entries``: (id, subject_id, list kind code, start date, decision number), entries in force;
    ``registrations``: (id, subject_id, verified on, title), verified voluntary registrations in force — each
    counts once for every indicator on registrations;
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
    record_frame = pl.DataFrame(records, schema={
        "source_id": pl.Int64, "subject_id": pl.Int64, "item": pl.String, "severity": pl.String,
        "date": pl.Date, "label": pl.String}, orient="row")
    entry_frame = pl.DataFrame(entries, schema={
        "source_id": pl.Int64, "subject_id": pl.Int64, "kind": pl.String, "date": pl.Date, "label": pl.String},
        orient="row")
    columns = ["subject_id", "indicator", "source", "source_id", "label", "date", "unit"]
    from_records = (record_frame.with_columns(pl.col("severity").fill_null(""))
                    .join(by_item, on="item", how="inner")
                    .filter((pl.col("want_severity") == "") | (pl.col("want_severity") == pl.col("severity")))
                    .with_columns(pl.lit("record").alias("source")).select(columns))
    from_entries = (entry_frame.join(by_kind, on="kind", how="inner")
                    .with_columns(pl.lit("list_entry").alias("source")).select(columns))
    by_registration = pl.DataFrame(
        [(i["code"], float(i["points"])) for i in indicators if i["source"] == "registration"],
        schema={"indicator": pl.String, "unit": pl.Float64}, orient="row")
    registration_frame = pl.DataFrame(list(registrations), schema={
        "source_id": pl.Int64, "subject_id": pl.Int64, "date": pl.Date, "label": pl.String}, orient="row")
    from_registrations = (registration_frame.join(by_registration, how="cross")
                          .with_columns(pl.lit("registration").alias("source")).select(columns))
    by_model = pl.DataFrame(
        [(i["code"], i["input_model"], float(i["points"])) for i in indicators
         if i["source"] == "model_score" and i["input_model"]],
        schema={"indicator": pl.String, "model": pl.String, "factor": pl.Float64}, orient="row")
    input_frame = pl.DataFrame(list(inputs), schema={
        "source_id": pl.Int64, "subject_id": pl.Int64, "model": pl.String, "score": pl.Float64, "date": pl.Date},
        orient="row")
    from_inputs = (input_frame.join(by_model, on="model", how="inner")
                   .with_columns((pl.col("score") * pl.col("factor")).alias("unit"),
                                 (pl.col("model") + pl.lit(" 得分 ") + pl.col("score").round(2).cast(pl.String))
                                 .alias("label"), pl.lit("model_score").alias("source"))
                   .select(columns))
    found = pl.concat([from_records, from_entries, from_registrations, from_inputs])
    decays = {i["code"]: i["decay"] for i in indicators}
    return (found
            .with_columns(((pl.lit(today) - pl.col("date").fill_null(pl.lit(today))).dt.total_days()
                           / DAYS_PER_MONTH).alias("months_old"))
            .with_columns((pl.col("unit") * _factor(decays)).round(2).alias("points"))
            .filter(pl.col("points") != 0))


def grade_subjects(definition: dict, *, today: dt.date, subject_ids: list[int], records: list[tuple],
                   entries: list[tuple], registrations: list[tuple] = (), inputs: list[tuple] = ()) -> list[Grade]:
    """The grade of every subject in ``subject_ids``: base + the capped points of each indicator, clamped to the
    model's range, graded by its bands and capped by its hard rules."""
    base, low, high, grades = definition["base"], definition["min"], definition["max"], definition["grades"]
    names = {i["code"]: i for i in definition["indicators"]}
    found = occurrences(definition, today=today, records=records, entries=entries, registrations=registrations,
                        inputs=inputs)
    per_indicator = (found.sort(["subject_id", "indicator", "date", "source_id"], nulls_last=True)
                     .group_by(["subject_id", "indicator"], maintain_order=True)
                     .agg(pl.col("points").sum().alias("raw"),
                          pl.struct(pl.col("source").alias("type"), pl.col("source_id").alias("id"), "label",
                                    pl.col("date").cast(pl.String), "points").alias("sources")))
    contributions: dict[int, list[dict]] = {}
    for subject_id, indicator, raw, sources in per_indicator.iter_rows():
        cap = names[indicator]["cap"]
        points = float(raw if cap is None else max(-cap, min(cap, raw)))
        contributions.setdefault(subject_id, []).append({
            "indicator": indicator, "name": names[indicator]["name"], "family": names[indicator]["family"],
            "points": round(points, 2), "uncapped": round(raw, 2), "sources": sources})
    caps = _hard_caps(definition, records=records, entries=entries)
    order = {band["grade"]: position for position, band in enumerate(grades)}
    results = []
    for subject_id in subject_ids:
        parts = contributions.get(subject_id, [])
        score = round(float(min(high, max(low, base + sum(part["points"] for part in parts)))), 2)
        grade, capped_by = _grade_for(score, grades), ""
        for rule_grade, rule_name in caps.get(subject_id, ()):
            if order[rule_grade] > order[grade]:
                grade, capped_by = rule_grade, rule_name
        results.append(Grade(subject_id=subject_id, score=score, grade=grade, contributions=parts,
                             capped_by=capped_by))
    return results


def _hard_caps(definition: dict, *, records: list[tuple], entries: list[tuple]) -> dict[int, list[tuple[str, str]]]:
    rules = definition["hard_rules"]
    caps: dict[int, list[tuple[str, str]]] = {}
    by_kind = {}
    by_item = {}
    for rule in rules:
        if rule["list_kind"]:
            by_kind.setdefault(rule["list_kind"], []).append(rule)
        if rule["item"]:
            by_item.setdefault(rule["item"], []).append(rule)
    for _, subject_id, kind, _, _ in entries:
        for rule in by_kind.get(kind, ()):
            caps.setdefault(subject_id, []).append((rule["grade"], rule["name"]))
    for _, subject_id, item, severity, _, _ in records:
        for rule in by_item.get(item, ()):
            if not rule["severity"] or rule["severity"] == severity:
                caps.setdefault(subject_id, []).append((rule["grade"], rule["name"]))
    return caps
