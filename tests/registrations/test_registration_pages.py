"""The pages of voluntary registration: the account's 信用信息自愿注册 page files and withdraws; the back office
queue of the chosen department verifies, rejects and opens the evidence, every read audited."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from publiccredit.accounts.roles import Role
from publiccredit.audit.models import AuditEntry
from publiccredit.registrations.models import Registration
from tests.builders import PDF

pytestmark = pytest.mark.django_db




def form(department, **overrides) -> dict:
    return {"kind": "honour", "title": "上饶市守合同重信用企业", "issuer": "上饶市市场监督管理局",
            "certificate_number": "SHT-2026-031", "issued_on": str(timezone.localdate() - dt.timedelta(days=90)),
            "valid_until": "", "department": str(department.pk), "description": "", "contact_phone": "13912345678",
            "commitment": "on", "files": SimpleUploadedFile("证书.pdf", PDF, content_type="application/pdf"),
            **overrides}


def test_the_account_files_a_registration_on_its_page_and_sees_it_listed(client, owner, market_regulation):
    client.force_login(owner)
    page = client.get("/account/registrations/").content.decode()
    assert "真实性承诺" in page and market_regulation.name in page
    answer = client.post("/account/registrations/", form(market_regulation))
    body = answer.content.decode()
    assert answer.status_code == 200 and "已提交，注册编号" in body and "上饶市守合同重信用企业" in body
    assert Registration.objects.get().state == "submitted"


def test_a_refused_filing_keeps_what_was_typed_and_says_why(client, owner, market_regulation):
    client.force_login(owner)
    answer = client.post("/account/registrations/", form(market_regulation, commitment=""))
    body = answer.content.decode()
    assert answer.status_code == 400 and "请阅读并勾选真实性承诺" in body and 'value="SHT-2026-031"' in body
    assert not Registration.objects.exists()


def test_an_account_without_a_subject_cannot_open_the_page(client, db):
    from publiccredit.accounts.models import User

    lone = User.objects.create_user(username="lone", password="Geren-2026!!x", role=Role.SUBJECT_USER)  # not bound
    client.force_login(lone)
    assert client.get("/account/registrations/").status_code == 403


def test_the_owner_withdraws_from_its_page(client, owner, market_regulation):
    client.force_login(owner)
    client.post("/account/registrations/", form(market_regulation))
    registration = Registration.objects.get()
    client.post(f"/account/registrations/{registration.pk}/withdraw/")
    assert Registration.objects.get().state == "withdrawn"


def test_the_chosen_department_verifies_from_its_queue_and_opens_the_evidence_audited(
        client, owner, market_regulation, market_clerk):
    client.force_login(owner)
    client.post("/account/registrations/", form(market_regulation))
    registration = Registration.objects.get()
    client.force_login(market_clerk)
    queue = client.get("/backoffice/registrations/").content.decode()
    assert registration.number in queue
    detail = client.get(f"/backoffice/registrations/{registration.pk}/").content.decode()
    attachment = registration.attachments.get()
    assert f"/backoffice/registrations/{registration.pk}/files/{attachment.pk}/" in detail
    download = client.get(f"/backoffice/registrations/{registration.pk}/files/{attachment.pk}/")
    assert download.status_code == 200 and b"".join(download.streaming_content) == PDF
    assert AuditEntry.objects.filter(action="registrations.attachment.read", actor_id=market_clerk.pk).exists()
    client.post(f"/backoffice/registrations/{registration.pk}/verify/", {"reason": "与原件一致"})
    assert Registration.objects.get().state == "verified"


def test_another_department_does_not_see_the_registration(client, owner, credit_office, market_clerk):
    client.force_login(owner)
    client.post("/account/registrations/", form(credit_office))
    registration = Registration.objects.get()
    client.force_login(market_clerk)
    assert registration.number not in client.get("/backoffice/registrations/").content.decode()
    assert client.get(f"/backoffice/registrations/{registration.pk}/").status_code == 404
