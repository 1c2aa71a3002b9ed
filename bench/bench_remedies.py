"""Benchmark: the repair and objection queues, statistics and deadline reminders at city scale (PostgreSQL).

Run: make bench-remedies  (or: .venv/bin/python bench/bench_remedies.py --subjects 200000 --applications 100000
--objections 100000) with DATABASE_URL pointing at a PostgreSQL database created with LC_CTYPE 'C.UTF-8'.

Setup (not timed, skipped when already done): migrate; seed the demo city to --subjects subjects; bulk-insert one
penalty record per application and per objection, spread over the city's departments, decided in the last 700 days;
--applications repair applications (30% open: submitted/accepted/returned; 50% approved, 15% refused, 5% withdrawn;
a share of the approved not yet acknowledged) and --objections objections (20% open, the rest decided), each with
deadlines in working days so that some are overdue; a credit-office handler and a clerk in every department.

Timed, median of --repeat runs, through Django's test client where a page is measured (auth, query, template):
- the credit office's open repair queue (first page of 50, overdue marks), a department's open objection queue;
- the statistics page over the default 365 days (outcomes, overdue, median/longest working days, by department),
  and in the same run the naive path: every application and objection of the period loaded as objects, counted and
  checked in Python, working days counted day by day;
- the back-office dashboard (overdue counts);
- the daily deadline reminders (one message per clerk with due or overdue items; today's removed between runs).
"""

import argparse
import datetime as dt
import os
import random
import statistics
import sys
import time
import uuid
from pathlib import Path


def seed(args) -> None:
    from django.core.management import call_command
    from django.db import connection

    sys.path.insert(0, str(Path(__file__).parent))
    from bench_portal import seed_subjects

    call_command("migrate", verbosity=0)
    seed_subjects(args.subjects, args.seed)
    seed_people()
    seed_records(args)
    seed_repairs(args)
    seed_objections(args)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def departments():
    from publiccredit.organizations.models import Organization

    return list(Organization.objects.filter(kind="department").order_by("pk")) or list(
        Organization.objects.order_by("pk"))


def seed_people() -> None:
    from publiccredit.accounts.models import User
    from publiccredit.accounts.roles import Role
    from publiccredit.accounts.services import create_user
    from publiccredit.organizations.models import Organization

    if User.objects.filter(username="bench-window").exists():
        return
    office = Organization.objects.get(name="上饶市发展和改革委员会")
    create_user(username="bench-window", role=Role.CREDIT_OFFICE, organization=office, password="Bench-2026!",
                full_name="修复窗口", email="bench-window@bench.invalid")
    for org in departments():
        create_user(username=f"bench-clerk-{org.pk}", role=Role.PROVIDER_CLERK, organization=org,
                    password="Bench-2026!", full_name=f"{org.short_name or org.name}经办人",
                    email=f"bench-clerk-{org.pk}@bench.invalid")


def seed_records(args) -> None:
    from django.utils import timezone

    from publiccredit.catalog.models import CatalogItem
    from publiccredit.collection.models import Batch, CreditRecord
    from publiccredit.core.bulk import insert_rows
    from publiccredit.subjects.models import Subject

    wanted = args.applications + args.objections
    item = CatalogItem.objects.get(code="penalty")
    present = CreditRecord.objects.filter(decision_number__startswith="REMEDY").count()
    if present >= wanted:
        return
    started = time.perf_counter()
    rng = random.Random(args.seed + 1)
    orgs = departments()
    batches = {org.pk: Batch.objects.create(item=item, item_version=item.current_version, provider=org, channel="cli",
                                            file_name="bench-remedies", status="done") for org in orgs}
    subjects = list(Subject.objects.exclude(kind="natural_person").values_list("id", "name")[:200_000])
    today, now = timezone.localdate(), timezone.now()
    columns = ["item_id", "item_version_id", "provider_id", "subject_id", "key_hash", "decision_number", "party_name",
               "party_name_normalized", "party_kind", "party_code", "payload", "protected", "content_hash",
               "decision_date", "received_at", "updated_at", "severity", "published", "publicity_start",
               "repairable_from", "publicity_end", "state", "version", "batch_id"]
    rows = []
    for number in range(present, wanted):
        org = rng.choice(orgs)
        subject_id, name = rng.choice(subjects)
        decided = today - dt.timedelta(days=rng.randrange(100, 800))
        rows.append([item.pk, item.current_version_id, org.pk, subject_id, uuid.uuid4(), f"REMEDY罚〔2026〕{number}号",
                     name, name, "legal_person", "", {"CF_CFLB": "罚款", "CF_NR": "罚款"}, {}, uuid.uuid4().hex,
                     decided, now, now, "general", True, decided, decided + dt.timedelta(days=90),
                     decided + dt.timedelta(days=365), "active", 1, batches[org.pk].pk])
        if len(rows) == 20_000:
            insert_rows(CreditRecord, columns, rows)
            rows = []
    insert_rows(CreditRecord, columns, rows)
    print(f"setup: {wanted - present:,} penalty records in {time.perf_counter() - started:.0f} s")


def _records(offset: int, count: int):
    from publiccredit.collection.models import CreditRecord

    return list(CreditRecord.objects.filter(decision_number__startswith="REMEDY").order_by("pk")
                .values_list("pk", "subject_id", "provider_id")[offset:offset + count])


def _moment(rng, today: dt.date, days_back: int) -> dt.datetime:
    from django.utils import timezone

    day = today - dt.timedelta(days=days_back)
    return timezone.make_aware(dt.datetime(day.year, day.month, day.day, rng.randrange(8, 18), rng.randrange(60)))


def seed_repairs(args) -> None:
    from django.utils import timezone

    from publiccredit.repair.models import RepairApplication
    from publiccredit.workdays.services import add_working_days

    if RepairApplication.objects.filter(number__startswith="XB").count() >= args.applications:
        return
    started = time.perf_counter()
    rng = random.Random(args.seed + 2)
    today = timezone.localdate()
    rows = []
    for number, (record_id, subject_id, _) in enumerate(_records(0, args.applications)):
        roll = rng.random()
        back = rng.randrange(0, 20) if roll < 0.30 else rng.randrange(15, 700)
        submitted = _moment(rng, today, back)
        decide_by = add_working_days(submitted.date(), 10)
        state = ("submitted" if roll < 0.10 else "accepted" if roll < 0.25 else "returned" if roll < 0.30
                 else "approved" if roll < 0.80 else "refused" if roll < 0.95 else "withdrawn")
        application = RepairApplication(
            number=f"XB{number:012d}", query_code_hash=uuid.uuid4().hex, record_id=record_id, subject_id=subject_id,
            state=state, channel="portal", applicant_name="基准测试企业", contact_name="联系人",
            contact_phone="13800000000", statement="已履行", commitment="承诺", submitted_at=submitted,
            decide_by=decide_by)
        if state in ("approved", "refused"):
            application.decided_at = submitted + dt.timedelta(days=rng.randrange(1, 16))
            application.decision_reason = "基准测试"
        if state == "approved":
            application.push_by = add_working_days(application.decided_at.date(), 3)
            if rng.random() < 0.97:
                application.pushed_at = application.decided_at + dt.timedelta(days=rng.randrange(0, 5))
        rows.append(application)
    RepairApplication.objects.bulk_create(rows, batch_size=5000)
    print(f"setup: {len(rows):,} repair applications in {time.perf_counter() - started:.0f} s")


def seed_objections(args) -> None:
    from django.utils import timezone

    from publiccredit.objections.models import Objection
    from publiccredit.workdays.services import add_working_days

    if Objection.objects.filter(number__startswith="YB").count() >= args.objections:
        return
    started = time.perf_counter()
    rng = random.Random(args.seed + 3)
    today = timezone.localdate()
    rows = []
    for number, (record_id, _, provider_id) in enumerate(_records(args.applications, args.objections)):
        roll = rng.random()
        back = rng.randrange(0, 12) if roll < 0.20 else rng.randrange(10, 700)
        filed = _moment(rng, today, back)
        state = ("flagged" if roll < 0.20 else "upheld" if roll < 0.60 else "corrected" if roll < 0.85
                 else "withdrawn" if roll < 0.95 else "rejected")
        objection = Objection(
            number=f"YB{number:012d}", query_code_hash=uuid.uuid4().hex, record_id=record_id, provider_id=provider_id,
            state=state, filer_kind="concerned", filer_name="基准测试", contact_phone="13800000000",
            reasons="基准测试", record_state_before="active", record_version_filed=1, filed_at=filed,
            flag_by=add_working_days(filed.date(), 1), flagged_at=filed, decide_by=add_working_days(filed.date(), 5))
        if state != "flagged":
            objection.decided_at = filed + dt.timedelta(days=rng.randrange(1, 12))
            objection.decision_reason = "基准测试"
        rows.append(objection)
    Objection.objects.bulk_create(rows, batch_size=5000)
    print(f"setup: {len(rows):,} objections in {time.perf_counter() - started:.0f} s")


def naive_statistics(since: dt.date, until: dt.date) -> dict:
    """What a first version would do: load the period's rows as objects and count in Python, day by day."""
    from django.utils import timezone

    from publiccredit.objections.models import Objection
    from publiccredit.repair.models import RepairApplication
    from publiccredit.repair.queries import is_overdue
    from publiccredit.workdays.services import is_working_day

    def days(start, end):
        start, end = timezone.localtime(start).date(), timezone.localtime(end).date()
        count, day = 0, start
        while day < end:
            day += dt.timedelta(days=1)
            count += is_working_day(day)
        return count

    result = {}
    for name, model, field in (("repairs", RepairApplication, "submitted_at"), ("objections", Objection, "filed_at")):
        by_state, overdue, spent, providers = {}, 0, [], {}
        for row in model.objects.filter(**{f"{field}__date__gte": since, f"{field}__date__lte": until}).select_related(
                "record__provider"):
            by_state[row.state] = by_state.get(row.state, 0) + 1
            overdue += is_overdue(row) if model is RepairApplication else bool(
                row.is_open and row.decide_by < timezone.localdate())
            if row.decided_at:
                spent.append(days(getattr(row, field), row.decided_at))
            providers[row.record.provider.name] = providers.get(row.record.provider.name, 0) + 1
        spent.sort()
        result[name] = {"by_state": by_state, "overdue": overdue, "median": spent[len(spent) // 2] if spent else None}
    return result


def timed(label: str, func, repeat: int, before=None) -> float:
    runs = []
    for _ in range(repeat):
        if before:
            before()
        started = time.perf_counter()
        func()
        runs.append(time.perf_counter() - started)
    median = statistics.median(runs)
    print(f"{label}: median {median * 1000:,.1f} ms of {repeat} ({', '.join(f'{r * 1000:,.1f}' for r in runs)})")
    return median


def measure(args) -> None:
    from django.db.models import Count
    from django.test import Client
    from django.utils import timezone

    from publiccredit.accounts.models import User
    from publiccredit.notifications.models import Notification
    from publiccredit.notifications.services import remind_deadlines
    from publiccredit.objections.models import Objection
    from publiccredit.repair.models import RepairApplication
    from publiccredit.repair.queries import statistics_window

    window = User.objects.get(username="bench-window")
    busiest = (Objection.objects.filter(state__in=Objection.OPEN_STATES).values("provider_id")
               .annotate(n=Count("id")).order_by("-n").first())
    clerk = User.objects.get(username=f"bench-clerk-{busiest['provider_id']}")
    print(f"data: {RepairApplication.objects.count():,} repair applications "
          f"({RepairApplication.objects.filter(state__in=RepairApplication.OPEN_STATES).count():,} open), "
          f"{Objection.objects.count():,} objections ({Objection.objects.filter(state__in=Objection.OPEN_STATES).count():,} open; "
          f"busiest department {busiest['n']:,} open)")

    office, department = Client(), Client()
    office.force_login(window)
    department.force_login(clerk)

    def page(client, url):
        def get():
            response = client.get(url)
            assert response.status_code == 200, (url, response.status_code)
        return get

    page(office, "/backoffice/repairs/?state=open")()  # warm-up: templates, calendar cache
    results = {
        "repair queue (credit office, open, page 1)": timed(
            "repair queue (credit office, open, page 1)", page(office, "/backoffice/repairs/?state=open"), args.repeat),
        "objection queue (busiest department, open, page 1)": timed(
            "objection queue (busiest department, open, page 1)", page(department, "/backoffice/objections/?state=open"),
            args.repeat),
        "statistics page (365 days)": timed(
            "statistics page (365 days)", page(office, "/backoffice/repairs/statistics/"), args.repeat),
        "dashboard (overdue counts)": timed("dashboard (overdue counts)", page(office, "/backoffice/"), args.repeat),
    }
    since, until = statistics_window(None, None)
    naive = timed("naive statistics (objects in Python, day-by-day working days)",
                  lambda: naive_statistics(since, until), max(1, args.repeat // 2))
    today = timezone.localdate()

    def forget_today():
        Notification.objects.filter(key__startswith=f"remind:{today:%Y%m%d}:").delete()

    timed("daily deadline reminders", lambda: remind_deadlines(today=today), args.repeat, before=forget_today)
    sent = Notification.objects.filter(topic="deadlines.reminder", key__startswith=f"remind:{today:%Y%m%d}:").count()
    print(f"reminder messages for the day: {sent:,}")
    print(f"statistics: naive / platform = {naive / results['statistics page (365 days)']:.1f}x")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--subjects", type=int, default=200_000)
    parser.add_argument("--applications", type=int, default=100_000)
    parser.add_argument("--objections", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--seed", type=int, default=11)
    args = parser.parse_args()
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "publiccredit.settings")
    os.environ.setdefault("PUBLICCREDIT_SMS_BACKEND", "sms.backends.dummy.SmsBackend")
    os.environ.setdefault("PUBLICCREDIT_EMAIL_BACKEND", "django.core.mail.backends.dummy.EmailBackend")
    import django

    django.setup()
    from django.db import connection

    if connection.vendor != "postgresql":
        sys.exit("bench_remedies measures PostgreSQL: set DATABASE_URL (see bench/README.md)")
    seed(args)
    measure(args)


if __name__ == "__main__":
    main()
