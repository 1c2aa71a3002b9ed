"""Demo voluntary registrations (docs/registrations.md) through the real workflow: organisations of the demo city
declare certificates, honours and charity with evidence; the competent departments verify most, reject a few with a
reason, leave some waiting, and find one false (which becomes a 虚假申报信用信息 record)."""

import datetime as dt
import random

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from publiccredit.organizations.models import Organization
from publiccredit.registrations.models import Registration
from publiccredit.registrations.services import (
    file_registration,
    find_false,
    reject_registration,
    verify_registration,
)
from publiccredit.subjects.models import Subject

EVIDENCE_PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
# kind, title, issuer, the department that verifies (by name)
DECLARATIONS = [
    ("certificate", "安全生产标准化二级企业", "江西省应急管理厅", "上饶市应急管理局"),
    ("certificate", "质量管理体系认证证书（ISO 9001）", "中国质量认证中心", "上饶市市场监督管理局"),
    ("honour", "上饶市守合同重信用企业", "上饶市市场监督管理局", "上饶市市场监督管理局"),
    ("honour", "江西省纳税信用A级纳税人", "国家税务总局江西省税务局", "国家税务总局上饶市税务局"),
    ("charity", "向上饶市慈善总会捐赠抗洪救灾物资", "上饶市慈善总会", "上饶市民政局"),
    ("production", "建成光伏组件智能化生产线（年产能2GW）", "", "上饶市工业和信息化局"),
]
# what happens to the n-th registration (the rest are verified)
PLAN = {3: "submitted", 7: "submitted", 11: "rejected", 15: "submitted", 19: "false"}


def seed_registrations(*, count: int = 36, seed: int = 11) -> int:
    """File ``count`` registrations for the first organisations of the demo city (skipped when some exist)."""
    from publiccredit.demo.lists import _approver

    if Registration.objects.exists():
        return 0
    departments = {org.name: org for org in Organization.objects.filter(name__in={d[3] for d in DECLARATIONS})}
    fallback = Organization.objects.filter(kind=Organization.Kind.CREDIT_OFFICE).first()
    subjects = list(Subject.objects.exclude(kind=Subject.Kind.NATURAL_PERSON).order_by("pk")[:count])
    rng, today, verifier, filed = random.Random(seed), timezone.localdate(), _approver(), 0
    for number, subject in enumerate(subjects):
        kind, title, issuer, department_name = DECLARATIONS[number % len(DECLARATIONS)]
        department = departments.get(department_name) or fallback
        registration, _ = file_registration(
            subject=subject, kind=kind, title=title, issuer=issuer, certificate_number=f"DEMO-{subject.pk:06d}",
            issued_on=today - dt.timedelta(days=rng.randint(30, 600)), valid_until=None, description="",
            department_id=department.pk, commitment_accepted=True, contact_phone="0793-8200000", actor=None,
            files=[SimpleUploadedFile("证明材料.pdf", EVIDENCE_PDF, content_type="application/pdf")])
        outcome = PLAN.get(number, "verified")
        if outcome == "rejected":
            reject_registration(registration=registration, actor=verifier, reason="证书编号在发证机关查询不到，请核对后重新注册")
        elif outcome in ("verified", "false"):
            verify_registration(registration=registration, actor=verifier, note="与原件核对一致")
            if outcome == "false":
                find_false(registration=registration, actor=verifier, reason="经向发证机关核实，该证书系伪造",
                           decision_number=f"饶信认〔{today.year}〕{subject.pk}号")
        filed += 1
    return filed
