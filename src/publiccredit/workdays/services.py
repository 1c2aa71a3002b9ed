"""Working-day arithmetic for every deadline on the platform (docs/architecture.md, "One clock for deadlines").

双公示 within 7 working days, objections flagged within 1 and decided within 5, repairs decided within 10: all of them
call ``add_working_days`` or ``working_days_between`` here and nowhere else.
"""

import datetime as dt
import time

from django.db import transaction

from publiccredit.audit.services import record_write

from .models import CalendarDay, CalendarYear

CACHE_SECONDS = 300  # admin edits reach every process within five minutes
_cache: dict = {"loaded_at": 0.0, "exceptions": {}, "spans": {}}


def _exceptions() -> dict[dt.date, bool]:
    if time.monotonic() - _cache["loaded_at"] > CACHE_SECONDS:
        _cache["exceptions"] = dict(CalendarDay.objects.values_list("date", "is_working_day"))
        _cache["spans"] = {}
        _cache["loaded_at"] = time.monotonic()
    return _cache["exceptions"]


def forget_cached_calendar() -> None:
    _cache["loaded_at"] = 0.0


def is_working_day(day: dt.date) -> bool:
    exception = _exceptions().get(day)
    return exception if exception is not None else day.weekday() < 5


def add_working_days(start: dt.date, days: int) -> dt.date:
    """The date that is ``days`` working days after ``start`` (``start`` itself not counted)."""
    if days < 0:
        raise ValueError("days must not be negative")
    current, remaining = start, days
    while remaining:
        current += dt.timedelta(days=1)
        if is_working_day(current):
            remaining -= 1
    return current


def working_days_between(start: dt.date, end: dt.date) -> int:
    """Working days after ``start`` up to and including ``end``; 0 when ``end`` is not after ``start``.

    A record decided on Friday and received the next Monday is 1 working day late.
    """
    if end <= start:
        return 0
    exceptions = _exceptions()
    spans = _cache["spans"]  # intake asks for the same few hundred (decision, receipt) pairs a million times
    known = spans.get((start, end))
    if known is not None:
        return known
    # whole weeks first: five working days each, then correct for the exceptions inside the span
    span = (end - start).days
    weeks, rest = divmod(span, 7)
    total = weeks * 5
    current = start + dt.timedelta(days=weeks * 7)
    for offset in range(1, rest + 1):
        if (current + dt.timedelta(days=offset)).weekday() < 5:
            total += 1
    for day, working in exceptions.items():
        if start < day <= end:
            normally = day.weekday() < 5
            if working and not normally:
                total += 1
            elif not working and normally:
                total -= 1
    if len(spans) < 100_000:
        spans[(start, end)] = total
    return total


def package_years() -> list[int]:
    from chinese_calendar import constants

    return sorted({d.year for d in constants.holidays})


def load_year_from_package(*, year: int, actor=None) -> int:
    """Replace a year's exceptions with those the chinesecalendar package knows; returns how many were stored."""
    import chinese_calendar
    from chinese_calendar import constants

    holidays = {d: name for d, name in constants.holidays.items() if d.year == year}
    workdays = {d: name for d, name in constants.workdays.items() if d.year == year}
    if not holidays:
        raise ValueError(f"chinesecalendar {getattr(chinese_calendar, '__version__', '')} 没有 {year} 年的数据，请在管理后台手工维护")
    rows = [CalendarDay(date=d, is_working_day=False, name=_holiday_name(n)) for d, n in holidays.items()
            if d.weekday() < 5]
    rows += [CalendarDay(date=d, is_working_day=True, name=f"{_holiday_name(n)}调休") for d, n in workdays.items()]
    with transaction.atomic():
        CalendarDay.objects.filter(date__year=year).delete()
        CalendarDay.objects.bulk_create(rows)
        CalendarYear.objects.update_or_create(year=year, defaults={"source": "package", "confirmed": True,
                                                                   "note": "由 chinesecalendar 软件包载入"})
        record_write(actor=actor, action="workdays.year.load", target_type="workdays.calendaryear",
                     target_id=str(year), target_label=f"{year}年节假日安排", detail={"days": len(rows)})
    forget_cached_calendar()
    return len(rows)


HOLIDAY_NAMES = {
    "New Year's Day": "元旦", "Spring Festival": "春节", "Tomb-sweeping Day": "清明节", "Labour Day": "劳动节",
    "Dragon Boat Festival": "端午节", "National Day": "国庆节", "Mid-autumn Festival": "中秋节",
    "Anti-Fascist 70th Day": "抗战胜利纪念日",
}


def _holiday_name(value) -> str:
    english = str(value).split(",")[0].strip()
    return HOLIDAY_NAMES.get(english, english)


def handling_times(queryset, *, started: str, finished: str) -> dict:
    """How many working days the finished rows of ``queryset`` took from ``started`` to ``finished`` (datetimes):
    count, median and longest, as the monitoring pages and APIs report them.

    Counted per distinct pair of local dates, weighted by how many rows share it: a city's year of applications has
    a few thousand such pairs however many rows there are, so the database sends those instead of every row."""
    from django.db.models import Count
    from django.db.models.functions import TruncDate

    pairs = (queryset.filter(**{f"{finished}__isnull": False})
             .annotate(started_on=TruncDate(started), finished_on=TruncDate(finished))
             .values("started_on", "finished_on").annotate(rows=Count("pk")).order_by())
    weighted = sorted((working_days_between(pair["started_on"], pair["finished_on"]), pair["rows"]) for pair in pairs)
    total = sum(rows for _, rows in weighted)
    median, seen = None, 0
    for days, rows in weighted:
        seen += rows
        if seen > total // 2:
            median = days
            break
    return {"decided": total, "median_working_days": median, "max_working_days": weighted[-1][0] if weighted else None}
