"""Benchmark: loading the registered mobile numbers of a city's subjects (the regulator's liaison list) with
``publiccredit import-contacts`` (PostgreSQL).

Run: make bench-contacts  (or: .venv/bin/python bench/bench_contacts.py --subjects 400000 --naive-rows 5000) with
DATABASE_URL pointing at a PostgreSQL database created with LC_CTYPE 'C.UTF-8'.

Setup (not timed, skipped when present): migrate; seed the demo city to --subjects subjects; write a UTF-8 CSV with
one row per organisation (统一社会信用代码, 联系电话), 1% of rows bad (a landline, a wrong check character, a code
not in the registry).

Timed, median of --repeat runs, the command end to end (file reading, checks, lookups, SM4-GCM encryption, writes,
audit entries):
- a first load into an empty table;
- the same file sent again (nothing changes);
and in the same run the naive path: one ``set_registered_contact`` per row after a ``subject_by_code`` lookup, on the
first --naive-rows rows of the file.
"""

import argparse
import csv
import io
import json
import os
import statistics
import sys
import time
from pathlib import Path

SOURCE = "市场监管局企业登记联络员信息（基准测试）"


def setup(args) -> Path:
    from django.core.management import call_command

    sys.path.insert(0, str(Path(__file__).parent))
    from bench_portal import seed_subjects

    from publiccredit.subjects.models import Subject

    call_command("migrate", verbosity=0)
    seed_subjects(args.subjects, args.seed)
    path = Path(args.file)
    if path.exists():
        return path
    codes = list(Subject.objects.exclude(kind=Subject.Kind.NATURAL_PERSON).order_by("pk").values_list("uscc", flat=True))
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["统一社会信用代码", "联系电话"])
        for number, code in enumerate(codes, start=1):
            if number % 300 == 0:
                writer.writerow([code, "0793-8888888"])  # a landline cannot take a code
            elif number % 300 == 100:
                writer.writerow([code[:-1] + ("0" if code[-1] != "0" else "1"), "13900000000"])  # wrong check char
            elif number % 300 == 200:
                writer.writerow(["91361102MA35" + f"{number:06d}"[-6:], "13900000000"])  # mostly invalid or unknown
            else:
                writer.writerow([code, f"13{number % 10**9:09d}"])
    print(f"setup: wrote {len(codes):,} rows to {path}")
    return path


def run_command(path: Path) -> tuple[float, dict]:
    from django.core.management import call_command

    out = io.StringIO()
    started = time.perf_counter()
    call_command("import-contacts", str(path), "--source", SOURCE, "--json", stdout=out)
    return time.perf_counter() - started, json.loads(out.getvalue())


def naive(path: Path, rows: int) -> float:
    from publiccredit.core.errors import DomainError
    from publiccredit.subjects.queries import subject_by_code
    from publiccredit.subjects.services import set_registered_contact

    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle)
        next(reader)
        sample = [row for _, row in zip(range(rows), reader, strict=False)]
    started = time.perf_counter()
    for code, phone in sample:
        subject = subject_by_code(code)
        if subject is None:
            continue
        try:
            set_registered_contact(subject=subject, phone=phone, source=SOURCE + "（逐行）", actor=None)
        except DomainError:
            continue
    return time.perf_counter() - started


def measure(args, path: Path) -> None:
    from publiccredit.subjects.models import RegisteredContact

    total_rows = sum(1 for _ in path.open(encoding="utf-8")) - 1
    first, again, slow = [], [], []
    report = {}
    for run in range(args.repeat):
        RegisteredContact.objects.all().delete()
        seconds, report = run_command(path)
        first.append(seconds)
        seconds, repeat_report = run_command(path)
        again.append(seconds)
        assert repeat_report["created"] == repeat_report["updated"] == 0, repeat_report
        if run < args.naive_repeat:
            RegisteredContact.objects.all().delete()
            slow.append(naive(path, args.naive_rows))
        print(f"run {run + 1}: first load {first[-1]:.1f} s, resend {again[-1]:.1f} s"
              + (f", naive {args.naive_rows:,} rows {slow[-1]:.1f} s" if run < args.naive_repeat else ""))
    print(f"rows {total_rows:,}: created {report['created']:,}, rejected {report['rejected']:,}")
    first_rate = total_rows / statistics.median(first)
    again_rate = total_rows / statistics.median(again)
    naive_rate = args.naive_rows / statistics.median(slow)
    print(f"first load: median {statistics.median(first):.1f} s = {first_rate:,.0f} rows/s "
          f"({' / '.join(f'{s:.1f}' for s in first)})")
    print(f"resend:     median {statistics.median(again):.1f} s = {again_rate:,.0f} rows/s "
          f"({' / '.join(f'{s:.1f}' for s in again)})")
    print(f"naive:      median {statistics.median(slow):.1f} s for {args.naive_rows:,} rows = {naive_rate:,.0f} rows/s "
          f"({' / '.join(f'{s:.1f}' for s in slow)}); first load {first_rate / naive_rate:.0f}x faster")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--subjects", type=int, default=400_000)
    parser.add_argument("--naive-rows", type=int, default=5_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--naive-repeat", type=int, default=3)
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--file", default="/tmp/publiccredit-bench-contacts.csv")
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "publiccredit.settings")
    import django

    django.setup()
    from django.db import connection

    if connection.vendor != "postgresql":
        sys.exit("bench_contacts measures PostgreSQL: set DATABASE_URL (see bench/README.md)")
    measure(args, setup(args))


if __name__ == "__main__":
    main()
