"""Benchmark: registering subjects in bulk (the seed path) against the naive one-service-call-per-row path.

Run: make bench   (or: .venv/bin/python bench/bench_seed.py --subjects 5000 --naive 500 --repeat 3)
Uses a fresh SQLite database in a temporary directory unless DATABASE_URL is set (then that server; the
database named there is created empty by this script's migrate). Prints medians; see bench/README.md.
"""

import argparse
import os
import statistics
import sys
import tempfile
import time


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--subjects", type=int, default=5000)
    parser.add_argument("--naive", type=int, default=500, help="rows registered one by one for comparison")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    home = tempfile.mkdtemp(prefix="publiccredit-bench-")
    os.environ.setdefault("PUBLICCREDIT_HOME", home)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "publiccredit.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    call_command("migrate", verbosity=0)
    from publiccredit.demo.generators import DemoCity
    from publiccredit.demo.services import seed_subjects
    from publiccredit.subjects.models import Subject
    from publiccredit.subjects.services import SubjectSpec, register_subject

    bulk_rates, naive_rates = [], []
    for run in range(args.repeat):
        started = time.perf_counter()
        result = seed_subjects(count=args.subjects, seed=1000 + run)
        elapsed = time.perf_counter() - started
        assert result.created == args.subjects, result
        bulk_rates.append(args.subjects / elapsed)

        rows = DemoCity(5000 + run).organizations(args.naive)
        started = time.perf_counter()
        for row in rows:
            register_subject(spec=SubjectSpec(kind=row.kind, name=row.name, code=row.uscc), actor=None)
        naive_rates.append(args.naive / (time.perf_counter() - started))

    bulk, naive = statistics.median(bulk_rates), statistics.median(naive_rates)
    print(f"database: {connection.vendor}; subjects in registry after runs: {Subject.objects.count()}")
    print(f"seed (bulk, {args.subjects} subjects incl. persons, names, representatives, audit, events): "
          f"median {bulk:,.0f} subjects/s over {args.repeat} runs -> {args.subjects / bulk:.1f} s per {args.subjects}")
    print(f"naive (register_subject per row, {args.naive} rows): median {naive:,.0f} subjects/s")
    print(f"ratio bulk/naive: {bulk / naive:.1f}x")


if __name__ == "__main__":
    sys.exit(main())
