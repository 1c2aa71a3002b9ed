"""Benchmark: subject search and the credit-file page on a city-sized registry (PostgreSQL).

Run: make bench-portal  (or: .venv/bin/python bench/bench_portal.py --subjects 1000000 --records 20000)
with DATABASE_URL pointing at a PostgreSQL database created with LC_CTYPE 'C.UTF-8' (see bench/README.md).

Setup (not timed, skipped when already done): migrate, seed the demo city up to --subjects subjects and --records
records through the real intake, ANALYZE.

Search: queries of 2, 4 and 8 characters cut from random registered names, and 8-character queries with one wrong
character, each timed server-side around ``search_subjects`` (first result page, count, ranking); a warm-up set runs
first. The naive path — a LIKE scan of every name with count and ordering, no search index — runs on a few queries of
each length in the same run.

Credit file: gunicorn (sync workers) on loopback serves ``/credit/<code>/`` for random subjects that have records;
wrk drives it with --connections for --duration seconds and reports requests/s and latency percentiles. ``/healthz``
(one trivial query through the same stack) is measured the same way as the ceiling of this machine.
"""

import argparse
import os
import random
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

WRK_SCRIPT = """
paths = {}
for line in io.lines("%(paths)s") do paths[#paths + 1] = line end
request = function() return wrk.format("GET", paths[math.random(#paths)]) end
done = function(summary, latency, requests)
  io.write(string.format("RESULT %%d %%d %%.1f %%.1f %%.1f %%.1f %%d\\n", summary.requests, summary.duration,
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000,
    latency.max / 1000, summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.timeout))
end
"""


SEARCH_INDEXES = {
    "subject_name_grams_col_idx": "CREATE INDEX IF NOT EXISTS subject_name_grams_col_idx ON subjects_subject "
                                  "USING gin (name_grams)",
    "subject_name_trgm_idx": "CREATE INDEX IF NOT EXISTS subject_name_trgm_idx ON subjects_subject "
                             "USING gin (name_normalized gin_trgm_ops)",
}


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f}"


def cut(name: str, length: int, rng: random.Random) -> str | None:
    if len(name) < length:
        return None
    start = rng.randrange(0, len(name) - length + 1)
    return name[start:start + length]


def with_typo(text: str, rng: random.Random, alphabet: str) -> str:
    position = rng.randrange(1, len(text) - 1)
    return text[:position] + rng.choice(alphabet) + text[position + 1:]


def seed_subjects(count: int, seed: int) -> None:
    """Seed the demo city up to ``count`` subjects (no records, no accounts), unless it already has them."""
    from django.core.management import call_command
    from django.db import connection

    from publiccredit.subjects.models import Subject

    if Subject.objects.count() >= count:
        _build_search_indexes()  # a seed interrupted after dropping them leaves them missing
        return
    started = time.perf_counter()
    # GIN indexes are far cheaper to build once than to maintain row by row during a million inserts.
    with connection.cursor() as cursor:
        for index in SEARCH_INDEXES:
            cursor.execute(f"DROP INDEX IF EXISTS {index}")
    call_command("seed", subjects=count, seed=seed, no_accounts=True, verbosity=0)
    _build_search_indexes()
    print(f"setup: seeded subjects to {Subject.objects.count():,} in {time.perf_counter() - started:.0f} s")


def _build_search_indexes() -> None:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SET maintenance_work_mem = '1GB'")
        for definition in SEARCH_INDEXES.values():
            cursor.execute(definition)


def setup(args) -> None:
    from django.core.management import call_command
    from django.db import connection

    from publiccredit.collection.models import CreditRecord

    call_command("migrate", verbosity=0)
    seed_subjects(args.subjects, args.seed)
    if CreditRecord.objects.count() < args.records:
        from publiccredit.demo.records import seed_records

        started = time.perf_counter()
        seed_records(count=args.records, seed=args.seed)
        print(f"setup: {CreditRecord.objects.count():,} records in {time.perf_counter() - started:.0f} s")
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def bench_search(args) -> None:
    from django.db import connection

    from publiccredit.search.engine import search_subjects
    from publiccredit.subjects.models import Subject

    rng = random.Random(args.seed)
    organizations = Subject.objects.exclude(kind=Subject.Kind.NATURAL_PERSON)
    total = organizations.count()
    names = []
    while len(names) < 4 * args.queries:
        offset = rng.randrange(total)
        names.extend(organizations.order_by("pk").values_list("name_normalized", flat=True)[offset:offset + 4])
    alphabet = "".join(sorted({ch for name in names for ch in name}))
    sets = {}
    for length in (2, 4, 8):
        sets[f"{length} characters"] = [q for q in (cut(n, length, rng) for n in names) if q][:args.queries]
    sets["8 characters, one wrong"] = [with_typo(q, rng, alphabet) for q in sets["8 characters"]]
    warm = [q for q in (cut(n, 3, rng) for n in reversed(names)) if q][:50]
    for query in warm:
        search_subjects(query)

    print(f"\nsearch over {total:,} organisations ({Subject.objects.count():,} subjects), "
          f"{args.queries} queries per length, server-side ms")
    print("| query | p50 | p95 | max | median matches | naive p50 (LIKE scan) | naive/p50 |")
    print("| --- | --- | --- | --- | --- | --- | --- |")
    for label, queries in sets.items():
        timings, counts = [], []
        for query in queries:
            started = time.perf_counter()
            result = search_subjects(query)
            timings.append(time.perf_counter() - started)
            counts.append(result.count)
        naive = []
        for query in queries[:args.naive_queries]:
            started = time.perf_counter()
            with connection.cursor() as cursor:
                cursor.execute("SELECT count(*) FROM subjects_subject WHERE kind <> 'natural_person' "
                               "AND strpos(name_normalized, %s) > 0", [query])
                cursor.execute("SELECT id FROM subjects_subject WHERE kind <> 'natural_person' "
                               "AND strpos(name_normalized, %s) > 0 ORDER BY length(name_normalized), name_normalized "
                               "LIMIT 20", [query])
                cursor.fetchall()
            naive.append(time.perf_counter() - started)
        p50 = statistics.median(timings)
        print(f"| {label} | {ms(p50)} | {ms(percentile(timings, 0.95))} | {ms(max(timings))} | "
              f"{statistics.median(counts):,.0f} | {ms(statistics.median(naive))} | "
              f"{statistics.median(naive) / p50:.0f}× |")


def redis_hits() -> tuple[int, int] | None:
    url = os.environ.get("REDIS_CACHE_URL")
    if not url:
        return None
    import redis

    stats = redis.Redis.from_url(url).info("stats")
    return stats["keyspace_hits"], stats["keyspace_misses"]


def run_wrk(url_paths: list[str], base: str, args, label: str, warm_up: bool = True) -> None:
    workdir = Path(tempfile.mkdtemp(prefix="publiccredit-wrk-"))
    paths_file = workdir / "paths.txt"
    paths_file.write_text("\n".join(url_paths) + "\n")
    script = workdir / "rotate.lua"
    script.write_text(WRK_SCRIPT % {"paths": paths_file})
    if warm_up:
        subprocess.run(["wrk", "-t1", "-c4", "-d3s", "-s", str(script), base], capture_output=True, check=True)
    before = redis_hits()
    output = subprocess.run(["wrk", f"-t{args.wrk_threads}", f"-c{args.connections}", f"-d{args.duration}s",
                             "-s", str(script), base], capture_output=True, text=True, check=True).stdout
    line = next(line for line in output.splitlines() if line.startswith("RESULT"))
    requests, duration_us, p50, p95, p99, worst, errors = line.split()[1:]
    rate = int(requests) / (int(duration_us) / 1e6)
    after = redis_hits()
    rendered = "—"
    if before and after:
        # Each request reads its page from the cache once; a miss renders it (the labels read on a miss hits).
        rendered = f"{(after[1] - before[1]) / int(requests):.0%}"
    print(f"| {label} | {rate:,.0f} | {p50} | {p95} | {p99} | {worst} | {errors} | {rendered} |")
    shutil.rmtree(workdir)


def bench_credit_file(args) -> None:
    from publiccredit.collection.models import CreditRecord
    from publiccredit.publicity.queries import public_ref
    from publiccredit.subjects.models import Subject

    ids = list(CreditRecord.objects.filter(subject__isnull=False).exclude(subject__kind="natural_person")
               .values_list("subject_id", flat=True).distinct()[:5200])
    subjects = Subject.objects.filter(pk__in=ids)
    all_paths = [f"/credit/{public_ref(subject)}/" for subject in subjects]
    # Workers are warmed on other subjects' pages, so the measured pages start uncached in warm processes.
    warm_paths, paths = all_paths[:200], all_paths[200:]
    port = args.port
    env = dict(os.environ, PUBLICCREDIT_DEBUG="0")
    server = subprocess.Popen(
        [str(Path(sys.executable).with_name("gunicorn")), "publiccredit.wsgi", "-w", str(args.workers),
         "-b", f"127.0.0.1:{port}", "--log-level", "warning"], env=env)
    try:
        base = f"http://127.0.0.1:{port}"
        for _ in range(100):
            try:
                import urllib.request

                urllib.request.urlopen(base + "/healthz", timeout=1)
                break
            except OSError:
                time.sleep(0.2)
        print(f"\ncredit file under gunicorn ({args.workers} sync workers), wrk {args.wrk_threads} threads "
              f"{args.connections} connections {args.duration} s, {len(paths):,} different subjects with records, ms")
        print("| page | requests/s | p50 | p95 | p99 | max | errors | rendered (cache misses) |")
        print("| --- | --- | --- | --- | --- | --- | --- | --- |")
        from django.core.cache import cache

        cache.clear()
        run_wrk(warm_paths, base, argparse.Namespace(**{**vars(args), "duration": 3}), "(warming the workers)",
                warm_up=False)
        run_wrk(paths, base, args, "/credit/<code>/, cache empty at start", warm_up=False)
        run_wrk(paths, base, args, "/credit/<code>/, same pages again")
        run_wrk(["/healthz"], base, args, "/healthz (stack ceiling)")
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--subjects", type=int, default=1_000_000)
    parser.add_argument("--records", type=int, default=20_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--queries", type=int, default=200, help="timed queries per length")
    parser.add_argument("--naive-queries", type=int, default=10)
    parser.add_argument("--duration", type=int, default=30)
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--wrk-threads", type=int, default=2)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--skip-http", action="store_true")
    args = parser.parse_args()
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        sys.exit("请设置 DATABASE_URL 指向 PostgreSQL 数据库（LC_CTYPE 'C.UTF-8'），见 bench/README.md")
    if not shutil.which("wrk") and not args.skip_http:
        sys.exit("缺少 wrk：sudo apt-get install wrk（make bench-portal 会自动安装）")
    os.environ.setdefault("PUBLICCREDIT_HOME", tempfile.mkdtemp(prefix="publiccredit-bench-"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "publiccredit.settings")
    import django

    django.setup()
    setup(args)
    bench_search(args)
    if not args.skip_http:
        bench_credit_file(args)


if __name__ == "__main__":
    main()
