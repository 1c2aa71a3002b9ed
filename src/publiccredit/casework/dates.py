"""Dates typed in a form or sent in a request body, read one way everywhere: ISO ``2026-01-31``, or the problem in
Chinese naming the field."""

import datetime as dt

from publiccredit.core.errors import DomainError


def typed_date(value, label: str) -> tuple[dt.date | None, str]:
    """(the date, "") for a date or an ISO text; (None, "") when blank; (None, the problem) when it is not a date."""
    if value is None or isinstance(value, dt.date):
        return value, ""
    text = str(value).strip()
    if not text:
        return None, ""
    try:
        return dt.date.fromisoformat(text), ""
    except ValueError:
        return None, f"{label}“{text}”不是有效日期，请按“2026-01-31”填写"


def date_or_refuse(value, label: str, field: str) -> dt.date | None:
    """``typed_date`` for a service: the date, None when blank, refused (naming ``field``) when not a date."""
    day, problem = typed_date(value, label)
    if problem:
        raise DomainError(problem, code="bad_date", field=field)
    return day
