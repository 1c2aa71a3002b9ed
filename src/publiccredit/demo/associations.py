"""Demo industry association (docs/associations.md): 上饶市光伏行业协会 with its account ``demo-association``, ten
member enterprises (the demo enterprise among them when it exists), a 行业自律 template, members' commitments —
kept, broken (a member credit record) and open — and member credit records of each kind."""

from django.utils import timezone

from publiccredit.accounts.models import User
from publiccredit.accounts.roles import Role
from publiccredit.accounts.services import create_user
from publiccredit.associations import services
from publiccredit.associations.models import Membership
from publiccredit.commitments.services import eligibility_reasons, record_fulfilment
from publiccredit.organizations.models import Organization, Region
from publiccredit.subjects.models import Subject

ASSOCIATION = ("51361100MJD12345XP", "上饶市光伏行业协会")  # a valid USCC (GB 32100 check characters)
USERNAME = "demo-association"


def seed_association(password: str) -> str | None:
    """Create the association, its account and its members' data when the account does not exist; returns the
    username created (None when it existed)."""
    if User.objects.filter(username=USERNAME).exists():
        return None
    code, name = ASSOCIATION
    association, _ = Organization.objects.get_or_create(code=code, defaults={
        "name": name, "short_name": "光伏协会", "kind": Organization.Kind.ASSOCIATION,
        "region": Region.objects.get(code="361100")})
    user = create_user(username=USERNAME, role=Role.ASSOCIATION, organization=association, password=password,
                       full_name="光伏协会秘书处", email=f"{USERNAME}@demo.invalid")
    members = _members()
    memberships = [services.admit_member(actor=user, code=subject.uscc, member_number=f"GF-{position:03d}")
                   for position, subject in enumerate(members, start=1)]
    template = services.publish_template(
        actor=user, title="光伏行业诚信经营自律承诺书", matter_name="光伏行业诚信自律",
        reason="会员单位向协会作出行业自律承诺，接受行业监督",
        content="本单位承诺：不以次充好、不虚标组件功率，按合同约定交付并提供售后服务，不恶意低价竞争，"
                "自觉接受协会和社会监督。",
        conditions="依法取得营业执照\n近一年无重大质量安全事故",
        liability="违背承诺的，由协会视情节给予警告、通报批评、公开谴责直至取消会员资格，并记入会员信用记录。")
    signed = []
    for membership in memberships[:6]:
        if eligibility_reasons(subject=membership.subject, template=template):
            continue
        signed.append(services.sign_for_member(actor=user, membership=membership, template=template))
    today = timezone.localdate()
    for position, commitment in enumerate(signed):
        if position in (0, 1):
            record_fulfilment(commitment=commitment, fulfilment="full", actor=user, today=today)
        elif position == 2:
            record_fulfilment(commitment=commitment, fulfilment="partial", actor=user, today=today,
                              unfulfilled="抽检发现部分组件实测功率低于标称功率", pursued="通报批评，限期整改")
            commitment.refresh_from_db()
            services.note_breach(commitment)
    notes = [("honour", "2026年度光伏行业诚信会员单位", "经会员评议，授予年度诚信会员单位称号。", "饶光伏协〔2026〕5号"),
             ("assessment", "2026年度行业信用评价AA级", "按协会行业信用评价办法评为AA级。", "饶光伏协〔2026〕8号"),
             ("discipline", "通报批评", "在项目投标中恶意低价竞争，经理事会研究给予通报批评。", "饶光伏协〔2026〕11号")]
    for membership, (kind, title, content, number) in zip(memberships[3:], notes, strict=False):
        services.record_note(actor=user, membership=membership, kind=kind, title=title, content=content,
                             decision_number=number)
    return USERNAME


def _members() -> list[Subject]:
    """Ten active enterprises; the demo enterprise's subject first when it exists (so its account sees a
    membership)."""
    demo = User.objects.filter(username="demo-enterprise", subject__isnull=False).select_related("subject").first()
    taken = set(Membership.objects.values_list("subject_id", flat=True))
    chosen = [demo.subject] if demo is not None and demo.subject.uscc else []
    for subject in (Subject.objects.filter(kind=Subject.Kind.LEGAL_PERSON, status=Subject.Status.ACTIVE,
                                           uscc__isnull=False).order_by("-pk")[40:100]):
        if len(chosen) >= 10:
            break
        if subject.pk not in taken and subject not in chosen:
            chosen.append(subject)
    return chosen
