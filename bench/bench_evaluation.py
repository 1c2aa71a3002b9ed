"""Benchmark: a full credit evaluation of the city, and the incremental re-grade of one subject (PostgreSQL).

Run: make bench-evaluation  (or: .venv/bin/python bench/bench_evaluation.py --subjects 1000000 --records 200000)
with DATABASE_URL pointing at a PostgreSQL database created with LC_CTYPE 'C.UTF-8' (see bench/README.md). The
setup is bench_screening.py's (the demo city, in-force penalties, published list entries; skipped when present).

Full run: `evaluation.services.start_run` of the public model over every subject, in chunks of --chunk-size ids, in
this one process (no broker): read each chunk's facts, grade in polars, retire and insert the results — median of
--repeat runs. The naive path in the same run: one subject at a time through the ORM (its records and entries, the
points in Python, a result saved with `create`), timed on --naive subjects with records or entries and on as many
without, and scaled to the city in that proportion.

Cold and steady runs: a cold run starts from an empty results table (every result written, as the first night or
after a model change); a steady run follows one and finds nothing changed (a result is written only when it
changes). Workers: for each count in --workers, the run is prepared (`start_run(dispatch_chunks=False)`) and that
many processes `publiccredit evaluate --work RUN` share its chunks (claimed with SKIP LOCKED); wall time from the
start of the first process to the end of the last, cold.

Incremental: `regrade_subjects` of one subject that has records, --incremental times; median. End to end: a
penalty delivered through `submit_records` (the API's path) for such a subject, from the call to its new grade
being current — intake, the outbox drained right after the commit (no broker) and the re-grade — median.
"""

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path


def empty_results() -> None:
    from django.db import connection

    from publiccredit.evaluation.models import EvaluationResult

    with connection.cursor() as cursor:
        cursor.execute(f"TRUNCATE {EvaluationResult._meta.db_table}")


def shared_run(model, chunk_size: int, workers: int) -> tuple[float, object]:
    """A cold run whose chunks ``workers`` processes share; wall time."""
    from publiccredit.evaluation import services

    empty_results()
    started = time.perf_counter()
    run = services.start_run(model=model, chunk_size=chunk_size, dispatch_chunks=False)
    processes = [subprocess.Popen([sys.executable, "-m", "publiccredit.cli", "evaluate", "--work", str(run.pk)],
                                  stdout=subprocess.DEVNULL) for _ in range(workers)]
    for process in processes:
        if process.wait() != 0:
            raise SystemExit(f"a worker failed (exit {process.returncode})")
    elapsed = time.perf_counter() - started
    run.refresh_from_db()
    return elapsed, run


def naive_grade(subject, version, today) -> None:
    """One subject the obvious way: its facts by the ORM, the points summed in Python, the result saved."""
    from django.utils import timezone

    from publiccredit.collection.models import CreditRecord
    from publiccredit.evaluation.models import EvaluationResult
    from publiccredit.evaluation.scoring import points_after_decay
    from publiccredit.lists.models import ListEntry

    definition = version.definition
    total, parts = 0.0, []
    records = (CreditRecord.objects.filter(subject=subject, state__in=["active", "corrected"])
               .select_related("item"))
    entries = ListEntry.objects.filter(subject=subject, state="published").select_related("kind")
    for indicator in definition["indicators"]:
        points = 0.0
        for record in records:
            if record.item.code == indicator["item"] and indicator["severity"] in ("", record.severity):
                age = ((today - record.decision_date).days / 30.436875) if record.decision_date else 0
                points += points_after_decay(indicator["points"], indicator["decay"], age)
        for entry in entries:
            if entry.kind.code == indicator["list_kind"]:
                points += indicator["points"]
        if indicator["cap"] is not None:
            points = max(-indicator["cap"], min(indicator["cap"], points))
        if points:
            parts.append({"indicator": indicator["code"], "points": points})
            total += points
    score = min(definition["max"], max(definition["min"], definition["base"] + total))
    grade = next((band["grade"] for band in definition["grades"] if score >= band["min"]),
                 definition["grades"][-1]["grade"])
    EvaluationResult.objects.filter(subject=subject, model_id=version.model_id, is_current=True).update(
        is_current=False)
    EvaluationResult.objects.create(subject=subject, model_id=version.model_id, version=version, score=score,
                                    grade=grade, base=definition["base"], contributions=parts, as_of=today,
                                    computed_at=timezone.now())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--subjects", type=int, default=1_000_000)
    parser.add_argument("--entries", type=int, default=50_000)
    parser.add_argument("--records", type=int, default=200_000)
    parser.add_argument("--chunk-size", type=int, default=20_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--naive", type=int, default=1_000)
    parser.add_argument("--incremental", type=int, default=100)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--workers", default="1,2", help="worker counts to time sharing a cold run, e.g. 1,2")
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "publiccredit.settings")
    import django

    django.setup()
    from django.db import connection
    from django.utils import timezone

    if connection.vendor != "postgresql":
        print("This benchmark needs PostgreSQL: set DATABASE_URL (see bench/README.md).", file=sys.stderr)
        sys.exit(2)
    sys.path.insert(0, str(Path(__file__).parent))
    from bench_screening import setup

    setup(args)

    from publiccredit.collection.models import CreditRecord
    from publiccredit.evaluation import services
    from publiccredit.evaluation.models import EvaluationModel, EvaluationResult
    from publiccredit.lists.models import ListEntry
    from publiccredit.subjects.models import Subject

    model = EvaluationModel.objects.get(code="public")
    subjects = Subject.objects.count()
    print(f"{subjects:,} subjects, {CreditRecord.objects.count():,} records, "
          f"{ListEntry.objects.filter(state='published').count():,} published list entries; model {model.current_version}")
    cold, steady = [], []
    for number in range(1, args.repeat + 1):
        empty_results()
        for label, times in (("cold", cold), ("steady", steady)):
            started = time.perf_counter()
            run = services.start_run(model=model, chunk_size=args.chunk_size)
            times.append(time.perf_counter() - started)
            run.refresh_from_db()
            print(f"{label} run {number}: {times[-1]:.1f} s, {run.subjects_graded:,} subjects in {run.chunks_done} "
                  f"chunks ({run.get_state_display()}), {EvaluationResult.objects.count():,} results held")
    totals = cold
    below_a = EvaluationResult.objects.filter(model=model, is_current=True).exclude(grade="A").count()
    print(f"median cold run: {statistics.median(cold):.1f} s ({subjects / statistics.median(cold):,.0f} subjects/s); "
          f"median steady run: {statistics.median(steady):.1f} s; {below_a:,} subjects below A")
    for workers in [int(part) for part in args.workers.split(",") if part.strip()]:
        times = []
        for _ in range(args.repeat):
            elapsed, run = shared_run(model, args.chunk_size, workers)
            times.append(elapsed)
        print(f"cold run shared by {workers} worker process(es): median {statistics.median(times):.1f} s "
              f"({', '.join(f'{t:.1f}' for t in times)}); {run.subjects_graded:,} subjects, {run.get_state_display()}")

    with_facts = set(CreditRecord.objects.filter(subject__isnull=False).values_list("subject_id", flat=True)
                     .distinct()[:args.naive])
    without = list(Subject.objects.exclude(pk__in=with_facts).values_list("pk", flat=True)[:args.naive])
    share = (CreditRecord.objects.filter(subject__isnull=False).values("subject_id").distinct().count()
             + ListEntry.objects.filter(state="published").values("subject_id").distinct().count()) / subjects
    today, version = timezone.localdate(), model.current_version
    timings = {}
    for label, ids in (("with facts", sorted(with_facts)), ("without", without)):
        started = time.perf_counter()
        for subject in Subject.objects.filter(pk__in=ids):
            naive_grade(subject, version, today)
        timings[label] = (time.perf_counter() - started) / max(1, len(ids))
    scaled = subjects * (min(1, share) * timings["with facts"] + (1 - min(1, share)) * timings["without"])
    print(f"naive: {timings['with facts'] * 1000:.1f} ms per subject with facts, {timings['without'] * 1000:.1f} ms "
          f"without → ~{scaled:,.0f} s scaled to {subjects:,} subjects "
          f"({scaled / statistics.median(totals):.0f}× the full run)")

    samples = []
    for subject_id in sorted(with_facts)[:args.incremental]:
        started = time.perf_counter()
        services.regrade_subjects(subject_ids=[subject_id])
        samples.append(time.perf_counter() - started)
    print(f"incremental re-grade of one subject: median {statistics.median(samples) * 1000:.1f} ms "
          f"(p95 {sorted(samples)[int(len(samples) * 0.95) - 1] * 1000:.1f} ms, {len(samples)} subjects)")
    end_to_end(sorted(with_facts)[:args.incremental // 4 or 1])


def end_to_end(subject_ids) -> None:
    """A penalty delivered for each subject: from the intake call to the subject's new grade being current."""
    import datetime as dt

    from django.utils import timezone

    from publiccredit.catalog.models import CatalogItem
    from publiccredit.collection.services import submit_records
    from publiccredit.evaluation.models import EvaluationResult
    from publiccredit.organizations.models import Organization
    from publiccredit.subjects.models import Subject

    item, provider = CatalogItem.objects.get(code="penalty"), Organization.objects.get(short_name="市市场监管局")
    today, samples = timezone.localdate(), []
    stamp = time.strftime("%Y%m%d%H%M%S")  # a new decision each run: the same one again is a resend, not a change
    for number, subject in enumerate(Subject.objects.filter(pk__in=subject_ids).order_by("pk"), start=1):
        before = EvaluationResult.objects.filter(subject=subject, is_current=True).values_list("pk", flat=True).first()
        row = {"CF_WSH": f"BENCH-E2E罚〔{today.year}〕{stamp}-{subject.pk}-{number}号", "CF_XDR_MC": subject.name,
               "CF_XDR_LB": "法人及非法人组织", "CF_XDR_SHXYM": subject.uscc, "CF_WFXW": "基准测试", "CF_SY": "基准测试",
               "CF_YJ": "《中华人民共和国行政处罚法》", "CF_CFLB": "罚款", "CF_NR": "罚款", "CF_NR_FK": "1",
               "CF_JDRQ": str(today - dt.timedelta(days=1)), "CF_YXQ": str(today + dt.timedelta(days=364)),
               "CF_CFJG": provider.name, "CF_CFJGDM": provider.code, "CF_SJLY": provider.name,
               "CF_SJLYDM": provider.code}
        started = time.perf_counter()
        result = submit_records(item=item, provider=provider, records=[row], actor=None)
        elapsed = time.perf_counter() - started
        after = EvaluationResult.objects.filter(subject=subject, is_current=True).values_list("pk", flat=True).first()
        if result.accepted != 1 or after == before:
            raise SystemExit(f"end to end: the delivery was not graded ({result.errors})")
        samples.append(elapsed)
    print(f"end to end (delivery → new grade current, no broker): median {statistics.median(samples) * 1000:.0f} ms "
          f"over {len(samples)} deliveries")


if __name__ == "__main__":
    main()
