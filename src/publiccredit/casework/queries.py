"""The reads every case shares: finding it by number and query code, its steps as the filer sees them, and the
reporting period of the statistics (docs/architecture.md, "One casework kernel")."""

import datetime as dt

from django.utils import timezone

from publiccredit.core.errors import DomainError

from .models import Case


def find_case(model: type[Case], number: str, code: str, *, related: tuple[str, ...] = ()) -> Case | None:
    """A case by its number and query code, both needed; the answer does not say which one was wrong."""
    number, code = (number or "").strip().upper(), (code or "").strip().upper()
    if not number or not code:
        return None
    case = model.objects.filter(number=number).select_related(*related).first()
    return case if case is not None and case.has_query_code(code) else None


def steps_of(case: Case) -> list[dict]:
    """The history the filer sees: state, label, time and note; never who on the staff acted."""
    return [{"state": step.state, "label": step.get_state_display(), "at": step.at, "note": step.note}
            for step in case.steps.all()]


def statistics_window(since: str | None, until: str | None) -> tuple[dt.date, dt.date]:
    """The period both the statistics page and the API report when asked: by default the 365 days up to today."""
    try:
        end = dt.date.fromisoformat(until) if until else timezone.localdate()
        start = dt.date.fromisoformat(since) if since else end - dt.timedelta(days=365)
    except ValueError:
        raise DomainError("日期格式应为 YYYY-MM-DD，如 2026-01-31", code="bad_date") from None
    if start > end:
        raise DomainError("开始日期不能晚于结束日期", code="bad_date")
    return start, end
