"""Demo repairs and objections in every state, and a demo enterprise account bound to its subject."""

import datetime as dt

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from publiccredit.accounts.services import system_account_for
from publiccredit.collection.models import CreditRecord
from publiccredit.objections.models import Objection
from publiccredit.objections.services import decide_objection, file_objection, reject_objection, request_review
from publiccredit.repair.models import RepairApplication
from publiccredit.repair.services import (
    Applicant,
    accept_application,
    acknowledge_result,
    apply_for_repair,
    approve_application,
    refuse_application,
    repair_problems,
    return_application,
)

PROOF = b"%PDF-1.4\n% demo proof of payment\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _proof(name: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PROOF, content_type="application/pdf")


def seed_remedies() -> dict[str, int]:
    """Repairs: submitted, accepted (one overdue), returned, approved (acknowledged or not), refused; objections:
    open, upheld, withdrawn, not accepted, upheld and under review by the credit office. Skipped when any exist."""
    if RepairApplication.objects.exists() or Objection.objects.exists():
        return {}
    from publiccredit.demo.lists import _approver

    office = _approver()
    candidates = [r for r in CreditRecord.objects.filter(item__code="penalty", state="active", subject__isnull=False)
                  .exclude(subject__kind="natural_person").select_related("item", "subject", "provider")
                  .order_by("decision_date", "id")[:400] if not repair_problems(r)]
    plan = ["submitted", "accepted", "overdue", "returned", "approved", "approved_acknowledged", "refused"]
    counts: dict[str, int] = {}
    for target, record in zip(plan, candidates, strict=False):
        application, _ = apply_for_repair(
            record=record, applicant=Applicant(name=record.subject.name, contact_name="张经理",
                                               contact_phone="13907938200", contact_email="zhang@demo.invalid"),
            statement="罚款已全部缴纳，违法行为已整改完毕，并组织员工开展诚信经营培训。", commitment_accepted=True,
            files=[_proof("缴款凭证.pdf")], actor=None, channel="portal")
        if target != "submitted":
            application = accept_application(application=application, actor=office)
        if target == "overdue":
            RepairApplication.objects.filter(pk=application.pk).update(
                decide_by=timezone.localdate() - dt.timedelta(days=2))
        elif target == "returned":
            return_application(application=application, reason="请补充整改完成情况的现场照片", actor=office)
        elif target.startswith("approved"):
            application = approve_application(application=application, reason="已纠正失信行为、履行相关义务", actor=office)
            if target == "approved_acknowledged":
                acknowledge_result(application=application, actor=system_account_for(record.provider))
        elif target == "refused":
            refuse_application(application=application, reason="提交的缴款凭证与处罚决定书金额不符", actor=office)
        counts[target] = counts.get(target, 0) + 1
    objection_plan = ["open", "upheld", "withdrawn", "rejected", "review", "awaiting_acceptance"]
    for target, record in zip(objection_plan, candidates[len(plan):], strict=False):
        # taken at the credit window (the clerk checked who files); a third party's waits for the provider's 受理
        third_party = target == "awaiting_acceptance"
        objection, _ = file_objection(
            record=record, filer_kind="concerned" if third_party else "subject",
            filer_name="上饶市某某商贸有限公司" if third_party else record.subject.name,
            contact_phone="0793-8300000", actor=None, channel="window",
            reasons="该处罚所涉经营场所实为本公司承租，处罚对象有误。" if third_party
            else "处罚决定书已被行政复议撤销，请撤销该记录。")
        department = system_account_for(record.provider)  # the department's system decides, not "the filer"
        if target in ("upheld", "review"):
            decide_objection(objection=objection, outcome="upheld", reason="经核查，处罚决定合法有效，记录无误",
                             actor=department)
        if target == "review":
            request_review(objection=Objection.objects.get(pk=objection.pk), actor=None,
                           reasons="行政复议决定书已撤销该处罚决定，提供单位未核查复议结果，请求复核。")
        elif target == "withdrawn":
            decide_objection(objection=objection, outcome="withdrawn", reason="处罚决定已被复议撤销", actor=department)
        elif target == "rejected":
            reject_objection(objection=objection, reason="未提供与异议事项相关的说明", actor=department)
        counts[f"objection_{target}"] = 1
    return counts


def ensure_enterprise_account(password: str) -> str | None:
    """``demo-enterprise``: bound to a subject with a repairable penalty, so the portal flow can be tried."""
    from publiccredit.accounts.models import User
    from publiccredit.selfservice.models import BindingRequest
    from publiccredit.selfservice.services import approve_binding, register_subject_account

    if User.objects.filter(username="demo-enterprise").exists():
        return None
    taken = set(RepairApplication.objects.values_list("subject_id", flat=True))
    record = next((r for r in CreditRecord.objects.filter(item__code="penalty", state="active", subject__isnull=False)
                   .exclude(subject__kind="natural_person").select_related("subject", "item").order_by("-id")[:400]
                   if r.subject_id not in taken and not repair_problems(r)), None)
    if record is None:
        return None
    request = register_subject_account(username="demo-enterprise", password=password, name="演示企业经办人",
                                       phone="13800000000", subject_code=record.subject.uscc,
                                       capacity=BindingRequest.Capacity.AGENT)
    from publiccredit.demo.lists import _approver

    approve_binding(request=request, actor=_approver(), note="演示：已核对营业执照和授权委托书")
    return "demo-enterprise"


def ensure_pending_applicant(password: str) -> str | None:
    """``demo-applicant``: registered for an enterprise with a registered mobile number but not yet bound, so that the
    clerk's queue has a request and binding by a one-time code can be tried (the text lands in var/outbox/sms/)."""
    from publiccredit.accounts.models import User
    from publiccredit.selfservice.models import BindingRequest
    from publiccredit.selfservice.services import register_subject_account
    from publiccredit.subjects.models import RegisteredContact

    if User.objects.filter(username="demo-applicant").exists():
        return None
    bound = set(User.objects.filter(subject__isnull=False).values_list("subject_id", flat=True))
    contact = (RegisteredContact.objects.exclude(subject_id__in=bound).select_related("subject")
               .order_by("subject_id").first())
    if contact is None:
        return None
    register_subject_account(username="demo-applicant", password=password, name="演示法定代表人", phone="13700000000",
                             subject_code=contact.subject.uscc, capacity=BindingRequest.Capacity.LEGAL_REPRESENTATIVE)
    return "demo-applicant"


def seed_registered_contacts() -> int:
    """A synthetic liaison mobile number (139 + the subject id) for every organisation of the demo city, as the
    market regulator's register would deliver them, so that binding by a one-time code can be tried. Re-runs add
    only what is missing."""
    from publiccredit.subjects.models import RegisteredContact, Subject
    from publiccredit.subjects.services import import_registered_contacts

    missing = (Subject.objects.exclude(kind=Subject.Kind.NATURAL_PERSON).filter(registered_contact__isnull=True)
               .order_by("pk").values_list("pk", "uscc"))
    rows = ((number, uscc, f"139{pk % 10 ** 8:08d}") for number, (pk, uscc) in enumerate(list(missing), start=1))
    before = RegisteredContact.objects.count()
    import_registered_contacts(rows, source="演示：市场监管局企业登记联络员信息", actor=None)
    return RegisteredContact.objects.count() - before
