"""Benchmark: joint-punishment screening (查询-比对) on a city-sized registry (PostgreSQL).

Run: make bench-screening  (or: .venv/bin/python bench/bench_screening.py --subjects 1000000 --entries 50000)
with DATABASE_URL pointing at a PostgreSQL database created with LC_CTYPE 'C.UTF-8' (see bench/README.md).

Setup (not timed, skipped when already done): migrate; seed the demo city to --subjects subjects; bulk-insert
--records in-force penalties on random organisations (1% under objection) and --entries published list entries on
random subjects (serious 60%, watch 25%, red 10%, ban 5%). The entries and records are inserted directly: what is
measured is screening against them, not the workflow that produces them.

Batch: a CSV of --batch subjects (organisations by USCC, persons by full ID number, 3% valid codes not in the
registry, 2% by name) screened for government procurement through the back-office path (read the file, parse and
check every code, compare, store every row, audit) — median of --repeat runs. The naive path in the same run: one
subject at a time through the ORM (lookup, entries, records, representatives, measures), timed on --naive subjects
and scaled to the batch.

Single: POST /api/v1/screening/ with one subject and a department token through Django's test client (auth, JSON,
compare, store, audit), --single requests after a warm-up; p50 and p95.
"""

import argparse
import csv
import os
import random
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path


def setup(args) -> None:
    from django.core.management import call_command
    from django.db import connection

    sys.path.insert(0, str(Path(__file__).parent))
    from bench_portal import seed_subjects

    call_command("migrate", verbosity=0)
    seed_subjects(args.subjects, args.seed)
    seed_penalties(args)
    seed_entries(args)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def seed_penalties(args) -> None:
    import datetime as dt

    from django.utils import timezone

    from publiccredit.catalog.models import CatalogItem
    from publiccredit.collection.models import Batch, CreditRecord
    from publiccredit.core.bulk import insert_rows
    from publiccredit.organizations.models import Organization
    from publiccredit.subjects.models import Subject

    item = CatalogItem.objects.get(code="penalty")
    present = CreditRecord.objects.filter(item=item, decision_number__startswith="BENCH").count()
    if present >= args.records:
        return
    started = time.perf_counter()
    rng = random.Random(args.seed + 1)
    provider = Organization.objects.get(short_name="市市场监管局")
    batch = Batch.objects.create(item=item, item_version=item.current_version, provider=provider, channel="cli",
                                 file_name="bench-screening", status="done")
    organizations = list(Subject.objects.exclude(kind="natural_person").values_list("id", "name"))
    today, now = timezone.localdate(), timezone.now()
    columns = ["item_id", "item_version_id", "provider_id", "subject_id", "key_hash", "decision_number", "party_name",
               "party_name_normalized", "party_kind", "party_code", "payload", "protected", "content_hash",
               "decision_date", "received_at", "updated_at", "severity", "published", "publicity_start",
               "repairable_from", "publicity_end", "state", "version", "batch_id"]
    rows = []
    for number in range(present, args.records):
        subject_id, name = rng.choice(organizations)
        decided = today - dt.timedelta(days=rng.randrange(1, 700))
        serious = rng.random() < 0.3
        category = rng.choice(["吊销许可证件", "责令停产停业"]) if serious else rng.choice(["警告", "罚款", "通报批评"])
        rows.append([item.pk, item.current_version_id, provider.pk, subject_id, uuid.uuid4(), f"BENCH罚〔2026〕{number}号",
                     name, name, "legal_person", "", {"CF_CFLB": category, "CF_NR": category}, {},
                     uuid.uuid4().hex, decided, now, now, "serious" if serious else "general", True, decided,
                     decided + dt.timedelta(days=365 if serious else 90),
                     decided + dt.timedelta(days=1095 if serious else 365),
                     "objection" if rng.random() < 0.01 else "active", 1, batch.pk])
        if len(rows) == 20_000:
            insert_rows(CreditRecord, columns, rows)
            rows = []
    insert_rows(CreditRecord, columns, rows)
    print(f"setup: {args.records - present:,} penalties in {time.perf_counter() - started:.0f} s")


def seed_entries(args) -> None:
    import datetime as dt

    from django.utils import timezone

    from publiccredit.lists.models import ListEntry, ListKind
    from publiccredit.subjects.models import Subject

    present = ListEntry.objects.filter(decision_number__startswith="BENCH").count()
    if present >= args.entries:
        return
    started = time.perf_counter()
    rng = random.Random(args.seed + 2)
    kinds = {k.code: k for k in ListKind.objects.all()}
    taken = set(ListEntry.objects.values_list("subject_id", flat=True))
    ids = [pk for pk in Subject.objects.values_list("id", flat=True) if pk not in taken]
    chosen = rng.sample(ids, args.entries - present)
    today = timezone.localdate()
    entries = []
    for number, subject_id in enumerate(chosen, start=present):
        kind = kinds[rng.choices(["serious_dishonesty", "watch_list", "red_list", "market_ban"], [60, 25, 10, 5])[0]]
        start = today - dt.timedelta(days=rng.randrange(1, 700))
        entries.append(ListEntry(kind=kind, subject_id=subject_id, state="published", reason="基准测试",
                                 decision_number=f"BENCH信〔2026〕{number}号", decided_on=start, start=start,
                                 end=start + dt.timedelta(days=365 * 3), published_on=start))
    ListEntry.objects.bulk_create(entries, batch_size=5000)
    print(f"setup: {len(entries):,} list entries in {time.perf_counter() - started:.0f} s")


def batch_file(args, path: Path) -> int:
    from publiccredit.core.crypto import decrypt_text
    from publiccredit.core.identifiers import make_uscc
    from publiccredit.subjects.models import Subject

    rng = random.Random(args.seed + 3)
    persons = max(1, args.batch // 10)
    org_rows = list(Subject.objects.exclude(kind="natural_person").values_list("uscc", "name"))
    sample = rng.sample(org_rows, min(len(org_rows), args.batch - persons))
    ciphers = list(Subject.objects.filter(kind="natural_person").values_list("id_cipher", flat=True)[: persons * 3])
    person_ids = [decrypt_text(c) for c in rng.sample(ciphers, min(len(ciphers), persons))]
    rows = []
    for uscc, name in sample:
        roll = rng.random()
        if roll < 0.03:
            rows.append((make_uscc("91", "361102", f"BX{rng.randrange(10**6):06d}"), ""))
        elif roll < 0.05:
            rows.append(("", name))
        else:
            rows.append((uscc, ""))
    rows += [(number, "") for number in person_ids]
    rng.shuffle(rows)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["代码", "名称"])
        writer.writerows(rows)
    return len(rows)


def bench_batch(args, user, matter) -> None:
    from django.db import reset_queries

    from publiccredit.sanctions.files import read_subjects
    from publiccredit.sanctions.services import MAX_FILE_SUBJECTS, parse_subjects, run_screening

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "applicants.csv"
        size = batch_file(args, path)
        totals, phases = [], []
        for _ in range(args.repeat):
            reset_queries()
            started = time.perf_counter()
            subjects = read_subjects(path, original_name="applicants.csv", limit=MAX_FILE_SUBJECTS)
            read = time.perf_counter()
            asks = parse_subjects(subjects, limit=MAX_FILE_SUBJECTS, strict=False)
            parsed = time.perf_counter()
            result = run_screening(matter=matter, asks=asks, actor=user, organization=user.organization,
                                   channel="file", file_name="applicants.csv")
            done = time.perf_counter()
            totals.append(done - started)
            phases.append((read - started, parsed - read, done - parsed))
        s = result.screening
        print(f"\nbatch of {size:,} subjects against {args.subjects_present:,} subjects, {args.entries_present:,} "
              f"entries, {args.records_present:,} penalties ({args.repeat} runs)")
        print(f"found {s.found:,}, not found {s.not_found:,}, invalid {s.invalid:,}, hits {s.hits:,}, "
              f"related hits {s.related_hits:,}, measures {s.measures:,}")
        print("| run | read file s | parse+check s | compare+store+audit s | total s |")
        print("| --- | --- | --- | --- | --- |")
        for number, (total, (a, b, c)) in enumerate(zip(totals, phases, strict=True), start=1):
            print(f"| {number} | {a:.2f} | {b:.2f} | {c:.2f} | {total:.2f} |")
        print(f"median total: {statistics.median(totals):.2f} s")

        asks = parse_subjects(read_subjects(path, original_name="applicants.csv", limit=MAX_FILE_SUBJECTS)[: args.naive],
                              limit=MAX_FILE_SUBJECTS, strict=False)
        started = time.perf_counter()
        naive(asks, matter)
        elapsed = time.perf_counter() - started
        scaled = elapsed / len(asks) * size
        print(f"naive (one subject at a time through the ORM): {len(asks):,} subjects in {elapsed:.2f} s → "
              f"{scaled:.0f} s scaled to {size:,} ({scaled / statistics.median(totals):.0f}× the batch path)")


def naive(asks, matter) -> None:
    """What a straightforward implementation does: every fact of every subject by its own ORM query."""
    from django.utils import timezone

    from publiccredit.collection.models import CreditRecord
    from publiccredit.core.crypto import lookup_hash
    from publiccredit.lists.models import ListEntry
    from publiccredit.sanctions.models import Measure
    from publiccredit.subjects.models import Representative, Subject
    from publiccredit.subjects.names import normalize_name

    today = timezone.localdate()
    for ask in asks:
        if ask.problem:
            continue
        if ask.code_kind == "uscc":
            subject = Subject.objects.filter(uscc=ask.code).first()
        elif ask.code_kind == "citizen_id":
            subject = Subject.objects.filter(id_hash=lookup_hash(ask.code)).first()
        else:
            subject = Subject.objects.filter(name_normalized=normalize_name(ask.name)).first()
        if subject is None:
            continue
        entries = list(ListEntry.objects.filter(subject=subject, state="published", start__lte=today)
                       .select_related("kind"))
        records = list(CreditRecord.objects.filter(subject=subject, item__nature="negative",
                                                   state__in=["active", "objection"]).select_related("item"))
        list(Representative.objects.filter(organization=subject, until__isnull=True))
        list(Representative.objects.filter(person=subject, until__isnull=True))
        if entries or records:
            for measure in Measure.objects.filter(matters=matter, is_active=True).prefetch_related("list_kinds",
                                                                                                  "record_items"):
                kinds = {k.pk for k in measure.list_kinds.all()}
                items = {i.pk for i in measure.record_items.all()}
                _ = [e for e in entries if e.kind_id in kinds] + [r for r in records if r.item_id in items]


def bench_single(args, token_secret: str, codes: list[str]) -> None:
    from django.test import Client

    client = Client()
    headers = {"HTTP_AUTHORIZATION": f"Bearer {token_secret}"}
    rng = random.Random(args.seed + 4)

    def once(code):
        started = time.perf_counter()
        response = client.post("/api/v1/screening/", {"matter": "gov_procurement", "subjects": [{"code": code}]},
                               content_type="application/json", **headers)
        assert response.status_code == 201, response.content[:300]
        return time.perf_counter() - started

    for _ in range(50):
        once(rng.choice(codes))
    timings = sorted(once(rng.choice(codes)) for _ in range(args.single))
    p50 = timings[len(timings) // 2]
    p95 = timings[min(len(timings) - 1, round(0.95 * (len(timings) - 1)))]
    print(f"\nsingle-subject request (API through the test client, {args.single} requests): "
          f"p50 {p50 * 1000:.1f} ms, p95 {p95 * 1000:.1f} ms")
    return p50


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--subjects", type=int, default=1_000_000)
    parser.add_argument("--entries", type=int, default=50_000)
    parser.add_argument("--records", type=int, default=200_000)
    parser.add_argument("--batch", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--naive", type=int, default=2_000)
    parser.add_argument("--single", type=int, default=500)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--skip-batch", action="store_true", help="only the single-subject requests")
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "publiccredit.settings")
    import django

    django.setup()
    from django.db import connection

    if connection.vendor != "postgresql":
        print("This benchmark needs PostgreSQL: set DATABASE_URL (see bench/README.md).", file=sys.stderr)
        sys.exit(2)
    setup(args)

    from publiccredit.accounts.models import User
    from publiccredit.accounts.roles import Role
    from publiccredit.accounts.services import create_user, issue_token
    from publiccredit.collection.models import CreditRecord
    from publiccredit.lists.models import ListEntry
    from publiccredit.organizations.models import Organization
    from publiccredit.sanctions.models import Matter
    from publiccredit.subjects.models import Subject

    finance = Organization.objects.get(short_name="市财政局")
    user = User.objects.filter(username="bench-screening").first() or create_user(
        username="bench-screening", role=Role.REGULATOR, organization=finance, full_name="基准测试")
    matter = Matter.objects.get(code="gov_procurement")
    args.subjects_present = Subject.objects.count()
    args.entries_present = ListEntry.objects.filter(state="published").count()
    args.records_present = CreditRecord.objects.filter(item__code="penalty").count()
    issued = issue_token(organization=finance, name=f"bench-{uuid.uuid4().hex[:6]}", scopes=["screening:write"])
    codes = list(ListEntry.objects.filter(subject__kind="legal_person").values_list("subject__uscc", flat=True)[:500])
    codes += list(Subject.objects.exclude(kind="natural_person").values_list("uscc", flat=True)[:500])
    bench_single(args, issued.secret, codes)  # first: the batch leaves a large heap and fresh rows to vacuum
    if not args.skip_batch:
        bench_batch(args, user, matter)


if __name__ == "__main__":
    main()
