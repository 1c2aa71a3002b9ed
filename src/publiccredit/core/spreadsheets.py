"""CSV files the platform writes (screening results, error reports, exports) are opened in Excel and WPS, which run a
cell beginning with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return as a formula (CSV injection). Every CSV
goes through ``csv_writer``, which puts an apostrophe before such a cell, as OWASP advises; plain numbers such as
``-2.5`` stay numbers (docs/operations.md)."""

import csv
import re

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
PLAIN_NUMBER = re.compile(r"[+-]?\d+(\.\d+)?")


def safe_cell(value):
    if not isinstance(value, str) or not value.startswith(FORMULA_STARTS) or PLAIN_NUMBER.fullmatch(value):
        return value
    return "'" + value


class _SafeWriter:
    def __init__(self, writer):
        self._writer = writer

    def writerow(self, row):
        return self._writer.writerow([safe_cell(cell) for cell in row])

    def writerows(self, rows):
        for row in rows:
            self.writerow(row)


def csv_writer(stream, **options) -> _SafeWriter:
    return _SafeWriter(csv.writer(stream, **options))
