"""One calendar for all deadlines: statutory holidays and make-up working days (2026 National Day: 1–7 October
off, Saturday 10 October worked)."""

import datetime as dt

from django.core.management import call_command

from publiccredit.workdays.models import CalendarDay
from publiccredit.workdays.services import (
    add_working_days,
    forget_cached_calendar,
    is_working_day,
    working_days_between,
)

D = dt.date


def test_national_day_is_off_and_its_make_up_saturday_is_a_working_day(db):
    forget_cached_calendar()
    assert not is_working_day(D(2026, 10, 1))
    assert not is_working_day(D(2026, 10, 7))
    assert is_working_day(D(2026, 10, 10))
    assert is_working_day(D(2026, 10, 8))
    assert not is_working_day(D(2026, 10, 11))


def test_seven_working_days_after_the_eve_of_national_day_ends_after_the_holiday(db):
    forget_cached_calendar()
    # 30 Sep (Wed) + 7 working days: 8, 9, 10 (make-up Sat), 12, 13, 14, 15 October
    assert add_working_days(D(2026, 9, 30), 7) == D(2026, 10, 15)


def test_a_decision_on_friday_received_on_monday_is_one_working_day_late(db):
    forget_cached_calendar()
    assert working_days_between(D(2026, 11, 20), D(2026, 11, 23)) == 1
    assert working_days_between(D(2026, 11, 23), D(2026, 11, 23)) == 0
    assert working_days_between(D(2026, 11, 23), D(2026, 11, 20)) == 0


def test_counting_and_adding_agree_on_every_day_of_a_year(db):
    forget_cached_calendar()
    for offset in range(0, 365, 3):
        start = D(2026, 1, 1) + dt.timedelta(days=offset)
        for days in (1, 3, 5, 7, 10):
            assert working_days_between(start, add_working_days(start, days)) == days, (start, days)


def test_a_day_the_credit_office_edits_changes_the_calendar(db):
    forget_cached_calendar()
    assert is_working_day(D(2026, 12, 31))
    CalendarDay.objects.create(date=D(2026, 12, 31), is_working_day=False, name="（示例）临时放假")
    forget_cached_calendar()
    assert not is_working_day(D(2026, 12, 31))
    assert add_working_days(D(2026, 12, 30), 1) != D(2026, 12, 31)


def test_a_year_can_be_reloaded_from_the_package(db, capsys):
    CalendarDay.objects.filter(date__year=2025).delete()
    call_command("load-holidays", "--year", "2025")
    assert "2025年：载入" in capsys.readouterr().out
    forget_cached_calendar()
    assert not is_working_day(D(2025, 10, 1))
