"""Industry associations (docs/associations.md): an association's account admits and removes members, publishes its
行业自律 commitment templates, signs a member's commitment at its office, determines whether it was kept, and keeps
member credit records (表彰奖励, 行业信用评价, 自律惩戒) that the member sees. Members sign their association's
templates from their bound account. Every write is audited and refused in Chinese naming the field."""

import datetime as dt

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.text import slugify

from publiccredit.accounts.roles import Role, require_writer, speaks_for
from publiccredit.audit.services import record_write
from publiccredit.casework.dates import date_or_refuse
from publiccredit.commitments import services as commitments
from publiccredit.commitments.models import Commitment, CommitmentTemplate, CommitmentType, Disclosure
from publiccredit.core.errors import DomainError, PermissionDenied
from publiccredit.events.services import emit
from publiccredit.organizations.models import Organization
from publiccredit.subjects.queries import subject_by_code

from . import topics
from .models import MemberNote, Membership

MANAGE_PERMISSION = "associations.manage_members"


def _text(value) -> str:
    return str(value or "").strip()


def association_of(user) -> Organization:
    """The association an account works for; anyone else is refused."""
    require_writer(user)
    organization = getattr(user, "organization", None)
    if (getattr(user, "role", "") != Role.ASSOCIATION or organization is None
            or organization.kind != Organization.Kind.ASSOCIATION or not user.has_perm(MANAGE_PERMISSION)):
        raise PermissionDenied("只有行业协会商会的账号可以办理", code="not_an_association")
    return organization


def admit_member(*, actor, code: str, joined_on="", member_number: str = "", today: dt.date | None = None
                 ) -> Membership:
    association = association_of(actor)
    today = today or timezone.localdate()
    subject = subject_by_code(code)
    if subject is None:
        raise DomainError(f"没有找到统一社会信用代码为“{_text(code)}”的信用主体", code="unknown_subject", field="code")
    if subject.is_person:
        raise DomainError("会员应为法人或非法人组织（含个体工商户），请填写统一社会信用代码", code="person", field="code")
    joined = date_or_refuse(joined_on, "入会日期", "joined_on") or today
    if joined > today:
        raise DomainError("入会日期不能晚于今天", code="future_date", field="joined_on")
    try:
        with transaction.atomic():
            membership = Membership.objects.create(association=association, subject=subject, joined_on=joined,
                                                   member_number=_text(member_number)[:40])
            record_write(actor=actor, action=topics.ADMITTED, target=membership,
                         detail={"association": association.code, "subject": subject.pk})
            emit(topics.ADMITTED, {"membership_id": membership.pk, "subject_id": subject.pk})
    except IntegrityError:
        raise DomainError(f"{subject.name}已是本会会员", code="duplicate_member", field="code") from None
    return membership


def end_membership(*, actor, membership: Membership, today: dt.date | None = None) -> Membership:
    association = association_of(actor)
    if membership.association_id != association.pk:
        raise PermissionDenied("只能办理本会的会员", code="not_own_member")
    with transaction.atomic():
        membership = Membership.objects.select_for_update().get(pk=membership.pk)
        if membership.state == Membership.State.ENDED:
            return membership
        membership.state, membership.ended_on = Membership.State.ENDED, today or timezone.localdate()
        membership.save(update_fields=["state", "ended_on"])
        record_write(actor=actor, action=topics.ENDED, target=membership, detail={"subject": membership.subject_id})
        emit(topics.ENDED, {"membership_id": membership.pk, "subject_id": membership.subject_id})
    return membership


def active_membership(association_id: int, subject_id: int) -> Membership | None:
    return Membership.objects.filter(association_id=association_id, subject_id=subject_id,
                                     state=Membership.State.ACTIVE).first()


def record_note(*, actor, membership: Membership, kind: str, title: str, content: str, decided_on="",
                decision_number: str = "", today: dt.date | None = None) -> MemberNote:
    """A member credit record the association keeps; the member reads it on its account."""
    association = association_of(actor)
    today = today or timezone.localdate()
    if membership.association_id != association.pk:
        raise PermissionDenied("只能记录本会会员的信用信息", code="not_own_member")
    if kind not in MemberNote.Kind.values or kind == MemberNote.Kind.BREACH:
        raise DomainError("请选择类别：表彰奖励、行业信用评价、自律惩戒或其他", code="bad_kind", field="kind")
    missing = [label for label, value in (("名称", title), ("内容", content)) if not _text(value)]
    if missing:
        raise DomainError("请填写：" + "、".join(missing), code="missing_fields", field="title")
    decided = date_or_refuse(decided_on, "作出日期", "decided_on") or today
    if decided > today:
        raise DomainError("作出日期不能晚于今天", code="future_date", field="decided_on")
    with transaction.atomic():
        note = MemberNote.objects.create(association=association, subject_id=membership.subject_id, kind=kind,
                                         title=_text(title)[:200], content=_text(content)[:4000], decided_on=decided,
                                         decision_number=_text(decision_number)[:100], recorded_by=actor)
        record_write(actor=actor, action=topics.NOTE_RECORDED, target=note,
                     detail={"subject": membership.subject_id, "kind": kind})
        emit(topics.NOTE_RECORDED, {"note_id": note.pk, "subject_id": membership.subject_id})
    return note


def note_breach(commitment: Commitment) -> MemberNote | None:
    """A 行业自律 commitment determined broken becomes a member credit record of the association (once)."""
    if not commitments.is_self_discipline(commitment) or commitment.fulfilment not in Commitment.BREACHES:
        return None
    note, _ = MemberNote.objects.get_or_create(commitment=commitment, defaults={
        "association_id": commitment.department_id, "subject_id": commitment.subject_id, "kind": MemberNote.Kind.BREACH,
        "title": f"违背行业自律承诺（{commitment.number}）",
        "content": f"{commitment.get_fulfilment_display()}：{commitment.unfulfilled}；追究：{commitment.pursued}"[:4000],
        "decided_on": commitment.determined_on})
    return note


def publish_template(*, actor, title: str, matter_name: str, reason: str, content: str, liability: str,
                     conditions: str = "", validity_months=12, disclosure: str = Disclosure.PUBLIC
                     ) -> CommitmentTemplate:
    """An association's 行业自律型 template (type 5), accepted by the association itself."""
    association = association_of(actor)
    fields = {"承诺书名称": title, "自律事项": matter_name, "承诺事由": reason, "承诺内容": content, "违诺责任": liability}
    missing = [label for label, value in fields.items() if not _text(value)]
    if missing:
        raise DomainError("请填写：" + "、".join(missing), code="missing_fields", field="title")
    try:
        months = int(validity_months)
    except (TypeError, ValueError):
        months = 0
    if not 1 <= months <= 60:
        raise DomainError("有效期应为1至60个月", code="bad_validity", field="validity_months")
    if disclosure not in Disclosure.values:
        raise DomainError("公开类型不正确", code="bad_disclosure", field="disclosure")
    count = CommitmentTemplate.objects.filter(department=association).count()
    stem = f"xh-{association.code[-8:].lower()}"
    with transaction.atomic():
        template = CommitmentTemplate.objects.create(
            code=slugify(f"{stem}-{count + 1}")[:40], department=association,
            matter_code=f"{association.code}-ZL-{count + 1:03d}", matter_name=_text(matter_name)[:200],
            type=CommitmentType.SELF_DISCIPLINE, title=_text(title)[:200], reason=_text(reason)[:512],
            content=_text(content)[:4000], conditions=_text(conditions), liability=_text(liability)[:4000],
            validity_months=months, disclosure=disclosure)
        record_write(actor=actor, action=topics.TEMPLATE_PUBLISHED, target=template, detail={"code": template.code})
    return template


def own_template(actor, code: str) -> CommitmentTemplate:
    association = association_of(actor)
    template = commitments.template_by_code(code)
    if template.department_id != association.pk:
        raise PermissionDenied("只能使用本会发布的承诺书", code="not_own_template")
    return template


def sign_as_member(*, user, template: CommitmentTemplate) -> Commitment:
    """A member signs its association's 行业自律 commitment from its bound account."""
    if not speaks_for(user, getattr(user, "subject_id", None)):
        raise PermissionDenied("请使用已绑定会员单位的账号签署", code="not_subject_account")
    if template.department.kind != Organization.Kind.ASSOCIATION:
        raise DomainError("该承诺书不是行业自律承诺，请在“我的信用承诺”页面签署", field="template")
    if active_membership(template.department_id, user.subject_id) is None:
        raise DomainError(f"只有{template.department.name}的会员可以签署该承诺", code="not_a_member", field="template")
    return commitments.sign_commitment(template=template, subject=user.subject, actor=user,
                                       channel=Commitment.Channel.PORTAL)


def sign_for_member(*, actor, membership: Membership, template: CommitmentTemplate) -> Commitment:
    """The association signs a member's commitment at its office (the member signed on paper)."""
    association = association_of(actor)
    if membership.association_id != association.pk or membership.state != Membership.State.ACTIVE:
        raise DomainError("只能为本会在册会员签署", code="not_a_member", field="member")
    if template.department_id != association.pk:
        raise PermissionDenied("只能使用本会发布的承诺书", code="not_own_template")
    return commitments.sign_commitment(template=template, subject=membership.subject, actor=actor,
                                       channel=Commitment.Channel.WINDOW)
