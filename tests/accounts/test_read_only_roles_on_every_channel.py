"""An auditor reads and never writes, on every channel; a session never widens what a token's scopes allow."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from rest_framework.test import APIClient

from publiccredit.accounts.roles import Role
from publiccredit.accounts.services import create_user, issue_token
from publiccredit.catalog.models import CatalogItem
from publiccredit.collection.models import Batch, CreditRecord
from publiccredit.collection.services import submit_records
from publiccredit.core.errors import PermissionDenied
from publiccredit.sanctions.models import Screening
from tests.builders import penalty_row

pytestmark = pytest.mark.django_db


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_an_auditor_cannot_upload_a_file_in_the_back_office(auditor):
    upload = SimpleUploadedFile("penalties.csv", "CF_WSH\n饶市监罚〔2026〕1号\n".encode())
    response = signed_in(auditor).post("/backoffice/collection/", {"item": "penalty", "file": upload})
    assert response.status_code == 403
    assert not Batch.objects.exists()


def test_an_auditor_still_opens_the_back_office_pages(auditor):
    client = signed_in(auditor)
    assert client.get("/backoffice/collection/").status_code == 200
    assert client.get("/backoffice/screening/").status_code == 200


def test_an_auditor_cannot_screen_or_deliver_through_the_api_with_a_session(auditor, enterprise):
    client = APIClient()
    client.force_login(auditor)
    screening = client.post("/api/v1/screening/", {"matter": "gov_procurement",
                                                   "subjects": [{"code": enterprise.uscc}]}, format="json")
    assert screening.status_code == 403
    delivery = client.post("/api/v1/collection/penalty/records/", {"records": [penalty_row(1)]}, format="json")
    assert delivery.status_code == 403
    assert "审计人员只能查阅" in delivery.json()["detail"]
    assert not Screening.objects.exists() and not CreditRecord.objects.exists()


def test_an_auditor_reads_statistics_through_the_api_with_a_session(auditor):
    client = APIClient()
    client.force_login(auditor)
    assert client.get("/api/v1/collection/stats/").status_code == 200


def test_the_intake_service_refuses_an_auditor_whatever_the_channel(auditor, market_regulation, enterprise):
    with pytest.raises(PermissionDenied) as refused:
        submit_records(item=CatalogItem.objects.get(code="penalty"), provider=market_regulation,
                       records=[penalty_row(1)], actor=auditor)
    assert refused.value.code == "read_only_role"
    assert not CreditRecord.objects.exists()


def test_a_session_does_not_widen_a_read_only_token(credit_office_admin, market_regulation, enterprise):
    issued = issue_token(organization=market_regulation, scopes="records:read")
    client = APIClient()
    client.force_login(credit_office_admin)  # the credit office may deliver with its session …
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {issued.secret}")  # … but this request comes with a token
    response = client.post("/api/v1/collection/penalty/records/", {"records": [penalty_row(1)]}, format="json")
    assert response.status_code == 403
    assert not CreditRecord.objects.exists()


def test_a_system_account_signed_in_by_session_gets_no_scopes(market_regulation, enterprise):
    system = create_user(username="scjg-system", role=Role.SYSTEM, organization=market_regulation)
    system.is_staff = True  # even if someone ticks it in the admin
    system.save()
    client = APIClient()
    client.force_login(system)
    response = client.post("/api/v1/collection/penalty/records/", {"records": [penalty_row(1)]}, format="json")
    assert response.status_code == 403
    assert not CreditRecord.objects.exists()


def test_a_provider_clerk_delivers_with_a_session_but_cannot_act_on_repairs(market_clerk, enterprise):
    client = APIClient()
    client.force_login(market_clerk)
    delivery = client.post("/api/v1/collection/penalty/records/", {"records": [penalty_row(1)]}, format="json")
    assert delivery.status_code == 200 and delivery.json()["created"] == 1
    assert client.post("/api/v1/repairs/", {}, format="json").status_code == 403
