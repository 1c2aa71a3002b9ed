"""Benchmark: issuing credit reports — PDF and SM2 signature — for a subject with 50 records (PostgreSQL).

Run: make bench-reports  (or: .venv/bin/python bench/bench_reports.py --repeat 15 --concurrent 20)
with DATABASE_URL pointing at a PostgreSQL database (the `make bench-screening` one, or any migrated one: the setup
adds what it needs; see bench/README.md).

Setup (not timed, skipped when present): migrate; an organisation of the registry gets 50 penalty records of the
market regulator through the real intake (decided over the last year).

In process, each call on its own (--repeat times, medians): `issue_report` for the standard report and for the
special report (domain 市场监管, five years) — content read by the audience's rule, HTML, PDF, SM2 signature by
OpenSSL, the insert, the audit entry — and its parts timed apart. In the same run, the limits: WeasyPrint turning a
one-page CJK document into PDF (the engine's floor), and the naive path: the subject's credit-file web page printed
to PDF as it is.

Concurrency: gunicorn (--workers sync workers) on a free loopback port; --concurrent requests to
POST /api/v1/reports/ at once from as many threads with a `reports:write` token; every answer must be 201.
"""

import argparse
import datetime as dt
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

BENCH_MARK = "饶市监罚〔BENCH-RPT〕"


def percentile(values, share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def setup():
    from django.core.management import call_command

    from publiccredit.catalog.models import CatalogItem
    from publiccredit.collection.models import CreditRecord
    from publiccredit.collection.services import submit_records
    from publiccredit.organizations.models import Organization
    from publiccredit.subjects.models import Subject

    call_command("migrate", verbosity=0)
    market = Organization.objects.get(name="上饶市市场监督管理局")
    subject = (Subject.objects.filter(kind="legal_person", status="active", uscc__isnull=False).order_by("pk")
               .first())
    have = CreditRecord.objects.filter(subject=subject, decision_number__startswith=BENCH_MARK).count()
    if have < 50:
        today = dt.date.today()
        rows = [{"CF_WSH": f"{BENCH_MARK}{n}号", "CF_XDR_MC": subject.name, "CF_XDR_LB": "法人及非法人组织",
                 "CF_XDR_SHXYM": subject.uscc, "CF_FRDB": "张三", "CF_WFXW": "虚假宣传",
                 "CF_SY": "在网店宣传中使用虚假的销售数据", "CF_YJ": "《中华人民共和国反不正当竞争法》第二十条",
                 "CF_CFLB": "警告;罚款", "CF_NR": "警告，并处罚款2万元", "CF_NR_FK": "2",
                 "CF_JDRQ": (today - dt.timedelta(days=5 + 7 * n)).isoformat(),
                 "CF_YXQ": (today + dt.timedelta(days=300)).isoformat(), "CF_CFJG": market.name,
                 "CF_CFJGDM": market.code, "CF_SJLY": market.name, "CF_SJLYDM": market.code} for n in range(have, 50)]
        submit_records(item=CatalogItem.objects.get(code="penalty"), provider=market, records=rows, actor=None)
    return subject, market


def timed(function, repeat: int) -> list[float]:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        function()
        times.append(time.perf_counter() - started)
    return times


def row(label: str, times: list[float]) -> None:
    print(f"| {label} | {len(times)} | {statistics.median(times) * 1000:.0f} | {percentile(times, 0.95) * 1000:.0f} |")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def concurrency(subject, market, args) -> None:
    from publiccredit.accounts.services import issue_token

    token = issue_token(organization=market, name=f"bench-reports-{time.time_ns()}", scopes=["reports:write"]).secret
    port = free_port()
    server = subprocess.Popen([str(Path(sys.executable).with_name("gunicorn")), "publiccredit.wsgi", "-w",
                               str(args.workers), "-b", f"127.0.0.1:{port}", "--timeout", "120", "--log-level",
                               "warning"], env=dict(os.environ, PUBLICCREDIT_DEBUG="0"))
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(150):
            try:
                urllib.request.urlopen(base + "/healthz", timeout=1)
                break
            except OSError:
                time.sleep(0.2)
        body = json.dumps({"subject": subject.uscc, "kind": "special", "domains": ["market"]}).encode()
        results: list[tuple[int, float]] = []

        def ask():
            request = urllib.request.Request(base + "/api/v1/reports/", data=body, method="POST", headers={
                "Authorization": f"Bearer {token}", "Content-Type": "application/json"})
            started = time.perf_counter()
            try:
                with urllib.request.urlopen(request, timeout=120) as answer:
                    status = answer.status
            except urllib.error.HTTPError as error:
                status = error.code
            except OSError:
                status = 0
            results.append((status, time.perf_counter() - started))

        for _ in range(args.workers):  # each worker loads WeasyPrint and the fonts once
            ask()
        results.clear()
        threads = [threading.Thread(target=ask) for _ in range(args.concurrent)]
        started = time.perf_counter()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        wall = time.perf_counter() - started
        errors = sum(status != 201 for status, _ in results)
        latencies = [seconds for _, seconds in results]
        print(f"\n{args.concurrent} concurrent POST /api/v1/reports/ (special report) through gunicorn, {args.workers} "
              f"sync workers: {errors} errors; all answered in {wall:.2f} s; latency p50 "
              f"{statistics.median(latencies) * 1000:.0f} ms, max {max(latencies) * 1000:.0f} ms")
    finally:
        server.terminate()
        server.wait(timeout=30)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument("--concurrent", type=int, default=20)
    parser.add_argument("--workers", type=int, default=4)
    args = parser.parse_args()
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        sys.exit("请设置 DATABASE_URL 指向 PostgreSQL 基准数据库，见 bench/README.md")
    os.environ.setdefault("PUBLICCREDIT_REPORT_KEY_DIR", tempfile.mkdtemp(prefix="bench-report-keys-"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "publiccredit.settings")
    import django

    django.setup()
    from django.test import Client
    from weasyprint import HTML

    from publiccredit.audit.context import set_channel
    from publiccredit.collection.models import CreditRecord
    from publiccredit.publicity.queries import public_ref
    from publiccredit.reports import content, services, signing

    set_channel("cli")
    subject, market = setup()
    print(f"subject {subject.uscc}: {CreditRecord.objects.filter(subject=subject).count()} records")
    services.issue_report(subject=subject, kind="standard", actor=None, channel="cli")  # load fonts and the key
    standard = timed(lambda: services.issue_report(subject=subject, kind="standard", actor=None, channel="cli"),
                     args.repeat)
    special = timed(lambda: services.issue_report(subject=subject, kind="special", actor=None, channel="cli",
                                                  domains=["market"]), args.repeat)
    issued = services.issue_report(subject=subject, kind="standard", actor=None, channel="cli")
    read = timed(lambda: content.standard_content(subject), args.repeat)
    shown = content.standard_content(subject)
    html = timed(lambda: services.render_html(issued.report, shown, code=issued.code), args.repeat)
    page = services.render_html(issued.report, shown, code=issued.code)
    pdf = timed(lambda: HTML(string=page).write_pdf(pdf_version="1.4"), args.repeat)
    data = HTML(string=page).write_pdf(pdf_version="1.4")
    sign = timed(lambda: signing.sign(data), args.repeat)
    floor = timed(lambda: HTML(string="<html><body style='font-family:Noto Sans CJK SC'>信用报告</body></html>")
                  .write_pdf(pdf_version="1.4"), args.repeat)
    file_page = Client().get(f"/credit/{public_ref(subject)}/").content.decode()
    naive = timed(lambda: HTML(string=file_page).write_pdf(), args.repeat)
    print(f"\n{len(data):,} bytes, {data.count(b'/Type /Page') - data.count(b'/Type /Pages')} pages (standard)")
    print("| path | calls | p50 ms | p95 ms |")
    print("| --- | --- | --- | --- |")
    row("issue_report, standard (issue 17 target ≤ 300 ms)", standard)
    row("issue_report, special (市场监管, 5 years)", special)
    row("— content read by the audience's rule", read)
    row("— HTML from the template (QR code included)", html)
    row("— WeasyPrint PDF", pdf)
    row("— SM2 signature (openssl)", sign)
    row("limit: WeasyPrint, one-page CJK document", floor)
    row("naive: the credit-file web page printed to PDF", naive)
    concurrency(subject, market, args)


if __name__ == "__main__":
    main()
