"""Benchmark: signing a credit commitment and deciding 容缺受理 at city scale, credit checks included (PostgreSQL).

Run: make bench-commitments  (or: .venv/bin/python bench/bench_commitments.py --asks 500)
with DATABASE_URL pointing at a database seeded by `make bench-portal` or `make bench-screening` (1,000,000
subjects with records and list entries; see bench/README.md).

Setup (not timed): migrate; a 告知承诺 and a 容缺受理 template of the market regulator. Timed, each call on its own:
`sign_commitment` (API channel: eligibility rules — lists in force, serious records in force, past breaches, grade —,
the number, the insert, the audit entry and the event) and `decide_green_channel` (the same checks, the commitment
signed, the decision kept) for --asks random organisations each; p50 and p95 of each; and the eligibility rules
alone. The naive path in the same run, on the same subjects: the eligibility decided in Python from every record,
list entry and commitment of the subject read whole (what a check without the rules' indexed reads costs).
"""

import argparse
import os
import random
import statistics
import sys
import time


def templates():
    from publiccredit.commitments.models import CommitmentTemplate
    from publiccredit.organizations.models import Organization

    regulator = Organization.objects.get(name="上饶市市场监督管理局")
    common = {"department": regulator, "reason": "基准测试", "content": "承诺符合条件。", "liability": "违诺记入信用记录。"}
    approval, _ = CommitmentTemplate.objects.get_or_create(code="bench-approval", defaults={
        **common, "matter_code": "BENCH-1", "matter_name": "基准测试事项（告知承诺）", "type": "1", "title": "告知承诺书"})
    tolerance, _ = CommitmentTemplate.objects.get_or_create(code="bench-tolerance", defaults={
        **common, "matter_code": "BENCH-2", "matter_name": "基准测试事项（容缺受理）", "type": "2", "title": "容缺受理承诺书"})
    return approval, tolerance


def naive_eligible(subject, today) -> bool:
    from publiccredit.collection.models import CreditRecord
    from publiccredit.commitments.models import Commitment
    from publiccredit.lists.models import ListEntry

    records = list(CreditRecord.objects.filter(subject=subject).select_related("item"))
    entries = list(ListEntry.objects.filter(subject=subject).select_related("kind"))
    commitments = list(Commitment.objects.filter(subject=subject))
    listed = any(e.kind.category in ("dishonest", "ban") and e.state == "published" and e.start and e.start <= today
                 and (e.end is None or e.end >= today) for e in entries)
    serious = any(r.severity == "serious" and r.state == "active" and r.item.nature == "negative"
                  and (r.publicity_end is None or r.publicity_end >= today) for r in records)
    breached = any(c.fulfilment in ("partial", "none") for c in commitments)
    return not (listed or serious or breached)


def percentile(values, share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--asks", type=int, default=500)
    parser.add_argument("--seed", type=int, default=11)
    args = parser.parse_args()
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        sys.exit("请设置 DATABASE_URL 指向 PostgreSQL 基准数据库，见 bench/README.md")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "publiccredit.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.utils import timezone

    from publiccredit.commitments.services import decide_green_channel, eligibility_reasons, sign_commitment
    from publiccredit.core.errors import DomainError
    from publiccredit.subjects.models import Subject

    call_command("migrate", verbosity=0)
    approval, tolerance = templates()
    today = timezone.localdate()
    top = Subject.objects.filter(kind="legal_person", status="active").order_by("-id").values_list("id", flat=True)[0]
    chooser = random.Random(args.seed)
    ids = sorted({chooser.randrange(1, top) for _ in range(args.asks * 3)})
    subjects = list(Subject.objects.filter(pk__in=ids, kind="legal_person", status="active"))[:args.asks * 2]
    print(f"{Subject.objects.count():,} subjects; {len(subjects)} random organisations")
    timings = {"sign": [], "green": [], "rules": [], "naive": []}
    refused = {"sign": 0, "green": 0}
    for position, subject in enumerate(subjects):
        started = time.perf_counter()
        naive_eligible(subject, today)
        timings["naive"].append(time.perf_counter() - started)
        started = time.perf_counter()
        eligibility_reasons(subject=subject, template=tolerance, today=today)
        timings["rules"].append(time.perf_counter() - started)
        if position % 2 == 0:
            started = time.perf_counter()
            try:
                sign_commitment(template=approval, subject=subject, actor=None, channel="api",
                                case_reference=f"bench-{time.time_ns()}")
            except DomainError:  # a refusal (not eligible) is a decision too: timed alike
                refused["sign"] += 1
            timings["sign"].append(time.perf_counter() - started)
        else:
            started = time.perf_counter()
            decision = decide_green_channel(subject=subject, template=tolerance, missing=["检验报告"], actor=None,
                                            case_reference=f"bench-{time.time_ns()}")
            refused["green"] += not decision.eligible
            timings["green"].append(time.perf_counter() - started)
    print("| path | calls | p50 ms | p95 ms | refused |")
    print("| --- | --- | --- | --- | --- |")
    for name, label in (("sign", "sign_commitment (告知承诺)"), ("green", "decide_green_channel (容缺受理)"),
                        ("rules", "eligibility_reasons alone (5 rules)"),
                        ("naive", "naive eligibility (rows read whole)")):
        values = timings[name]
        print(f"| {label} | {len(values)} | {statistics.median(values) * 1000:.1f} | "
              f"{percentile(values, 0.95) * 1000:.1f} | {refused.get(name, '—')} |")


if __name__ == "__main__":
    main()
