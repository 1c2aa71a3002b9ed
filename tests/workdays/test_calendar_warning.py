"""The admin warns the credit office when a year whose deadlines are being computed has no holidays loaded."""

import datetime as dt

import pytest

from publiccredit.workdays.models import CalendarYear
from publiccredit.workdays.queries import calendar_warning

pytestmark = pytest.mark.django_db


def test_from_november_a_missing_next_year_is_warned_about():
    CalendarYear.objects.filter(year=2031).delete()
    CalendarYear.objects.get_or_create(year=2030, defaults={"source": "manual"})
    assert calendar_warning(dt.date(2030, 10, 31)) == ""
    warning = calendar_warning(dt.date(2030, 11, 1))
    assert "尚未载入2031年的法定节假日和调休安排" in warning and "load-holidays --year 2031" in warning


def test_the_admin_front_page_shows_the_warning(client, credit_office_admin):
    import django.utils.timezone as tz

    today = tz.localdate()
    CalendarYear.objects.filter(year__in=[today.year, today.year + 1]).delete()
    client.force_login(credit_office_admin)
    page = client.get("/admin/").content.decode()
    assert f"尚未载入{today.year}年" in page
