"""Demo credit commitments (docs/commitments.md): templates of the market regulator, the housing bureau and the
administrative approval bureau, commitments signed online, at windows and by an approval system, most kept, one
breached (a 信用承诺未履行 record), one withdrawn; 容缺受理 decisions — awaiting the materials, supplied, lapsed (a
breach) and refused for a listed subject."""

import datetime as dt

from django.utils import timezone

from publiccredit.commitments.models import Commitment, CommitmentTemplate
from publiccredit.commitments.services import (
    decide_green_channel,
    decide_matter,
    eligibility_reasons,
    record_fulfilment,
    record_supply,
    sign_commitment,
    withdraw_commitment,
)
from publiccredit.lists.models import ListEntry
from publiccredit.organizations.models import Organization
from publiccredit.subjects.models import Subject

# code, department, matter code, matter, type, title, reason, content, conditions, liability, months, disclosure
TEMPLATES = [
    ("scjg-spjy-1", "上饶市市场监督管理局", "361100-SCJG-001", "食品经营许可（仅销售预包装食品）", "1",
     "食品经营许可告知承诺书", "申请食品经营许可，以告知承诺方式办理",
     "本单位已知悉食品经营许可的条件和要求，承诺符合许可条件，所填报信息和提交的材料真实、准确、完整、有效，"
     "并在经营过程中持续符合许可条件、接受监督检查。",
     "具有与经营的食品品种、数量相适应的经营场所\n配备专职或兼职食品安全管理人员\n具有保证食品安全的规章制度",
     "违背承诺的，依法撤销许可，并将违诺情况记入信用记录、向社会公开。", 12, "public"),
    ("xzsp-zmsx-3", "上饶市行政审批局", "361100-XZSP-003", "企业开办（住所使用证明）", "3",
     "住所（经营场所）使用证明事项告知承诺书", "以告知承诺代替住所使用证明",
     "本单位承诺对所申报的住所（经营场所）享有合法使用权，如有不实，自愿承担法律责任。", "",
     "承诺不实的，依法撤销登记并记入信用记录。", 24, "public"),
    ("zjj-rq-2", "上饶市住房和城乡建设局", "361100-ZJJ-012", "建筑工程施工许可", "2",
     "建筑工程施工许可容缺受理承诺书", "主要申请材料齐全，次要材料容缺受理",
     "本单位承诺在容缺受理通知书载明的期限内补齐全部容缺材料，逾期未补齐的，同意终止办理。", "",
     "逾期未补齐材料的，终止办理，并将违诺情况记入信用记录。", 6, "restricted"),
    ("scjg-zd-6", "上饶市市场监督管理局", "361100-SCJG-ZD", "诚信经营主动承诺", "6", "诚信经营承诺书",
     "主动向社会作出诚信经营承诺", "本单位承诺依法诚信经营，不制售假冒伪劣商品，不作虚假宣传，自觉接受社会监督。", "",
     "违背承诺的，记入信用记录。", 12, "public"),
]


def seed_commitments() -> int:
    """Seed when no commitment exists; returns the commitments made."""
    if Commitment.objects.exists():
        return 0
    departments = {o.name: o for o in Organization.objects.filter(name__in={spec[1] for spec in TEMPLATES})}
    templates = []
    for (code, department, matter_code, matter, kind, title, reason, content, conditions, liability, months,
         disclosure) in TEMPLATES:
        if department not in departments:
            continue
        templates.append(CommitmentTemplate.objects.get_or_create(code=code, defaults={
            "department": departments[department], "matter_code": matter_code, "matter_name": matter, "type": kind,
            "title": title, "reason": reason, "content": content, "conditions": conditions, "liability": liability,
            "validity_months": months, "disclosure": disclosure})[0])
    if not templates:
        return 0
    today = timezone.localdate()
    subjects = list(Subject.objects.filter(kind=Subject.Kind.LEGAL_PERSON, status=Subject.Status.ACTIVE,
                                           uscc__isnull=False).order_by("pk")[:60])
    made = []
    for index, subject in enumerate(subjects):
        template = templates[index % len(templates)]
        if eligibility_reasons(subject=subject, template=template, today=today):
            continue  # the demo city has listed subjects: they are refused, as the rules say
        channel = ("portal", "window", "api")[index % 3]
        made.append(sign_commitment(template=template, subject=subject, actor=None, channel=channel,
                                    case_reference=f"DEMO-{index:04d}", today=today - dt.timedelta(days=index)))
        if len(made) >= 24:
            break
    for position, commitment in enumerate(made):
        if position % 6 == 5:
            withdraw_commitment(commitment=commitment, actor=None)
        elif position == 3:
            record_fulfilment(commitment=commitment, fulfilment="partial", actor=None, today=today,
                              unfulfilled="核查发现经营场所与承诺不符，未配备食品安全管理人员",
                              pursued="责令限期改正，撤销告知承诺许可")
        elif position % 3 == 0:
            record_fulfilment(commitment=commitment, fulfilment="full", actor=None, today=today)
        elif position % 2 == 0:
            decide_matter(commitment=commitment, actor=None)
    tolerance = next((template for template in templates if template.type == "2"), None)
    if tolerance is not None:
        _green_channel(tolerance, subjects[30:], today)
    return len(made)


def _green_channel(tolerance: CommitmentTemplate, subjects: list, today: dt.date) -> None:
    asked = today - dt.timedelta(days=20)
    outcomes = [None, True, False]  # awaiting, supplied, lapsed
    for index, subject in enumerate(subjects[:len(outcomes)]):
        decision = decide_green_channel(subject=subject, template=tolerance, missing=["施工图设计文件审查合格书"],
                                        actor=None, case_reference=f"DEMO-RQ-{index}", today=asked)
        if decision.eligible and outcomes[index] is not None:
            record_supply(decision=decision, supplied=outcomes[index], actor=None, today=today)
    listed = (ListEntry.objects.in_force(today=today).filter(kind__category="dishonest", subject__kind="legal_person")
              .select_related("subject").first())
    if listed is not None:
        decide_green_channel(subject=listed.subject, template=tolerance, missing=["施工图设计文件审查合格书"], actor=None,
                             case_reference="DEMO-RQ-LISTED", today=today)
