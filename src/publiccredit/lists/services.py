"""The identification workflow of a credit list entry (国办发〔2020〕49号): proposal → prior notice with an objection
window in working days → written decision with approver → publication → exit. Every step is one transaction with
its audit entry, a history step and an outbox event ``lists.entry.<step>``."""

import datetime as dt

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from publiccredit.accounts.models import User
from publiccredit.audit.services import record_write
from publiccredit.collection.models import CreditRecord
from publiccredit.core.bulk import filter_ids
from publiccredit.core.errors import DomainError
from publiccredit.events.services import emit
from publiccredit.subjects.models import Subject
from publiccredit.workdays.services import add_working_days

from . import topics
from .models import ListEntry, ListEntryStep, ListKind, ListStatement, ProposalRule, ServiceMethod

State = ListEntry.State


def _step(entry: ListEntry, *, action: str, actor, note: str = "", detail: dict | None = None) -> None:
    ListEntryStep.objects.create(entry=entry, state=entry.state, actor=actor if _is_user(actor) else None, note=note)
    record_write(actor=actor, action=f"lists.entry.{action}", target=entry, reason=note,
                 detail={"kind": entry.kind.code, "subject_id": entry.subject_id, "state": entry.state, **(detail or {})})
    emit(f"{topics.ENTRY}.{action}", {"entry_id": entry.pk, "kind": entry.kind.code, "subject_id": entry.subject_id,
                                   "state": entry.state})


def _is_user(actor) -> bool:
    return actor is not None and getattr(actor, "is_authenticated", False)


def _require(entry: ListEntry, *states: str, doing: str) -> None:
    if entry.state not in states:
        allowed = "、".join(str(State(s).label) for s in states)
        raise DomainError(f"名单记录当前为“{entry.get_state_display()}”，不能{doing}（须为：{allowed}）。",
                          code="wrong_state")


def propose_entry(*, kind: ListKind, subject: Subject, reason: str, actor, records: list[CreditRecord] = (),
                  legal_basis: str = "", rule: ProposalRule | None = None) -> ListEntry:
    """Propose listing ``subject``; lists are only for acts named by law, so a reason and a basis are required."""
    if not kind.is_active:
        raise DomainError(f"名单“{kind.name}”已停用。", code="kind_inactive")
    if not reason.strip():
        raise DomainError("请填写列入事由。", code="reason_required", field="reason")
    foreign = [r for r in records if r.subject_id != subject.pk]
    if foreign:
        raise DomainError("依据的信用记录必须属于该主体。", code="record_not_of_subject", field="records")
    problems = basis_problems(records, rule=rule)
    if problems:
        raise DomainError("以下记录不能作为列入依据：" + "；".join(problems), code="invalid_basis", field="records")
    try:
        with transaction.atomic():
            entry = ListEntry.objects.create(kind=kind, subject=subject, reason=reason.strip(), rule=rule,
                                             legal_basis=legal_basis.strip() or kind.legal_basis,
                                             proposed_by=actor if _is_user(actor) else None)
            entry.records.set(records)
            _step(entry, action="propose", actor=actor, note=reason.strip(),
                  detail={"records": [r.pk for r in records]})
    except IntegrityError:
        raise DomainError(f"该主体已有一条未结束的“{kind.name}”记录，不能重复列入。", code="already_open") from None
    return entry


UNUSABLE_STATES = {CreditRecord.State.WITHDRAWN: "已撤销", CreditRecord.State.REPAIRED: "已修复",
                   CreditRecord.State.EXPIRED: "已过公示期"}


def basis_problems(records, today: dt.date | None = None, *, rule=None) -> list[str]:
    """Why each record cannot ground a listing (国办发〔2020〕49号: only valid records of acts named by law): withdrawn,
    repaired, past its publicity period, or 轻微 dishonesty (国办发〔2025〕22号: need not even be published); for an
    entry a rule proposed, also a record corrected below the rule (its severity or penalty category)."""
    today = today or timezone.localdate()
    problems = []
    for record in records:
        if record.state in UNUSABLE_STATES:
            problems.append(f"{record.decision_number}{UNUSABLE_STATES[record.state]}")
        elif record.publicity_end and record.publicity_end < today:
            problems.append(f"{record.decision_number}已过公示期")
        elif record.severity == "minor":
            problems.append(f"{record.decision_number}属轻微失信")
        elif rule is not None and SEVERITY_AT_LEAST.get(rule.min_severity) and (
                record.severity not in SEVERITY_AT_LEAST[rule.min_severity]):
            problems.append(f"{record.decision_number}的失信程度低于规则“{rule.name}”的要求")
        elif rule is not None and rule.category_list and not _category_matches(rule, record):
            problems.append(f"{record.decision_number}的处罚类别已不符合规则“{rule.name}”")
    return problems


def _lacks_basis(entry: ListEntry, records: list, problems: list[str]) -> bool:
    """No valid basis left: none at all, or fewer than the proposing rule counts (three penalties in a year …)."""
    needed = max(entry.rule.min_count, 1) if entry.rule_id and entry.rule else 1
    return bool(records) and len(records) - len(problems) < needed


def _require_valid_basis(entry: ListEntry, today: dt.date) -> None:
    """At each step: an entry that rested on records must still rest on enough valid ones."""
    records = list(entry.records.all())
    problems = basis_problems(records, today, rule=entry.rule)
    if _lacks_basis(entry, records, problems):
        raise DomainError("列入依据已全部失效（" + "；".join(problems) + "），不能继续办理，请终止列入程序。",
                          code="no_valid_basis")


def notify_entry(*, entry: ListEntry, actor, today: dt.date | None = None) -> ListEntry:
    """Generate the prior notice (告知书): reasons, basis, measures and the right to object within the kind's period.

    A subject with an account bound to it is served at once, electronically (the site message the event sends);
    for any other subject a clerk serves it and records how (``serve_notice``). The objection period runs from
    service, never from generation (docs/lists.md)."""
    today = today or timezone.localdate()
    with transaction.atomic():
        entry = ListEntry.objects.select_for_update().select_related("kind").get(pk=entry.pk)
        _require(entry, State.PROPOSED, doing="生成告知书")
        _require_valid_basis(entry, today)
        entry.state = State.NOTIFIED
        entry.notified_on = today
        entry.notice_number = f"告知〔{today.year}〕{entry.pk}号"
        electronic = User.objects.filter(subject_id=entry.subject_id, is_active=True).exists()
        if electronic:
            _served(entry, ServiceMethod.ELECTRONIC, today, note="已向信用主体绑定的网站账号发送站内信")
        entry.save()
        note = (f"电子送达，异议期至{entry.objection_until:%Y-%m-%d}" if electronic
                else "主体没有绑定账号：请送达告知书并登记送达方式、日期和凭证，异议期自送达之日起计算")
        _step(entry, action="notify", actor=actor, note=note)
    return entry


def _served(entry: ListEntry, method: str, served_on: dt.date, *, note: str) -> None:
    entry.served_on, entry.service_method, entry.service_note = served_on, method, note[:300]
    entry.objection_until = add_working_days(served_on, entry.kind.objection_working_days)


def serve_notice(*, entry: ListEntry, method: str, served_on: dt.date, actor, files=(), note: str = "",
                 today: dt.date | None = None) -> ListEntry:
    """Record how and when the prior notice reached the subject, with the proof (送达回证, postal receipt, the
    announcement); the objection period starts from that day."""
    from publiccredit.casework.evidence import check_files, keep_evidence

    today = today or timezone.localdate()
    files = list(files or [])
    if method not in ServiceMethod.values:
        raise DomainError("请选择送达方式", code="bad_service_method", field="method")
    if not isinstance(served_on, dt.date) or served_on > today:
        raise DomainError("送达日期不能晚于今天", code="bad_service_date", field="served_on")
    if method != ServiceMethod.ELECTRONIC and not files:
        raise DomainError("请上传送达凭证（送达回证、邮寄回执或公告截图）", code="proof_required", field="files")
    check_files(files)
    with transaction.atomic():
        entry = ListEntry.objects.select_for_update().select_related("kind").get(pk=entry.pk)
        _require(entry, State.NOTIFIED, doing="登记送达")
        if entry.served_on:
            raise DomainError(f"告知书已于{entry.served_on:%Y年%m月%d日}送达", code="already_served")
        if entry.notified_on and served_on < entry.notified_on:
            raise DomainError("送达日期不能早于告知书生成日期", code="bad_service_date", field="served_on")
        _served(entry, method, served_on, note=note.strip())
        entry.save()
        keep_evidence(entry.service_proofs, files, folder=f"lists/{entry.pk}/service")
        _step(entry, action="serve", actor=actor,
              note=f"{ServiceMethod(method).label}，{served_on:%Y-%m-%d}送达，异议期至{entry.objection_until:%Y-%m-%d}",
              detail={"method": method, "served_on": served_on.isoformat(), "proofs": len(files)})
    return entry


def decide_entry(*, entry: ListEntry, decision_number: str, approver, actor, measures: str = "",
                 start: dt.date | None = None, end: dt.date | None = None, lifetime: bool = False,
                 today: dt.date | None = None) -> ListEntry:
    """The written listing decision, after the objection window has passed; states the term and the measures."""
    today = today or timezone.localdate()
    with transaction.atomic():
        entry = ListEntry.objects.select_for_update().select_related("kind").get(pk=entry.pk)
        _require(entry, State.NOTIFIED, doing="作出列入决定")
        _require_valid_basis(entry, today)
        if not entry.served_on:
            raise DomainError("告知书尚未送达：请先登记送达方式、日期和凭证，异议期自送达之日起计算。",
                              code="notice_not_served")
        if entry.objection_until and today <= entry.objection_until:
            raise DomainError(f"异议期至{entry.objection_until:%Y年%m月%d日}，期满后方可作出列入决定。",
                              code="objection_window_open")
        unanswered = entry.statements.filter(answered_at__isnull=True).count()
        if unanswered:
            raise DomainError(f"当事人提出了{unanswered}份陈述申辩，请先逐一答复（是否采纳及理由），再作出列入决定。",
                              code="statement_unanswered")
        contested = [r.decision_number for r in entry.records.filter(state=CreditRecord.State.OBJECTION)]
        if contested:
            raise DomainError(f"列入依据的记录{'、'.join(contested)}正在异议处理中，异议处理完毕后方可作出列入决定。",
                              code="basis_under_objection")
        if not decision_number.strip():
            raise DomainError("请填写列入决定书文号。", code="decision_number_required", field="decision_number")
        if not _is_user(approver):
            raise DomainError("列入决定须有批准人。", code="approver_required", field="approver")
        if entry.proposed_by_id and approver.pk == entry.proposed_by_id:
            # four eyes: the person who proposed a listing does not also approve it (docs/lists.md)
            raise DomainError("列入决定须由提出人以外的人批准（双人审核）：请选择其他批准人。", code="four_eyes",
                              field="approver")
        if lifetime and not entry.kind.allows_lifetime:
            raise DomainError(f"“{entry.kind.name}”不能终身列入。", code="lifetime_not_allowed")
        start = start or today
        if end is None and not lifetime and entry.kind.default_years:
            end = start.replace(year=start.year + entry.kind.default_years) - dt.timedelta(days=1)
        if end is not None and end < start:
            raise DomainError("期限截止日期不能早于列入日期。", code="bad_term", field="end")
        entry.state, entry.decision_number, entry.decided_on = State.DECIDED, decision_number.strip(), today
        entry.approver, entry.measures, entry.start, entry.end = approver, measures, start, end
        entry.save()
        _step(entry, action="decide", actor=actor, note=entry.decision_number,
              detail={"start": start.isoformat(), "end": end.isoformat() if end else None,
                      "approver_id": approver.pk, "proposed_by_id": entry.proposed_by_id})
    return entry


def publish_entry(*, entry: ListEntry, actor, today: dt.date | None = None) -> ListEntry:
    with transaction.atomic():
        entry = ListEntry.objects.select_for_update().select_related("kind").get(pk=entry.pk)
        _require(entry, State.DECIDED, doing="公示")
        entry.state, entry.published_on = State.PUBLISHED, today or timezone.localdate()
        entry.save()
        _step(entry, action="publish", actor=actor)
    return entry


def exit_entry(*, entry: ListEntry, reason: str, actor, note: str = "", today: dt.date | None = None) -> ListEntry:
    """Take a decided, published or suspended entry off the list (expiry, repair, early exit, court decision, a
    lapsed basis …)."""
    if reason not in ListEntry.ExitReason.values:
        raise DomainError(f"未知的移出原因：{reason}", code="bad_exit_reason", field="reason")
    with transaction.atomic():
        entry = ListEntry.objects.select_for_update().select_related("kind").get(pk=entry.pk)
        _require(entry, State.DECIDED, State.PUBLISHED, State.SUSPENDED, doing="移出")
        entry.state, entry.exited_on, entry.exit_reason, entry.exit_note = (
            State.EXITED, today or timezone.localdate(), reason, note[:500])
        entry.save()
        _step(entry, action="exit", actor=actor, note=note or ListEntry.ExitReason(reason).label,
              detail={"reason": reason})
    return entry


# ---- a basis that lapses after the proposal (docs/lists.md "依据失效") -----------------------------------------------
BASIS_WATCHED_STATES = (State.PROPOSED, State.NOTIFIED, State.DECIDED, State.PUBLISHED)


def review_bases(*, record_ids=None, today: dt.date | None = None) -> dict[str, int]:
    """Re-check the basis of every open entry resting on ``record_ids`` (all open entries with a lapsed basis
    record when None). Some basis lapsed: the entry is flagged to the credit office. None valid left: a proposal
    stops (终止列入); a decided or published entry is suspended — off the website, out of screening — until the
    credit office exits it or a valid basis comes back (``resume_entry``)."""
    today = today or timezone.localdate()
    entries = ListEntry.objects.filter(state__in=BASIS_WATCHED_STATES)
    if record_ids is not None:
        entries = entries.filter(records__in=list(record_ids))
    else:
        lapsed = Q(records__state__in=list(UNUSABLE_STATES)) | Q(records__publicity_end__lt=today) | Q(
            records__severity="minor")
        entries = entries.filter(lapsed)
    counts = {"flagged": 0, "withdrawn": 0, "suspended": 0}
    for entry_id in entries.values_list("pk", flat=True).distinct().order_by("pk"):
        outcome = _review_basis(entry_id, today)
        if outcome:
            counts[outcome] += 1
    return counts


def _review_basis(entry_id: int, today: dt.date) -> str | None:
    with transaction.atomic():
        entry = ListEntry.objects.select_for_update(of=("self",)).select_related("kind", "rule").get(pk=entry_id)
        if entry.state not in BASIS_WATCHED_STATES:
            return None
        records = list(entry.records.all())
        problems = basis_problems(records, today, rule=entry.rule)
        if not problems:
            return None
        lacking = _lacks_basis(entry, records, problems)
        note = ("列入依据已全部失效：" if lacking else "部分列入依据失效：") + "；".join(problems)
        if note == entry.basis_note:
            return None  # already told
        entry.basis_flagged_at, entry.basis_note = timezone.now(), note[:500]
        if not lacking:
            entry.save()
            _step(entry, action="basis", actor=None, note=note, detail={"problems": problems})
            return "flagged"
        if entry.state in (State.PROPOSED, State.NOTIFIED):
            entry.state = State.WITHDRAWN
            entry.save()
            _step(entry, action="withdraw", actor=None, note=note + "，列入程序终止")
            return "withdrawn"
        entry.state, entry.suspended_from = State.SUSPENDED, entry.state
        entry.save()
        _step(entry, action="suspend", actor=None, note=note + "：已暂停公示和联合惩戒，请复核后移出",
              detail={"problems": problems})
        return "suspended"


def resume_entry(*, entry: ListEntry, actor, note: str, today: dt.date | None = None) -> ListEntry:
    """Lift a suspension when a valid basis exists again (e.g. a correction restored it); the credit office says why."""
    today = today or timezone.localdate()
    if not note.strip():
        raise DomainError("请说明恢复的理由", code="reason_required", field="note")
    with transaction.atomic():
        entry = ListEntry.objects.select_for_update().select_related("kind").get(pk=entry.pk)
        _require(entry, State.SUSPENDED, doing="恢复")
        _require_valid_basis(entry, today)
        entry.state, entry.suspended_from = entry.suspended_from or State.PUBLISHED, ""
        entry.basis_note = ""
        entry.save()
        _step(entry, action="resume", actor=actor, note=note.strip())
    return entry


def submit_statement(*, entry: ListEntry, text: str, filer_name: str, contact_phone: str, actor, files=(),
                     today: dt.date | None = None) -> ListStatement:
    """陈述申辩: the subject answers the prior notice within the objection period, with evidence if it has any."""
    from publiccredit.casework.evidence import check_files, keep_evidence
    from publiccredit.core.fields import contact_problems

    today = today or timezone.localdate()
    files = list(files or [])
    missing = [label for label, value in (("陈述申辩意见", text), ("提出人", filer_name), ("联系电话", contact_phone))
               if not str(value or "").strip()]
    if missing:
        raise DomainError(f"请填写：{'、'.join(missing)}", code="missing_fields")
    bad_contact = contact_problems(contact_phone)
    if bad_contact:
        raise DomainError("；".join(bad_contact), code="bad_contact", field="contact_phone")
    check_files(files)
    with transaction.atomic():
        entry = ListEntry.objects.select_for_update().select_related("kind").get(pk=entry.pk)
        _require(entry, State.NOTIFIED, doing="提出陈述申辩")
        if entry.objection_until and today > entry.objection_until:
            raise DomainError(f"陈述申辩期限已于{entry.objection_until:%Y年%m月%d日}届满。", code="window_closed")
        statement = ListStatement.objects.create(entry=entry, text=text.strip(), filer_name=filer_name.strip()[:200],
                                                 contact_phone=contact_phone.strip()[:30],
                                                 filed_by=actor if _is_user(actor) else None)
        keep_evidence(statement.attachments, files, folder=f"lists/{entry.pk}/statement-{statement.pk}")
        _step(entry, action="statement", actor=actor, note=text.strip()[:500], detail={"files": len(files)})
    return statement


def answer_statement(*, statement: ListStatement, adopted: bool, answer: str, actor) -> ListStatement:
    """The credit office's written answer to a statement; an adopted one usually ends the procedure (withdraw)."""
    if not answer.strip():
        raise DomainError("请写明答复理由。", code="reason_required", field="answer")
    with transaction.atomic():
        statement = ListStatement.objects.select_for_update().select_related("entry__kind").get(pk=statement.pk)
        if statement.answered_at is not None:
            raise DomainError("该陈述申辩已答复。", code="already_answered")
        statement.adopted, statement.answer = adopted, answer.strip()
        statement.answered_by, statement.answered_at = actor, timezone.now()
        statement.save()
        _step(statement.entry, action="answer", actor=actor,
              note=f"{'采纳' if adopted else '不予采纳'}：{answer.strip()[:480]}", detail={"statement": statement.pk})
    return statement


def withdraw_entry(*, entry: ListEntry, note: str, actor) -> ListEntry:
    """End the procedure before a decision (an objection found well-founded, the basis revoked …)."""
    if not note.strip():
        raise DomainError("请说明终止列入的理由。", code="reason_required", field="note")
    with transaction.atomic():
        entry = ListEntry.objects.select_for_update().select_related("kind").get(pk=entry.pk)
        _require(entry, State.PROPOSED, State.NOTIFIED, doing="终止列入")
        entry.state = State.WITHDRAWN
        entry.save()
        _step(entry, action="withdraw", actor=actor, note=note.strip())
    return entry


def expire_entries(*, today: dt.date | None = None, actor=None) -> int:
    """Exit every published or decided entry whose term has ended (run daily by Celery beat or the command)."""
    today = today or timezone.localdate()
    due = ListEntry.objects.filter(state__in=[State.DECIDED, State.PUBLISHED, State.SUSPENDED], end__lt=today)
    count = 0
    for entry in due.iterator():
        exit_entry(entry=entry, reason=ListEntry.ExitReason.EXPIRY, actor=actor, today=today)
        count += 1
    review_bases(today=today)  # basis records pass their publicity period by date, not by an event
    return count


SEVERITY_AT_LEAST = {"": None, "minor": ["minor", "general", "serious"], "general": ["general", "serious"],
                     "serious": ["serious"]}


def _months_before(day: dt.date, months: int) -> dt.date:
    month_index = day.year * 12 + day.month - 1 - months
    year, month = divmod(month_index, 12)
    return dt.date(year, month + 1, min(day.day, 28))


def apply_proposal_rules(*, record_ids, item_code: str | None = None, today: dt.date | None = None) -> list[ListEntry]:
    """Propose list entries for the subjects whose new or corrected records meet an active rule.

    Only the proposal is automatic; the notice, the objection period and the decision stay with people
    (国办发〔2020〕49号). A subject with an open entry of the kind is not proposed again, and a record that already
    grounded an entry of the kind (even one later withdrawn after an objection) does not count again.
    Runs inline on every delivery chunk, so it is set-based: per rule one query (per 900 ids off PostgreSQL) that
    keeps only the records meeting the rule's item, state, severity and period, reading subject ids alone; only the few
    records past those filters are read with their payload for the category check (docs/lists.md)."""
    from django.db.models import Count

    record_ids = list(record_ids)
    rules = list(ProposalRule.objects.filter(is_active=True, kind__is_active=True).select_related("kind")
                 .prefetch_related("items"))
    rule_items = {rule.pk: {item.pk for item in rule.items.all()} for rule in rules}
    if item_code is not None:
        rules = [rule for rule in rules if any(item.code == item_code for item in rule.items.all())]
    if not record_ids or not rules:
        return []
    today = today or timezone.localdate()
    matching = {rule.pk: _rule_matching(rule, rule_items[rule.pk], today) for rule in rules}
    triggered: dict[int, set[int]] = {rule.pk: set() for rule in rules}
    for rule in rules:
        for delivered_records in filter_ids(matching[rule.pk].filter(subject__isnull=False), record_ids):
            delivered = dict(delivered_records.values_list("id", "subject_id"))
            if delivered and rule.category_list:
                for part in filter_ids(CreditRecord.objects.only("id", "subject_id", "payload"), delivered):
                    triggered[rule.pk] |= {r.subject_id for r in part if _category_matches(rule, r)}
            else:
                triggered[rule.pk] |= set(delivered.values())
    subjects = sorted(set().union(*triggered.values()))
    if not subjects:
        return []
    open_pairs = set()
    for start in range(0, len(subjects), 900):
        open_pairs |= set(ListEntry.objects.filter(subject_id__in=subjects[start:start + 900],
                                                   state__in=ListEntry.OPEN_STATES).values_list("kind_id", "subject_id"))
    proposed = []
    for rule in rules:
        candidates = {sid for sid in triggered[rule.pk] if (rule.kind_id, sid) not in open_pairs}
        if not candidates:
            continue
        if rule.min_count > 1:  # an upper bound (categories are checked per record below): skips most subjects
            counted = sorted(candidates)
            counts = {}
            for start in range(0, len(counted), 900):
                counts.update(matching[rule.pk].filter(subject_id__in=counted[start:start + 900])
                              .values_list("subject_id").annotate(n=Count("id")).order_by())
            candidates = {sid for sid in candidates if counts.get(sid, 0) >= rule.min_count}
        for subject_id in sorted(candidates):
            entry = _propose_by_rule(rule, subject_id, matching[rule.pk])
            if entry is not None:
                proposed.append(entry)
                open_pairs.add((rule.kind_id, subject_id))
    return proposed


def _rule_matching(rule, items: set[int], today: dt.date):
    """The active records of the rule's items decided within its period at its severity or worse (categories aside)."""
    matching = CreditRecord.objects.filter(item_id__in=items, state=CreditRecord.State.ACTIVE,
                                           decision_date__gte=_months_before(today, rule.within_months)).order_by()
    severities = SEVERITY_AT_LEAST.get(rule.min_severity)
    if severities:
        matching = matching.filter(severity__in=severities)
    return matching


def _category_matches(rule, record: CreditRecord) -> bool:
    wanted = rule.category_list
    if not wanted:
        return True
    given = str((record.payload or {}).get("CF_CFLB") or "")
    return any(category in given for category in wanted)


def _propose_by_rule(rule, subject_id: int, matching) -> ListEntry | None:
    records = [r for r in matching.filter(subject_id=subject_id).select_related("provider").order_by("decision_date", "id")
               if _category_matches(rule, r)]
    if len(records) < rule.min_count:
        return None
    used = set(ListEntry.records.through.objects.filter(listentry__kind=rule.kind, creditrecord_id__in=[r.pk for r in records])
               .values_list("creditrecord_id", flat=True))
    records = [r for r in records if r.pk not in used]  # a record grounds at most one entry of a kind
    if len(records) < max(rule.min_count, 1):
        return None
    summary = "；".join(f"{r.provider.short_name or r.provider.name}{r.decision_number}" for r in records[-5:])
    try:
        return propose_entry(kind=rule.kind, subject=Subject.objects.get(pk=subject_id), actor=None,
                             records=records, legal_basis=rule.legal_basis, rule=rule,
                             reason=f"符合自动提出规则“{rule.name}”：{summary}")
    except DomainError:  # proposed concurrently by another worker
        return None
