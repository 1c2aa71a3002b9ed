"""The 信用评价 section of a credit file (docs/evaluation.md, "Explanation" and "Who sees a grade"): each current
grade with the contributions behind it, what would raise it, and its history.

- The public sees a grade only where the model's disclosure is 向社会公开, and never a natural person's grade; it
  sees the grade, the score and the date, not the explanation (its sources may be records it may not see).
- Departments and the credit office see every grade with its explanation and history.
- The subject sees the same and, in addition, what would raise it: which deductions repair can remove and from
  which date, when a deduction fades or ends, and which positive items would add what.
"""

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone

from publiccredit.collection.models import CreditRecord
from publiccredit.core.audience import Audience
from publiccredit.evaluation.queries import current_results, grade_history, grade_labels
from publiccredit.evaluation.scoring import COMPUTED_SOURCES, DAYS_PER_MONTH
from publiccredit.repair.rules import record_repair_problems
from publiccredit.subjects.models import Subject

from .labels import labels

# How a subject earns each kind of positive item (the sources a subject can act on first).
HOW_TO_EARN = {
    "registration": ("自愿注册信用信息（资质证书、荣誉、公益慈善等）并经主管部门核实", "/account/registrations/"),
    "course": ("参加免费的诚信教育课程并完成测验", "/education/"),
    "commitment": ("作出信用承诺并按承诺履约", ""),
    "record": ("由有关部门认定并报送（如守信荣誉、行政奖励）", ""),
    "list_entry": ("经认定列入该名单", ""),
}
SOURCE_ORDER = ["registration", "course", "commitment", "record", "list_entry"]


@dataclass(frozen=True)
class Viewer:
    shows_grades: bool
    explains: bool
    advises: bool


def viewer_for(audience: Audience, subject: Subject) -> Viewer:
    audience = Audience(audience)
    if audience == Audience.PUBLIC:
        return Viewer(shows_grades=not subject.is_person, explains=False, advises=False)
    return Viewer(shows_grades=True, explains=True, advises=audience == Audience.SUBJECT)


def _capped(total: float, cap) -> float:
    return total if cap is None else max(-cap, min(cap, total))


def _next_step(decided: dt.date | None, decay: list, today: dt.date) -> tuple[dt.date, float] | None:
    """When an occurrence decided on ``decided`` next loses weight, and the factor it keeps from then on."""
    if decided is None or not decay:
        return None
    for position, (months, _) in enumerate(decay):
        when = decided + dt.timedelta(days=round(months * DAYS_PER_MONTH))
        if when > today:
            following = decay[position + 1][1] if position + 1 < len(decay) else 0.0
            return when, float(following)
    return None


def _deductions(result, indicators: dict, records: dict[int, CreditRecord], today: dt.date) -> list[dict]:
    """Every deduction resting on a record, with what repair would give back and from when, and when it fades."""
    names = labels()
    rows = []
    for part in result.contributions:
        indicator = indicators.get(part["indicator"])
        if indicator is None or part["points"] >= 0:
            continue
        for source in part["sources"]:
            record = records.get(source["id"]) if source["type"] == "record" else None
            regained = round(_capped(part["uncapped"], indicator["cap"])
                             - _capped(part["uncapped"] - source["points"], indicator["cap"]), 2)
            row = {"indicator": part["name"], "label": source["label"] or "", "points": source["points"],
                   "regained": -regained, "type": source["type"], "repair_url": "", "repair_from": None,
                   "repair_note": "", "ends_on": None, "fades_on": None, "fades_to": None}
            if record is not None:
                item = names.items[record.item_id]
                problems = record_repair_problems(record, item_name=item.name, item_nature=item.nature,
                                                  item_repairable=item.repairable, today=today)
                if not problems:
                    row["repair_url"] = f"/account/repair/{record.pk}/"
                elif record.repairable_from and record.repairable_from > today and item.repairable:
                    row["repair_from"] = record.repairable_from
                else:
                    row["repair_note"] = problems[0]
                row["ends_on"] = record.publicity_end
                step = _next_step(record.decision_date, indicator["decay"], today)
                if step:
                    row["fades_on"], factor = step
                    row["fades_to"] = round(indicator["points"] * factor, 2)
            else:
                row["repair_note"] = "名单期满或经申请移出后不再计分"
            rows.append(row)
    return rows


def _positives(result, definition: dict) -> list[dict]:
    """Positive items the platform counts that still have room under their cap, and how a subject earns them."""
    earned = {part["indicator"]: part["points"] for part in result.contributions}
    rows = []
    for indicator in definition["indicators"]:
        if indicator["points"] <= 0 or indicator["source"] not in COMPUTED_SOURCES:
            continue
        room = None if indicator["cap"] is None else round(indicator["cap"] - earned.get(indicator["code"], 0), 2)
        if room is not None and room <= 0:
            continue
        how, url = HOW_TO_EARN.get(indicator["source"], ("", ""))
        rows.append({"name": indicator["name"], "points": indicator["points"], "room": room, "how": how, "url": url,
                     "source": indicator["source"]})
    return sorted(rows, key=lambda row: SOURCE_ORDER.index(row["source"]) if row["source"] in SOURCE_ORDER else 99)


def grade_section(subject: Subject, audience: Audience, *, today: dt.date | None = None) -> dict:
    """The evaluation section of ``subject``'s credit file as ``audience`` may see it."""
    today = today or timezone.localdate()
    viewer = viewer_for(audience, subject)
    results = current_results(subject, disclosed_only=not viewer.explains) if viewer.shows_grades else []
    history = grade_history(subject, model_ids=[r.model_id for r in results]) if viewer.explains else {}
    record_ids = {source["id"] for result in results for part in result.contributions for source in part["sources"]
                  if source["type"] == "record"} if viewer.advises else set()
    records = {record.pk: record for record in
               CreditRecord.objects.visible_to(audience).filter(pk__in=record_ids)} if record_ids else {}
    shown = []
    for result in results:
        definition = result.version.definition
        indicators = {indicator["code"]: indicator for indicator in definition["indicators"]}
        families = {family["code"]: family["name"] for family in definition["families"]}
        row = {"model": result.model.code, "model_name": result.model.name, "grade": result.grade,
               "grade_label": grade_labels(result).get(result.grade, ""), "score": float(result.score),
               "base": float(result.base), "version": result.version.number, "computed_at": result.computed_at,
               "capped_by": result.capped_by, "disclosed": result.model.disclosure == "public",
               "imported": result.model.kind == "imported", "as_of": result.as_of,
               "owner": result.model.owner.name if result.model.owner_id else ""}
        if viewer.explains:
            row["contributions"] = [{**part, "family_name": families.get(part["family"], "")}
                                    for part in result.contributions]
            row["points_total"] = round(sum(part["points"] for part in result.contributions), 2)
            row["clamped"] = round(row["base"] + row["points_total"], 2) != row["score"]
            row["history"] = [{"grade": past.grade, "score": float(past.score), "computed_at": past.computed_at,
                               "version": past.version.number, "capped_by": past.capped_by}
                              for past in history.get(result.model_id, [])]
        if viewer.advises:
            row["deductions"] = _deductions(result, indicators, records, today)
            row["positives"] = _positives(result, definition)
        shown.append(row)
    return {"results": shown, "explains": viewer.explains, "advises": viewer.advises}
