"""What the batch pages and the API both hand out: a batch's error report as CSV and the period of a statistics
request. Kept out of views and API so that neither imports the other (docs/architecture.md)."""

import datetime as dt
import io

from django.http import HttpResponse
from rest_framework.exceptions import ValidationError

from publiccredit.core.files import error_report_csv
from publiccredit.core.spreadsheets import csv_writer


def error_report_response(batch) -> HttpResponse:
    buffer = io.StringIO()
    error_report_csv(batch.errors.all().iterator(), buffer)
    if batch.unlisted_errors:
        csv_writer(buffer).writerow(["", "", "", "unlisted",
                                     f"另有{batch.unlisted_errors}个错误未逐条列出，请修正以上错误后重新报送"])
    response = HttpResponse("\ufeff" + buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="batch-{batch.pk}-errors.csv"'
    return response


def parse_period(params) -> dict:
    period = {}
    for name in ("since", "until"):
        text = params.get(name)
        if text:
            try:
                period[name] = dt.date.fromisoformat(text)
            except ValueError as exc:
                raise ValidationError({name: f"日期格式应为 YYYY-MM-DD，收到“{text[:20]}”"}) from exc
    if params.get("item"):
        period["item_code"] = params["item"]
    return period
