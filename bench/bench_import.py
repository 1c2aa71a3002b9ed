"""Benchmark: importing a penalty CSV end to end (parse, validate, link, upsert, versions, report).

    make bench-import                       # 1,000,000 rows on PostgreSQL (see bench/README.md)
    .venv/bin/python bench/bench_import.py --rows 1000000 --naive-rows 20000 --pool 50000

It needs DATABASE_URL pointing at an empty PostgreSQL database (created with LC_CTYPE 'C.UTF-8'); without it a
temporary SQLite file is used. Steps: migrate; register a pool of subjects (not timed); write a CSV of penalties
whose parties come from the pool (5% unknown codes that intake registers, ~1% bad rows); time
`publiccredit import --json` in a child process (wall time and peak RSS of that process), each run starting from the
same state (registry in place, collection tables empty); optionally (``--grow``) once more into the tables as left;
then time the plain per-row ORM path on ``--naive-rows`` rows of another file, from the same starting state.
Medians over ``--repeat``.
"""

import argparse
import csv
import json
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def setup_django(home: str) -> None:
    os.environ.setdefault("PUBLICCREDIT_HOME", home)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "publiccredit.settings")
    import django

    django.setup()


HEADERS = ["CF_WSH", "CF_XDR_MC", "CF_XDR_LB", "CF_XDR_SHXYM", "CF_XDR_ZJLX", "CF_XDR_ZJHM", "CF_FRDB", "CF_WFXW",
           "CF_SY", "CF_YJ", "CF_CFLB", "CF_NR", "CF_NR_FK", "CF_JDRQ", "CF_YXQ", "CF_CFJG", "CF_CFJGDM", "CF_SJLY",
           "CF_SJLYDM", "BZ"]


def write_penalties(path: Path, rows: int, pool: list[tuple[str, str, str]], provider, seed: int, tag: str) -> None:
    """pool: (kind, code, name). Writes ``rows`` penalties, ~1% of them bad in one way or another."""
    import datetime as dt

    from publiccredit.demo.generators import DemoCity

    rng = random.Random(seed)
    fresh = DemoCity(seed + 7)
    categories = [["罚款"], ["警告", "罚款"], ["警告"], ["罚款", "没收违法所得"], ["罚款", "吊销许可证件"]]
    base = dt.date(2024, 1, 1)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADERS)
        for number in range(1, rows + 1):
            if rng.random() < 0.05:
                organization = fresh.organization()
                kind, code, name = organization.kind, organization.uscc, organization.name
            else:
                kind, code, name = rng.choice(pool)
            decision = base + dt.timedelta(days=rng.randrange(0, 690))
            category = rng.choice(categories)
            fine = "" if category == ["警告"] else str(rng.choice([0.2, 0.5, 1, 2, 5, 10, 50, 120]))
            person = kind == "natural_person"
            row = [f"饶{tag}罚〔{decision.year}〕{number}号", name, "自然人" if person else "法人及非法人组织",
                   "" if person else code, "身份证" if person else "", code if person else "",
                   "" if person else "张三", "违反市场监督管理法规", "经查，当事人存在违法行为，证据确凿。",
                   "《中华人民共和国行政处罚法》第二十八条", ";".join(category), "依法作出处罚", fine,
                   decision.isoformat(), (decision + dt.timedelta(days=1095)).isoformat(), provider.name, provider.code,
                   provider.name, provider.code, ""]
            if rng.random() < 0.01:  # the kinds of mistakes departments make
                mistake = rng.randrange(4)
                if mistake == 0:
                    row[13] = "2024-02-30"
                elif mistake == 1:
                    row[12] = "-1"
                elif mistake == 2:
                    row[16] = provider.code[:-1] + ("0" if provider.code[-1] != "0" else "1")
                else:
                    row[8] = ""
            writer.writerow(row)


def naive_import(path: Path, item, provider, limit: int) -> float:
    """The plain per-row ORM path: check a row, look its subject up, get the record by key, save, add a version."""
    import datetime as dt
    import hashlib

    from django.db import transaction
    from django.utils import timezone

    from publiccredit.collection.models import Batch, BatchError, CreditRecord, RecordVersion
    from publiccredit.collection.validation import ItemSchema
    from publiccredit.core.crypto import lookup_hash
    from publiccredit.subjects.models import Subject

    schema = ItemSchema(item.current_version.schema)
    batch = Batch.objects.create(item=item, item_version=item.current_version, provider=provider, channel="cli")
    today = dt.date.today()
    started = time.perf_counter()
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle)
        columns, _ = schema.map_headers(next(reader))
        for number, cells in enumerate(reader, start=1):
            if number > limit:
                break
            raw = {code: cells[i] for i, code in enumerate(columns) if code}
            row, errors = schema.check(number, raw, today=today)
            with transaction.atomic():
                if row is None:
                    for error in errors:
                        BatchError.objects.create(batch=batch, **error.as_dict())
                    continue
                if row.party_uscc:
                    subject = Subject.objects.filter(uscc=row.party_uscc).first()
                else:
                    subject = Subject.objects.filter(id_hash=lookup_hash(row.party_citizen_id)).first()
                key = hashlib.blake2b(f"{provider.code}|{row.values['CF_WSH']}|{row.party_uscc or row.party_citizen_id}"
                                      .encode(), digest_size=16).hexdigest()
                content = hashlib.blake2b(json.dumps(row.values, ensure_ascii=False, sort_keys=True).encode(),
                                          digest_size=16).hexdigest()
                record = CreditRecord.objects.filter(key_hash=key).first()
                now = timezone.now()
                if record is None:
                    record = CreditRecord.objects.create(
                        item=item, item_version=item.current_version, provider=provider, subject=subject, key_hash=key,
                        decision_number=row.values["CF_WSH"], party_name=row.values["CF_XDR_MC"],
                        party_name_normalized=row.values["CF_XDR_MC"], party_kind=row.party_kind, payload=row.values,
                        content_hash=content, decision_date=row.values["CF_JDRQ"], received_at=now, updated_at=now,
                        batch=batch)
                    RecordVersion.objects.create(record=record, number=1, change="created", payload=row.values,
                                                 content_hash=content, batch=batch, recorded_at=now)
                elif record.content_hash != content:
                    record.payload, record.content_hash, record.version = row.values, content, record.version + 1
                    record.save()
                    RecordVersion.objects.create(record=record, number=record.version, change="corrected",
                                                 payload=row.values, content_hash=content, batch=batch, recorded_at=now)
    return min(limit, number) / (time.perf_counter() - started)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--naive-rows", type=int, default=20_000)
    parser.add_argument("--pool", type=int, default=50_000, help="subjects registered before the import")
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--keep", action="store_true", help="keep the generated files")
    parser.add_argument("--grow", action="store_true", help="also time one import into the tables left full")
    args = parser.parse_args()
    home = tempfile.mkdtemp(prefix="publiccredit-bench-import-")
    setup_django(home)
    from django.core.management import call_command
    from django.db import connection

    call_command("migrate", verbosity=0)
    from publiccredit.catalog.models import CatalogItem
    from publiccredit.demo.services import seed_subjects
    from publiccredit.organizations.models import Organization
    from publiccredit.subjects.models import Subject

    provider = Organization.objects.get(name="上饶市市场监督管理局")
    item = CatalogItem.objects.get(code="penalty")
    started = time.perf_counter()
    seed_subjects(count=args.pool, seed=77)
    print(f"pool of {args.pool} subjects registered in {time.perf_counter() - started:.1f} s (not timed)")
    from publiccredit.core.crypto import decrypt_text

    pool = [(k, u, n) for k, u, n in Subject.objects.exclude(kind="natural_person").values_list("kind", "uscc", "name")]
    pool += [("natural_person", decrypt_text(c), n)
             for c, n in Subject.objects.filter(kind="natural_person").values_list("id_cipher", "name")[:20000]]

    def empty_collection_tables() -> None:
        """Each run starts from the same state: the registry in place, no records yet."""
        from publiccredit.collection.models import Batch, BatchError, CreditRecord, RecordVersion
        from publiccredit.events.models import OutboxEvent

        tables = [m._meta.db_table for m in (RecordVersion, CreditRecord, BatchError, Batch, OutboxEvent)]
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                # CASCADE: list entries, repairs and objections that reference records go as well
                cursor.execute(f"TRUNCATE {', '.join(tables)} CASCADE")
            else:
                for table in tables:
                    cursor.execute(f"DELETE FROM {table}")

    rates, peaks = [], []
    for run in range(args.repeat):
        empty_collection_tables()
        path = Path(home) / f"penalties-{run}.csv"
        write_penalties(path, args.rows, pool, provider, seed=run, tag=f"R{run}")
        env = {**os.environ, "PUBLICCREDIT_HOME": home}
        before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        started = time.perf_counter()
        completed = subprocess.run([sys.executable, "-m", "publiccredit.cli", "import", str(path), "--item", "penalty",
                                    "--provider", provider.code, "--json"], env=env, capture_output=True, text=True)
        elapsed = time.perf_counter() - started
        if completed.returncode != 0:
            print(completed.stderr[-3000:])
            raise SystemExit("import failed")
        report = json.loads(completed.stdout)
        peak_kib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        peaks.append(max(peak_kib, before) / 1024)
        rates.append(report["total"] / elapsed)
        print(f"run {run + 1}: {report['total']:,} rows in {elapsed:.1f} s = {report['total'] / elapsed:,.0f} rows/s; "
              f"accepted {report['accepted']:,} (created {report['created']:,}), rejected {report['rejected']:,}; "
              f"peak RSS {peaks[-1]:,.0f} MiB")
        if not args.keep:
            path.unlink()

    grown = None
    if args.grow:  # one more run into the tables as the last run left them: a city's database keeps growing
        path = Path(home) / "penalties-grow.csv"
        write_penalties(path, args.rows, pool, provider, seed=args.repeat, tag="G")
        started = time.perf_counter()
        subprocess.run([sys.executable, "-m", "publiccredit.cli", "import", str(path), "--item", "penalty",
                        "--provider", provider.code, "--json"], env={**os.environ, "PUBLICCREDIT_HOME": home},
                       capture_output=True, text=True, check=True)
        grown = args.rows / (time.perf_counter() - started)
        path.unlink()

    empty_collection_tables()
    naive_path = Path(home) / "naive.csv"
    write_penalties(naive_path, args.naive_rows, pool, provider, seed=999, tag="N")
    naive = naive_import(naive_path, item, provider, args.naive_rows)
    fast = statistics.median(rates)
    print(f"database: {connection.vendor}")
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT name, setting, unit FROM pg_settings WHERE name IN "
                           "('shared_buffers', 'max_wal_size', 'checkpoint_timeout', 'synchronous_commit')")
            print("server settings:", ", ".join(f"{n}={v}{u or ''}" for n, v, u in cursor.fetchall()))
    print(f"import (publiccredit import, {args.rows:,} rows): median {fast:,.0f} rows/s over {args.repeat} run(s); "
          f"peak RSS {max(peaks):,.0f} MiB")
    if grown:
        print(f"import into tables already holding {args.rows:,} records: {grown:,.0f} rows/s")
    print(f"naive per-row ORM path ({args.naive_rows:,} rows, same starting state): {naive:,.0f} rows/s")
    print(f"ratio: {fast / naive:.1f}x")


if __name__ == "__main__":
    main()
