"""The one calendar of working days: China's statutory holidays and make-up working days (调休).

Only exceptions are stored: a weekday that is a holiday, or a weekend day that is a working day. Every other
Monday–Friday works. Defaults come from the ``chinesecalendar`` package; the credit office edits each year in the
admin when the State Council publishes the next year's arrangement.
"""

from django.db import models


class CalendarYear(models.Model):
    year = models.PositiveSmallIntegerField("年份", unique=True)
    source = models.CharField("来源", max_length=20, choices=[("package", "chinesecalendar 软件包"), ("manual", "人工维护")])
    confirmed = models.BooleanField("已按国务院办公厅通知核对", default=False)
    note = models.CharField("说明", max_length=200, blank=True)

    class Meta:
        verbose_name = "年度节假日安排"
        verbose_name_plural = "年度节假日安排"
        ordering = ["-year"]

    def __str__(self) -> str:
        return f"{self.year}年"


class CalendarDay(models.Model):
    date = models.DateField("日期", unique=True)
    is_working_day = models.BooleanField("是否工作日", help_text="勾选：周末调休上班；不勾选：工作日放假")
    name = models.CharField("名称", max_length=50, blank=True, help_text="如：国庆节、国庆节调休")

    class Meta:
        verbose_name = "节假日/调休日"
        verbose_name_plural = "节假日/调休日"
        ordering = ["date"]

    def __str__(self) -> str:
        return f"{self.date} {'调休上班' if self.is_working_day else '放假'} {self.name}"
