"""Demo list entries: subjects with serious penalties go through the real listing workflow, a few of them exit."""

import datetime as dt

from django.utils import timezone

from publiccredit.collection.models import CreditRecord
from publiccredit.lists.models import ListEntry, ListKind
from publiccredit.lists.services import decide_entry, exit_entry, notify_entry, propose_entry, publish_entry


def seed_list_entries(*, limit: int = 20) -> int:
    """List up to ``limit`` subjects with a 严重 penalty (the last ones left at the proposal or notice step)."""
    if ListEntry.objects.exists():
        return 0
    serious = ListKind.objects.get(code="serious_dishonesty")
    watch = ListKind.objects.get(code="watch_list")
    records = (CreditRecord.objects.filter(item__code="penalty", severity="serious", subject__isnull=False)
               .exclude(subject__kind="natural_person").order_by("id"))
    seen, created = set(), 0
    today = timezone.localdate()
    for record in records.iterator():
        if record.subject_id in seen or created >= limit:
            continue
        seen.add(record.subject_id)
        kind = serious if created % 3 else watch
        entry = propose_entry(kind=kind, subject=record.subject, records=[record], actor=None,
                              reason=f"{record.provider.name}作出{record.decision_number}行政处罚，属严重失信行为")
        created += 1
        if created > limit - 3:
            continue  # left in the workflow, for the back office
        notified = max(record.decision_date or today, today - dt.timedelta(days=60))
        entry = notify_entry(entry=entry, actor=None, today=notified)
        decided = entry.objection_until + dt.timedelta(days=1)
        if decided > today:
            continue
        entry = decide_entry(entry=entry, decision_number=f"饶信认〔{decided.year}〕{entry.pk}号",
                             approver=_approver(), actor=None, measures="依法实施联合惩戒措施", today=decided)
        entry = publish_entry(entry=entry, actor=None, today=decided)
        if created % 7 == 0:
            exit_entry(entry=entry, reason=ListEntry.ExitReason.REPAIR, actor=None, today=today)
    return created


def _approver():
    from publiccredit.accounts.models import User

    return User.objects.filter(role="credit_office").order_by("pk").first() or _system_approver()


def _system_approver():
    from publiccredit.accounts.roles import Role
    from publiccredit.accounts.services import create_user
    from publiccredit.organizations.models import Organization

    office = Organization.objects.get(name="上饶市发展和改革委员会")
    return create_user(username="demo-credit-approver", role=Role.CREDIT_OFFICE, organization=office,
                       full_name="演示审批人")
