"""Demo list entries and screenings: the proposals the rules raised from the demo records go through the real
listing workflow (a few stay waiting for the back office), a few subjects with honours join the red list, and the
finance and approval departments screen applicants and report back."""

import datetime as dt
import random

from django.utils import timezone

from publiccredit.collection.models import CreditRecord
from publiccredit.lists.models import ListEntry, ListKind
from publiccredit.lists.services import (
    decide_entry,
    exit_entry,
    notify_entry,
    propose_entry,
    publish_entry,
    serve_notice,
    submit_statement,
)

# A one-page PDF standing for the signed 送达回证 a clerk scans in.
RECEIPT_PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _notified_and_served(entry, *, today: dt.date):
    """Generate the notice; without a bound account, a clerk serves it in person the same day with the receipt."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    entry = notify_entry(entry=entry, actor=None, today=today)
    if entry.served_on is None:
        receipt = SimpleUploadedFile("送达回证.pdf", RECEIPT_PDF, content_type="application/pdf")
        entry = serve_notice(entry=entry, method="direct", served_on=today, files=[receipt], actor=None,
                             note="当事人法定代表人签收送达回证", today=today)
    return entry


def seed_list_entries(*, limit: int = 20) -> int:
    """Take up to ``limit`` proposals through the workflow; of the last three, one has its notice served today and a
    statement from the subject waiting for an answer, two are left at the proposal step."""
    if ListEntry.objects.exclude(state=ListEntry.State.PROPOSED).exists():
        return 0
    serious = ListKind.objects.get(code="serious_dishonesty")
    watch = ListKind.objects.get(code="watch_list")
    proposals = list(ListEntry.objects.filter(state=ListEntry.State.PROPOSED).select_related("kind")
                     .order_by("id")[:limit])
    taken = {e.subject_id for e in proposals}
    records = (CreditRecord.objects.filter(item__code="penalty", severity="serious", subject__isnull=False)
               .exclude(subject__kind="natural_person").select_related("provider", "subject").order_by("id"))
    for record in records.iterator():
        if len(proposals) >= limit:
            break
        if record.subject_id in taken:
            continue
        taken.add(record.subject_id)
        kind = serious if len(proposals) % 3 else watch
        # proposed by the credit office's officer and approved by another (four eyes, docs/lists.md)
        proposals.append(propose_entry(kind=kind, subject=record.subject, records=[record], actor=_proposer(),
                                       reason=f"{record.provider.name}作出{record.decision_number}行政处罚，属严重失信行为"))
    today = timezone.localdate()
    for number, entry in enumerate(proposals, start=1):
        if number > len(proposals) - 3:
            break  # left in the workflow, for the back office
        first = entry.records.order_by("decision_date").first()
        notified = max((first.decision_date if first and first.decision_date else today), today - dt.timedelta(days=60))
        entry = _notified_and_served(entry, today=notified)
        decided = entry.objection_until + dt.timedelta(days=1)
        if decided > today:
            continue
        entry = decide_entry(entry=entry, decision_number=f"饶信认〔{decided.year}〕{entry.pk}号",
                             approver=_approver(), actor=None, measures="依法实施联合惩戒措施", today=decided)
        entry = publish_entry(entry=entry, actor=None, today=decided)
        if number % 7 == 0:
            exit_entry(entry=entry, reason=ListEntry.ExitReason.REPAIR, actor=None, today=today)
    if len(proposals) >= 3:
        entry = _notified_and_served(proposals[-3], today=today)
        submit_statement(entry=entry, filer_name=entry.subject.name, contact_phone="0793-8200000", actor=None,
                         today=today, text="该处罚所涉违法行为已于决定作出后一个月内全部整改并缴清罚款，"
                                           "且系首次违法，请求不予列入严重失信主体名单。")
    return len(proposals) + seed_red_list()


def seed_red_list(*, limit: int = 8) -> int:
    """Subjects with an honour and no negative record join the red list (守信激励)."""
    red = ListKind.objects.get(code="red_list")
    negative = set(CreditRecord.objects.filter(item__nature="negative", subject__isnull=False)
                   .values_list("subject_id", flat=True).distinct())
    honoured = (CreditRecord.objects.filter(item__code="honor", subject__isnull=False)
                .exclude(subject__kind="natural_person").select_related("subject", "provider").order_by("id"))
    today, count, seen = timezone.localdate(), 0, set()
    for record in honoured.iterator():
        if count >= limit:
            break
        if record.subject_id in negative or record.subject_id in seen:
            continue
        seen.add(record.subject_id)
        entry = propose_entry(kind=red, subject=record.subject, records=[record], actor=None,
                              reason=f"获得{record.provider.name}授予的守信荣誉，近三年无失信记录")
        entry = _notified_and_served(entry, today=today - dt.timedelta(days=30))
        entry = decide_entry(entry=entry, decision_number=f"饶信激〔{today.year}〕{entry.pk}号", approver=_approver(),
                             actor=None, measures="绿色通道、容缺受理、降低抽查比例", today=today)
        publish_entry(entry=entry, actor=None, today=today)
        count += 1
    return count


def seed_screenings(*, seed: int = 7) -> int:
    """Departments screen applicants (some listed, some clean, one unknown) and report back on half the measures."""
    from publiccredit.accounts.models import User
    from publiccredit.sanctions.models import Matter, Screening
    from publiccredit.sanctions.services import parse_subjects, record_feedback, run_screening
    from publiccredit.subjects.models import Subject

    if Screening.objects.exists():
        return 0
    rng = random.Random(seed)
    listed = list(ListEntry.objects.filter(state=ListEntry.State.PUBLISHED).values_list("subject__uscc", flat=True))
    listed = [code for code in listed if code]
    others = list(Subject.objects.exclude(kind="natural_person").order_by("id").values_list("uscc", flat=True)[:400])
    plans = [("finance-clerk", "gov_procurement", "SRCG-2026-0"), ("finance-clerk", "fiscal_funds", "CZZJ-2026-0"),
             ("approval-clerk", "licensing", "SP-2026-0"), ("approval-clerk", "market_access", "DJ-2026-0")]
    count = 0
    for number, (username, matter_code, prefix) in enumerate(plans * 3, start=1):
        user = User.objects.filter(username=username).select_related("organization").first()
        if user is None:
            continue
        codes = rng.sample(others, min(len(others), rng.randint(8, 30))) + rng.sample(listed, min(len(listed), 3))
        subjects = [{"code": code} for code in codes] + [{"name": "上饶市查无此户贸易有限公司"}]
        result = run_screening(matter=Matter.objects.get(code=matter_code), asks=parse_subjects(subjects), actor=user,
                               organization=user.organization, channel="web", reference=f"{prefix}{number:02d}")
        items = [{"index": f["index"], "measure": m["code"], "executed": rng.random() < 0.85,
                  "note": "已按规定执行" if rng.random() < 0.5 else "申请人已主动退出"}
                 for f in result.findings for m in f.get("measures", []) if not m["suspended"]]
        items = [i for i in items if rng.random() < 0.6]
        if items:
            record_feedback(screening=result.screening, items=items, actor=user, organization=user.organization)
        count += 1
    return count


def _proposer():
    from publiccredit.accounts.models import User

    return User.objects.filter(username="credit-office").first()


def _approver():
    """The demo's second credit-office officer, who approves what the first (or a rule) proposed."""
    from publiccredit.accounts.models import User

    return User.objects.filter(username="demo-credit-approver").first() or _system_approver()


def _system_approver():
    from publiccredit.accounts.roles import Role
    from publiccredit.accounts.services import create_user
    from publiccredit.organizations.models import Organization

    office = Organization.objects.get(name="上饶市发展和改革委员会")
    return create_user(username="demo-credit-approver", role=Role.CREDIT_OFFICE, organization=office,
                       full_name="演示审批人")
