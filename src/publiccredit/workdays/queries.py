"""Reads of the working-day calendar shared by the admin and the back office."""

import datetime as dt

from django.utils import timezone

from .models import CalendarYear

# The State Council publishes the next year's holidays and make-up days (调休) in October–December.
WARN_FROM_MONTH = 11


def calendar_warning(today: dt.date | None = None) -> str:
    """A Chinese warning when a year whose deadlines the platform is already computing has no holiday arrangement
    loaded — this year at any time, the next year from November on; empty when all is loaded."""
    today = today or timezone.localdate()
    needed = [today.year] + ([today.year + 1] if today.month >= WARN_FROM_MONTH else [])
    loaded = set(CalendarYear.objects.filter(year__in=needed).values_list("year", flat=True))
    missing = [year for year in needed if year not in loaded]
    if not missing:
        return ""
    years = "、".join(f"{year}年" for year in missing)
    return (f"尚未载入{years}的法定节假日和调休安排：跨年的报送时限、异议和修复期限将只按周末计算。"
            f"请运行 publiccredit load-holidays --year {missing[0]}，或在“年度节假日安排”中按国务院办公厅通知逐日维护。")


def local_day_range(since: dt.date, until: dt.date) -> tuple[dt.datetime, dt.datetime]:
    """From the first moment of ``since`` to the last of ``until``, local time: a range an index on the column serves
    (``__date`` lookups would convert every row first)."""
    start = timezone.make_aware(dt.datetime.combine(since, dt.time.min))
    end = timezone.make_aware(dt.datetime.combine(until, dt.time.max))
    return start, end
