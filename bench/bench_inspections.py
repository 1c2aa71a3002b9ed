"""Benchmark: a 双随机 draw over a million candidates, and a city-wide plan frozen and drawn (PostgreSQL).

Run: make bench-inspections  (or: .venv/bin/python bench/bench_inspections.py --candidates 1000000)
with DATABASE_URL pointing at the database `make bench-screening` seeded (1,000,000 subjects, graded by
`make bench-evaluation`; see bench/README.md).

Draw: `inspections.draw.select` over --candidates synthetic candidates (valid codes, grades A 30%, B 40%, C 20%,
D 5%, ungraded 5%) with the seeded ratios — a key per candidate (HMAC-SM3), sorted per stratum, the first
ceil(ratio × N) taken — median of --repeat runs. The naive path in the same run, on the same candidates: one
`cryptography` HMAC object per candidate and Python's sort per stratum.

Plan: a plan over every organisation of the bench city (`freeze_plan`: the directory read, the grades joined,
candidates.csv written and hashed, strata, pool and avoidances stored; then `draw_plan`: the selection, --pool
inspectors with 2 per drawn subject assigned, the tasks COPYed), each timed once; then `verify-draw`'s
recomputation.
"""

import argparse
import datetime as dt
import math
import os
import random
import statistics
import sys
import time


def synthetic_candidates(count: int, seed: int):
    import polars as pl

    from publiccredit.core.identifiers import make_uscc

    chooser = random.Random(seed)
    grades = chooser.choices(["A", "B", "C", "D", ""], weights=[30, 40, 20, 5, 5], k=count)
    codes = [make_uscc("91", "361102", f"M{number:07d}")
             for number in range(count)]
    return pl.DataFrame({"code": codes, "grade": grades})


def naive_select(number: str, seed: bytes, candidates, ratios: dict) -> set[str]:
    from decimal import Decimal

    from cryptography.hazmat.primitives import hashes, hmac

    by_grade: dict[str, list] = {}
    for code, grade in candidates.iter_rows():
        mac = hmac.HMAC(seed, hashes.SM3())
        mac.update(f"{number}|{code}".encode())
        by_grade.setdefault(grade, []).append((mac.finalize().hex(), code))
    chosen = set()
    for grade, members in by_grade.items():
        members.sort()
        chosen |= {code for _, code in members[:math.ceil(Decimal(str(ratios[grade])) * len(members))]}
    return chosen


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--candidates", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--pool", type=int, default=20)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--no-plan", action="store_true", help="only the draw over synthetic candidates")
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "publiccredit.settings")
    import django

    django.setup()
    import polars as pl

    from publiccredit.inspections import draw
    from publiccredit.inspections.models import GradeRatio

    ratios = {row.grade: row.ratio for row in GradeRatio.objects.all()}
    candidates = synthetic_candidates(args.candidates, args.seed)
    seed, number = bytes(random.Random(args.seed).randbytes(32)), "SS2026120400001"
    times = []
    for _ in range(args.repeat):
        started = time.perf_counter()
        chosen = draw.select(number, seed, candidates, ratios).filter(pl.col("selected"))
        times.append(time.perf_counter() - started)
    started = time.perf_counter()
    naive = naive_select(number, seed, candidates, ratios)
    naive_time = time.perf_counter() - started
    assert naive == set(chosen.get_column("code").to_list()), "the naive path drew other subjects"
    print(f"draw over {candidates.height:,} candidates: median {statistics.median(times):.2f} s "
          f"({', '.join(f'{t:.2f}' for t in times)}); {chosen.height:,} selected; naive path {naive_time:.2f} s "
          f"({naive_time / statistics.median(times):.1f}×)")
    if not args.no_plan:
        city_plan(args)


def city_plan(args) -> None:
    from django.db import connection

    if connection.vendor != "postgresql":
        print("The city-wide plan needs PostgreSQL: set DATABASE_URL (see bench/README.md).", file=sys.stderr)
        sys.exit(2)
    from publiccredit.inspections.models import InspectionMatter, Inspector, ObjectDirectory
    from publiccredit.inspections.queries import verify
    from publiccredit.inspections.services import create_plan, draw_plan, freeze_plan
    from publiccredit.organizations.models import Organization

    department = Organization.objects.get(short_name="市市场监管局")
    matter, _ = InspectionMatter.objects.get_or_create(department=department, code="BENCH-001", defaults={
        "name": "基准测试抽查事项", "legal_basis": "《企业信息公示暂行条例》"})
    directory, _ = ObjectDirectory.objects.get_or_create(department=department, name="基准测试全市单位")
    for n in range(args.pool):
        Inspector.objects.get_or_create(certificate_number=f"BENCH{n:05d}", defaults={
            "department": department, "name": f"检查员{n}"})
    pool = Inspector.objects.filter(department=department, is_active=True).count()
    today = dt.date.today()
    plan = create_plan(department=department, title=f"基准测试全市抽查 {time.strftime('%H%M%S')}", matters=[matter],
                       directory=directory, period_start=today, period_end=today + dt.timedelta(days=30), actor=None)
    started = time.perf_counter()
    plan = freeze_plan(plan=plan, actor=None)
    frozen = time.perf_counter() - started
    started = time.perf_counter()
    plan = draw_plan(plan=plan, actor=None)
    drawn = time.perf_counter() - started
    started = time.perf_counter()
    problems = verify(plan)
    verified = time.perf_counter() - started
    print(f"city plan {plan.number}: {plan.candidates_count:,} candidates, {plan.tasks.count():,} drawn, pool of "
          f"{pool} inspectors; freeze {frozen:.2f} s, draw (selection, assignment, tasks stored) {drawn:.2f} s, "
          f"verify {verified:.2f} s ({problems if problems else 'ok'})")


if __name__ == "__main__":
    main()
