"""Credit commitments (docs/commitments.md): a subject signs a department's template for a matter — online from a bound
account, at the department's window, or through the department's approval system — after the eligibility rules are
checked; it may withdraw until the matter is decided; the accepting department records whether it was kept, and a
breach becomes a negative record (信用承诺未履行) through the catalog's intake, which evaluation and the list rules
read. Refusals name the field and the rule in Chinese; nothing is half-written."""

import datetime as dt
import hashlib
from dataclasses import dataclass
from decimal import Decimal
from functools import cached_property

from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.utils import timezone

from publiccredit.accounts.roles import Role, require_writer, sees_everything, speaks_for
from publiccredit.audit.services import record_write
from publiccredit.catalog.models import CatalogItem
from publiccredit.collection.models import CreditRecord
from publiccredit.collection.rules import add_months
from publiccredit.collection.services import submit_records
from publiccredit.core.errors import DomainError, PermissionDenied
from publiccredit.evaluation.models import EvaluationModel, EvaluationResult
from publiccredit.events.services import emit
from publiccredit.lists.models import ListEntry, ListKind
from publiccredit.organizations.models import Organization
from publiccredit.workdays.services import add_working_days

from . import topics
from .models import (
    RULES_CACHE_KEY,
    Commitment,
    CommitmentTemplate,
    CommitmentType,
    EligibilityRule,
    GreenChannelDecision,
)

BREACH_ITEM = "commitment_breach"  # the catalog item a breach is recorded under
PENALTY_ITEM = "penalty"  # a later penalty by the accepting department flags a commitment that holds
MANAGE_PERMISSION = "commitments.manage_commitments"
CITY_REGION = "361100"
PUBLIC_MODEL = "public"  # the grade the green channel reads: the public credit evaluation
MAX_MISSING = 20


@dataclass(frozen=True)
class Reason:
    code: str
    message: str

    def as_dict(self) -> dict:
        return {"code": self.code, "message": self.message}


def _text(value) -> str:
    return str(value or "").strip()


def _user(actor):
    return actor if getattr(actor, "pk", None) else None


def template_by_code(code: str) -> CommitmentTemplate:
    template = CommitmentTemplate.objects.select_related("department").filter(code=_text(code)).first()
    if template is None or not template.is_active:
        raise DomainError(f"没有编码为“{_text(code)}”的已发布承诺模板（可查询 GET /api/v1/commitments/templates/）",
                          code="unknown_template", field="template")
    return template


RULES_CACHE_SECONDS = 60


@dataclass(frozen=True)
class _Lookups:
    """The ids the rules' reads filter on, resolved once and cached with the rules: each fact is then a read of one
    table by the subject's index — PostgreSQL spent more time planning the joins on codes than running them."""

    negative_items: tuple[int, ...]
    false_registration_item: int | None
    public_model: int | None
    barring_kinds: tuple[int, ...]  # 严重失信主体名单 and 市场和行业禁入 kinds
    red_kinds: tuple[int, ...]


def active_rules() -> tuple[list[EligibilityRule], _Lookups]:
    """The active rules and the ids they read (a handful of rows read on every signing): cached for a minute,
    dropped when a rule, a catalog item, a list kind or an evaluation model changes (commitments.apps)."""
    cached = cache.get(RULES_CACHE_KEY)
    if cached is None:
        kinds = list(ListKind.objects.values_list("pk", "category"))
        cached = (list(EligibilityRule.objects.filter(is_active=True).order_by("code")), _Lookups(
            negative_items=tuple(CatalogItem.objects.filter(nature=CatalogItem.Nature.NEGATIVE)
                                 .values_list("pk", flat=True)),
            false_registration_item=CatalogItem.objects.filter(code="false_registration").values_list(
                "pk", flat=True).first(),
            public_model=EvaluationModel.objects.filter(code=PUBLIC_MODEL).values_list("pk", flat=True).first(),
            barring_kinds=tuple(pk for pk, category in kinds
                                if category in (ListKind.Category.DISHONEST, ListKind.Category.BAN)),
            red_kinds=tuple(pk for pk, category in kinds if category == ListKind.Category.RED)))
        cache.set(RULES_CACHE_KEY, cached, RULES_CACHE_SECONDS)
    return cached


class _Facts:
    """What the rules ask of one subject, each read once and only when a rule asks (one indexed read of one table
    each: a single query of subqueries measured slower in bench_commitments)."""

    def __init__(self, subject, today: dt.date, lookups: _Lookups):
        self.subject, self.today, self.lookups = subject, today, lookups

    @cached_property
    def list_kinds(self) -> set[int]:
        return set(ListEntry.objects.in_force(today=self.today).filter(subject_id=self.subject.pk)
                   .values_list("kind_id", flat=True))

    @property
    def barred(self) -> bool:
        return bool(self.list_kinds & set(self.lookups.barring_kinds))

    @property
    def red_listed(self) -> bool:
        return bool(self.list_kinds & set(self.lookups.red_kinds))

    @cached_property
    def serious_record(self) -> bool:
        return CreditRecord.objects.in_force(today=self.today).filter(
            subject_id=self.subject.pk, severity="serious", item_id__in=self.lookups.negative_items).exists()

    @cached_property
    def grade(self) -> str:
        return (EvaluationResult.objects.filter(subject_id=self.subject.pk, model_id=self.lookups.public_model,
                                                is_current=True).values_list("grade", flat=True).first() or "")

    def broke_a_promise_since(self, since: dt.date) -> bool:
        return Commitment.objects.filter(subject_id=self.subject.pk, fulfilment__in=Commitment.BREACHES,
                                         determined_on__gte=since).exists() or CreditRecord.objects.filter(
            subject_id=self.subject.pk, item_id=self.lookups.false_registration_item or -1,
            state=CreditRecord.State.ACTIVE, decision_date__gte=since).exists()


def eligibility_reasons(*, subject, template: CommitmentTemplate, today: dt.date | None = None) -> list[Reason]:
    """Every active rule ``subject`` fails for ``template``'s type (empty: eligible). Each fact is one indexed read
    of the subject's own rows, made only when a rule asks for it. A red-list subject passes the grade rule: it gets
    the green channel by the measures catalog (JL-001 绿色通道，适用容缺受理)."""
    today = today or timezone.localdate()
    rules, lookups = active_rules()
    facts, reasons = _Facts(subject, today, lookups), []
    for rule in rules:
        if not rule.applies_to(template.type):
            continue
        if rule.kind == EligibilityRule.Check.HIGH_RISK:
            failed = template.high_risk
        elif rule.kind == EligibilityRule.Check.LISTED:
            failed = facts.barred
        elif rule.kind == EligibilityRule.Check.SERIOUS_RECORD:
            failed = facts.serious_record
        elif rule.kind == EligibilityRule.Check.GRADE:
            failed = not facts.red_listed and facts.grade in rule.grade_set
        elif rule.kind == EligibilityRule.Check.FALSE_COMMITMENT:
            failed = facts.broke_a_promise_since(add_months(today, -rule.within_months))
        else:
            failed = False
        if failed:
            reasons.append(Reason(rule.code, rule.message))
    return reasons


def next_commitment_number(region_code: str, day: dt.date) -> str:
    """6-digit region + 8-digit date + 6-digit serial, the serial counted per region and day."""
    stem = f"{region_code[:6]:0<6}{day:%Y%m%d}"
    latest = (Commitment.objects.filter(number__startswith=stem).order_by("-number")
              .values_list("number", flat=True).first())
    return f"{stem}{(int(latest[len(stem):]) + 1 if latest else 1):06d}"


def _may_sign(actor, subject, template: CommitmentTemplate, channel: str) -> None:
    require_writer(actor)
    user = _user(actor)
    if user is None:
        return
    if channel == Commitment.Channel.PORTAL:
        if not speaks_for(user, subject.pk):
            raise PermissionDenied("只有已绑定该主体的账号可以网上签署承诺", code="not_subject_account")
        return
    if getattr(user, "role", "") != Role.SYSTEM and not user.has_perm(MANAGE_PERMISSION):
        raise PermissionDenied("只有受理单位的窗口或审批人员可以代为签署承诺", code="not_a_window_clerk")
    if sees_everything(user):
        return
    if getattr(user, "organization_id", None) != template.department_id:
        raise PermissionDenied(f"承诺“{template.title}”由{template.department.name}受理", code="not_accepting_department")


def sign_commitment(*, template: CommitmentTemplate, subject, actor, channel: str, case_reference: str = "",
                    today: dt.date | None = None, checked: list[Reason] | None = None) -> Commitment:
    """Sign ``template`` for ``subject``; refused with every failed rule when not eligible, and when the subject
    already holds a signed, undecided commitment of the template for the same case. ``checked`` is the eligibility
    the caller has just computed for this subject and template (the green channel), so it is not read twice."""
    today = today or timezone.localdate()
    if channel not in Commitment.Channel.values:
        raise DomainError("签署渠道不正确", code="bad_channel", field="channel")
    if not template.is_active:
        raise DomainError(f"承诺模板“{template.title}”已停用", code="unknown_template", field="template")
    _may_sign(actor, subject, template, channel)
    if subject.status != subject.Status.ACTIVE:
        raise DomainError(f"{subject.name}的登记状态为“{subject.get_status_display()}”，不能作出承诺",
                          code="subject_not_active", field="subject")
    reasons = checked if checked is not None else eligibility_reasons(subject=subject, template=template, today=today)
    if reasons:
        raise DomainError(f"{subject.name}不适用“{template.matter_name}”的{template.get_type_display()}承诺："
                          + "；".join(reason.message for reason in reasons), code="not_eligible", field="subject")
    region = template.department.region.code if template.department.region_id else CITY_REGION
    for _ in range(5):
        try:
            with transaction.atomic():
                commitment = Commitment.objects.create(
                    number=next_commitment_number(region, today), template=template, subject=subject,
                    committer_name=subject.name, committer_category=_category(subject),
                    committer_code=subject.uscc or "", department=template.department, type=template.type,
                    reason=template.reason, content=template.content, liability=template.liability, made_on=today,
                    valid_until=add_months(today, template.validity_months), disclosure=template.disclosure,
                    case_reference=_text(case_reference)[:60], channel=channel, signed_by=_user(actor))
                record_write(actor=actor, action=topics.SIGNED, target=commitment, detail={
                    "number": commitment.number, "template": template.code, "channel": channel})
                emit(topics.SIGNED, {"commitment_id": commitment.pk})
            return commitment
        except IntegrityError:
            if Commitment.objects.filter(subject=subject, template=template, state=Commitment.State.SIGNED,
                                         case_reference=_text(case_reference)[:60]).exists():
                raise DomainError(f"{subject.name}已就“{template.matter_name}”作出承诺且事项尚未办结，不能重复承诺",
                                  code="duplicate_commitment", field="template") from None
    raise DomainError("系统繁忙，请稍后重试", code="busy")


def _category(subject) -> str:
    if subject.kind == subject.Kind.NATURAL_PERSON:
        return "自然人"
    if subject.kind == subject.Kind.INDIVIDUAL_BUSINESS:
        return "个体工商户"
    return "法人及非法人组织"


def _lock(commitment: Commitment) -> Commitment:
    return (Commitment.objects.select_for_update(of=("self",)).select_related("subject", "department", "template")
            .get(pk=commitment.pk))


def _require_department(actor, commitment: Commitment, doing: str) -> None:
    require_writer(actor)
    user = _user(actor)
    if user is None or sees_everything(user):
        return
    if not user.has_perm(MANAGE_PERMISSION) or user.organization_id != commitment.department_id:
        raise PermissionDenied(f"只有承诺受理单位（{commitment.department.name}）可以{doing}", code="not_accepting_department")


def sampled_for_review(number: str, share) -> bool:
    """Whether a decided 告知承诺 is drawn for review: the first 8 hex digits of SHA-256(number) read as a fraction
    of 2^32 fall below the template's share — fixed by the number, so anyone can check who was drawn and nobody can
    pick."""
    if not share:
        return False
    return int(hashlib.sha256(number.encode()).hexdigest()[:8], 16) < Decimal(str(share)) * 2 ** 32


def review_due(commitment: Commitment) -> dt.date | None:
    template = commitment.template
    if template.type != CommitmentType.APPROVAL or not sampled_for_review(commitment.number, template.review_share):
        return None
    return add_months(commitment.made_on, template.review_months)


def flag_commitments(*, record_ids) -> int:
    """A penalty the accepting department decides on a committer while its commitment holds flags the commitment for
    confirmation (was the promise broken?). Set-based over the new records; a flagged commitment keeps its first
    flag."""
    record_ids = list(record_ids)
    flagged = 0
    for start in range(0, len(record_ids), 900):
        penalties = (CreditRecord.objects.filter(pk__in=record_ids[start:start + 900], subject__isnull=False,
                                                 item__code=PENALTY_ITEM, state=CreditRecord.State.ACTIVE)
                     .values_list("id", "subject_id", "provider_id", "decision_date"))
        for record_id, subject_id, provider_id, decided in penalties:
            flagged += Commitment.objects.filter(
                subject_id=subject_id, department_id=provider_id, fulfilment="", flagged_record__isnull=True,
                state__in=[Commitment.State.SIGNED, Commitment.State.DECIDED], made_on__lte=decided,
                valid_until__gte=decided).update(flagged_record_id=record_id, updated_at=timezone.now())
    return flagged


def withdraw_commitment(*, commitment: Commitment, actor) -> Commitment:
    """The subject withdraws (承诺自愿，可撤回) until the matter is decided."""
    with transaction.atomic():
        commitment = _lock(commitment)
        user = _user(actor)
        require_writer(actor)
        if user is not None and user.subject_id != commitment.subject_id and not (
                user.organization_id == commitment.department_id or sees_everything(user)):
            raise PermissionDenied("只有承诺人或受理单位可以撤回承诺", code="not_committer")
        if commitment.state != Commitment.State.SIGNED:
            raise DomainError(f"承诺{commitment.number}当前为“{commitment.get_state_display()}”，事项办结后不能撤回",
                              code="wrong_state")
        commitment.state = Commitment.State.WITHDRAWN
        commitment.save(update_fields=["state", "updated_at"])
        record_write(actor=actor, action=topics.WITHDRAWN, target=commitment, detail={"number": commitment.number})
        emit(topics.WITHDRAWN, {"commitment_id": commitment.pk})
    return commitment


def decide_matter(*, commitment: Commitment, actor) -> Commitment:
    """The accepting department has decided the matter: the commitment can no longer be withdrawn."""
    with transaction.atomic():
        commitment = _lock(commitment)
        _require_department(actor, commitment, "办结事项")
        if commitment.state == Commitment.State.DECIDED:
            return commitment
        if commitment.state != Commitment.State.SIGNED:
            raise DomainError(f"承诺{commitment.number}已撤回", code="wrong_state")
        commitment.state = Commitment.State.DECIDED
        commitment.review_due = review_due(commitment)
        commitment.save(update_fields=["state", "review_due", "updated_at"])
        record_write(actor=actor, action=topics.DECIDED, target=commitment,
                     detail={"number": commitment.number, "review_due": str(commitment.review_due or "")})
    return commitment


def record_fulfilment(*, commitment: Commitment, fulfilment: str, actor, unfulfilled: str = "", pursued: str = "",
                      today: dt.date | None = None) -> Commitment:
    """The accepting department determines whether the commitment was kept (全部履行 / 部分履行 / 全部未履行). A
    breach names what was not kept and the liability pursued, and becomes a 信用承诺未履行 record."""
    today = today or timezone.localdate()
    if fulfilment not in (Commitment.Fulfilment.FULL, *Commitment.BREACHES):
        raise DomainError("履行状态应为全部履行、部分履行或全部未履行", code="bad_fulfilment", field="fulfilment")
    breach = fulfilment in Commitment.BREACHES
    missing = [label for label, value in (("未履行的承诺内容", unfulfilled), ("违诺责任追究内容", pursued))
               if breach and not _text(value)]
    if missing:
        raise DomainError(f"认定{Commitment.Fulfilment(fulfilment).label}的，请填写：{'、'.join(missing)}",
                          code="missing_fields", field="unfulfilled")
    with transaction.atomic():
        commitment = _lock(commitment)
        _require_department(actor, commitment, "认定承诺履行情况")
        if commitment.state == Commitment.State.WITHDRAWN:
            raise DomainError(f"承诺{commitment.number}已撤回，不能认定履行情况", code="wrong_state")
        if commitment.fulfilment:
            if commitment.fulfilment == fulfilment:
                return commitment
            raise DomainError(f"承诺{commitment.number}已于{commitment.determined_on:%Y年%m月%d日}认定为"
                              f"“{commitment.get_fulfilment_display()}”", code="already_determined")
        commitment.fulfilment, commitment.determined_on = fulfilment, today
        commitment.unfulfilled, commitment.pursued = _text(unfulfilled), _text(pursued)
        commitment.determined_by = commitment.department
        if commitment.state == Commitment.State.SIGNED:
            commitment.state = Commitment.State.DECIDED
        if breach and not is_self_discipline(commitment):
            commitment.breach_record = _breach_record(commitment, actor, today)
        commitment.save(update_fields=["fulfilment", "determined_on", "unfulfilled", "pursued", "determined_by",
                                       "state", "breach_record", "updated_at"])
        record_write(actor=actor, action=topics.FULFILMENT, target=commitment,
                     detail={"fulfilment": fulfilment, "record": commitment.breach_record_id})
        emit(topics.FULFILMENT, {"commitment_id": commitment.pk})
    return commitment


def is_self_discipline(commitment: Commitment) -> bool:
    """A commitment accepted by an industry association (行业自律型)."""
    return commitment.department.kind == Organization.Kind.ASSOCIATION


def _breach_record(commitment: Commitment, actor, today: dt.date) -> CreditRecord:
    department = commitment.department
    row = {"CN_WSH": commitment.number, "CN_XDR_MC": commitment.committer_name,
           "CN_XDR_LB": commitment.committer_category, "CN_XDR_SHXYM": commitment.committer_code,
           "CN_CNLX": CommitmentType(commitment.type).label, "CN_CNSY": commitment.reason[:512],
           "CN_CNNR": commitment.content[:4000], "CN_WNZR": commitment.liability[:4000],
           "CN_ZCRQ": commitment.made_on.isoformat(), "CN_YXQ": commitment.valid_until.isoformat(),
           "CN_LXZT": commitment.get_fulfilment_display(), "CN_WLXNR": commitment.unfulfilled[:4000],
           "CN_ZJNR": commitment.pursued[:4000],
           "CN_NR": f"{commitment.committer_name}就“{commitment.template.matter_name}”作出的{commitment.get_type_display()}"
                    f"承诺（{commitment.number}）经认定{commitment.get_fulfilment_display()}：{commitment.unfulfilled}"[:4000],
           "CN_JDRQ": today.isoformat(), "CN_JG": department.name, "CN_JGDM": department.code}
    intake = submit_records(item=CatalogItem.objects.get(code=BREACH_ITEM), provider=department, records=[row],
                            actor=actor, atomic=True, today=today)
    if intake.rejected:
        raise DomainError("违诺记录未能生成：" + "；".join(f"{e.field} {e.message}" for e in intake.errors),
                          code="record_rejected")
    return (CreditRecord.objects.filter(item__code=BREACH_ITEM, provider=department,
                                        decision_number=commitment.number).order_by("-id").first())


def tolerance_template(matter_code: str, actor=None) -> CommitmentTemplate:
    """The published 容缺受理型 template of a matter (of the caller's department when there are several)."""
    templates = CommitmentTemplate.objects.select_related("department", "department__region").filter(
        matter_code=_text(matter_code), type=CommitmentType.TOLERANCE, is_active=True)
    organization = getattr(actor, "organization_id", None)
    template = (templates.filter(department_id=organization).first() if organization else None) or templates.first()
    if template is None:
        raise DomainError(f"事项“{_text(matter_code)}”没有已发布的容缺受理承诺书（可查询 GET /api/v1/commitments/templates/）",
                          code="unknown_matter", field="matter")
    return template


def _missing_materials(missing) -> list[str]:
    if not isinstance(missing, list) or not missing:
        raise DomainError("missing 应为容缺材料名称的数组，至少一项", code="bad_missing", field="missing")
    names = [_text(name) for name in missing if isinstance(name, str)]
    if len(names) != len(missing) or not all(names):
        raise DomainError("missing 中每一项应为非空的材料名称", code="bad_missing", field="missing")
    if len(names) > MAX_MISSING:
        raise DomainError(f"容缺材料最多{MAX_MISSING}项；主要申请材料须齐全", code="bad_missing", field="missing")
    return list(dict.fromkeys(names))


def decide_green_channel(*, subject, template: CommitmentTemplate, missing, actor, case_reference: str = "",
                         today: dt.date | None = None) -> GreenChannelDecision:
    """容缺受理: with the main materials complete and ``missing`` named, an eligible subject signs the matter's
    容缺受理型 commitment and gets ``supply_by`` (the template's working days); an ineligible one gets every reason.
    Either way the decision is kept (and audited)."""
    today = today or timezone.localdate()
    missing = _missing_materials(missing)
    reasons = eligibility_reasons(subject=subject, template=template, today=today)
    if subject.status != subject.Status.ACTIVE:
        reasons.insert(0, Reason("subject_not_active", f"登记状态为“{subject.get_status_display()}”"))
    channel = Commitment.Channel.API if getattr(actor, "role", "") == Role.SYSTEM else Commitment.Channel.WINDOW
    _may_sign(actor, subject, template, channel)
    with transaction.atomic():
        commitment = None
        if not reasons:
            try:
                commitment = sign_commitment(template=template, subject=subject, actor=actor, channel=channel,
                                             case_reference=case_reference, today=today, checked=reasons)
            except DomainError as exc:
                if exc.code != "duplicate_commitment":
                    raise
                reasons.append(Reason(exc.code, exc.message))
        decision = GreenChannelDecision.objects.create(
            subject=subject, template=template, missing=missing, eligible=commitment is not None,
            reasons=[reason.as_dict() for reason in reasons], commitment=commitment,
            supply_by=add_working_days(today, template.supply_working_days) if commitment else None,
            state=GreenChannelDecision.State.AWAITING if commitment else GreenChannelDecision.State.REFUSED,
            decided_by=_user(actor))
        record_write(actor=actor, action=topics.GREEN_CHANNEL, target=subject, detail={
            "decision": decision.pk, "eligible": decision.eligible, "matter": template.matter_code,
            "reasons": [reason.code for reason in reasons]})
    return decision


def record_supply(*, decision: GreenChannelDecision, supplied: bool, actor, today: dt.date | None = None
                  ) -> GreenChannelDecision:
    """The department records that the missing materials were supplied (the commitment kept) or not by the deadline
    (the case ends; a lapse is a breach: 全部未履行)."""
    today = today or timezone.localdate()
    with transaction.atomic():
        decision = (GreenChannelDecision.objects.select_for_update(of=("self",)).select_related("commitment")
                    .get(pk=decision.pk))
        if decision.state != GreenChannelDecision.State.AWAITING:
            raise DomainError(f"该容缺受理当前为“{decision.get_state_display()}”", code="wrong_state")
        if not supplied and today <= decision.supply_by:
            raise DomainError(f"补齐期限{decision.supply_by:%Y年%m月%d日}尚未届满，不能认定逾期未补齐", code="not_due")
        materials = "、".join(decision.missing)
        if supplied:
            record_fulfilment(commitment=decision.commitment, fulfilment=Commitment.Fulfilment.FULL, actor=actor,
                              today=today)
        else:
            record_fulfilment(commitment=decision.commitment, fulfilment=Commitment.Fulfilment.NONE, actor=actor,
                              today=today, unfulfilled=f"未在{decision.supply_by:%Y年%m月%d日}前补齐容缺材料：{materials}",
                              pursued="终止办理")
        decision.state = GreenChannelDecision.State.SUPPLIED if supplied else GreenChannelDecision.State.LAPSED
        decision.concluded_on = today
        decision.save(update_fields=["state", "concluded_on"])
    return decision
