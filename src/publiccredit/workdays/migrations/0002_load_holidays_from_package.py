from django.db import migrations

FIRST_YEAR = 2019  # records older than this are not collected any more


def load(apps, schema_editor):
    from chinese_calendar import constants

    from publiccredit.workdays.services import _holiday_name

    calendar_day = apps.get_model("workdays", "CalendarDay")
    calendar_year = apps.get_model("workdays", "CalendarYear")
    years = sorted({d.year for d in constants.holidays if d.year >= FIRST_YEAR})
    rows = [calendar_day(date=d, is_working_day=False, name=_holiday_name(n))
            for d, n in constants.holidays.items() if d.year >= FIRST_YEAR and d.weekday() < 5]
    rows += [calendar_day(date=d, is_working_day=True, name=f"{_holiday_name(n)}调休")
             for d, n in constants.workdays.items() if d.year >= FIRST_YEAR]
    calendar_day.objects.bulk_create(rows, ignore_conflicts=True)
    for year in years:
        calendar_year.objects.get_or_create(year=year, defaults={"source": "package", "confirmed": True,
                                                                 "note": "由 chinesecalendar 软件包载入"})


class Migration(migrations.Migration):
    dependencies = [("workdays", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
