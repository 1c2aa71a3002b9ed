"""Severity and publicity window of a record, from its catalog version (国办发〔2025〕22号)."""

import calendar
import datetime as dt
from decimal import Decimal, InvalidOperation


def add_months(day: dt.date, months: int) -> dt.date:
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def _number(value) -> Decimal | None:
    try:
        return Decimal(str(value))
    except (InvalidOperation, ValueError):
        return None


def condition_holds(condition: dict, values: dict) -> bool:
    value, op, expected = values.get(condition.get("field")), condition.get("op"), condition.get("value")
    if value is None:
        return False
    if op in ("any_in", "all_in"):
        items = value if isinstance(value, list) else [value]
        allowed = set(expected or [])
        return any(i in allowed for i in items) if op == "any_in" else bool(items) and all(i in allowed for i in items)
    if op == "eq":
        return value == expected
    number, limit = _number(value), _number(expected)
    if number is None or limit is None:
        return False
    return number >= limit if op == "gte" else number < limit if op == "lt" else False


def severity_of(schema: dict, values: dict) -> str:
    """The first rule whose conditions all hold, else the item's default (only for dishonesty information)."""
    if schema["nature"] != "negative":
        return ""
    for rule in schema.get("severity_rules", []):
        if rule["conditions"] and all(condition_holds(c, values) for c in rule["conditions"]):
            return rule["severity"]
    return schema.get("default_severity") or "general"


def publicity_window(schema: dict, severity: str, decision: dt.date | None, valid_until: dt.date | None,
                     requested_end: dt.date | None) -> tuple[bool, dt.date | None, dt.date | None, dt.date | None]:
    """(published, start, repairable_from, end).

    Dishonesty information runs from the decision date for the severity's period; a publicity end the department
    gives (CF_GSJZQ) is honoured when it lies within the minimum and maximum. Other information is published until
    its validity ends, if it has one.
    """
    published = schema["disclosure"] == "public"
    if decision is None:
        return published, None, None, None
    if not severity:
        return published, decision, None, valid_until
    period = schema["publicity"].get(severity) or {"published": True, "min_months": 3, "max_months": 12}
    shortest, longest = add_months(decision, period["min_months"]), add_months(decision, period["max_months"])
    end = requested_end if requested_end and shortest <= requested_end <= longest else longest
    return published and period["published"], decision, shortest, end
