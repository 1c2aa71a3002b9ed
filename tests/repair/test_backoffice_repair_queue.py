"""The credit office works the repair queue at its window; the deciding department acknowledges results."""

import pytest

from publiccredit.collection.models import CreditRecord
from publiccredit.repair.models import RepairApplication
from publiccredit.repair.services import apply_for_repair
from tests.builders import PDF, proof

pytestmark = pytest.mark.django_db


@pytest.fixture
def application(old_penalty, applicant):
    return apply_for_repair(record=old_penalty, applicant=applicant, statement="已缴清罚款", commitment_accepted=True,
                            files=[proof()], actor=None, channel="portal")[0]


def test_the_credit_office_accepts_and_approves_from_the_queue(client, credit_office_admin, application):
    client.force_login(credit_office_admin)
    queue = client.get("/backoffice/repairs/").content.decode()
    assert application.number in queue
    client.post(f"/backoffice/repairs/{application.pk}/accept/")
    client.post(f"/backoffice/repairs/{application.pk}/approve/", {"reason": "材料齐全"})
    application.refresh_from_db()
    assert application.state == "approved"
    assert CreditRecord.objects.get(pk=application.record_id).state == "repaired"
    page = client.get(f"/backoffice/repairs/{application.pk}/").content.decode()
    for label in ("已提交（待受理）", "已受理（审核中）", "准予修复", "材料齐全"):
        assert label in page


def test_the_evidence_downloads_only_for_staff_who_see_the_application(client, credit_office_admin, application,
                                                                       market_regulation):
    from publiccredit.accounts.roles import Role
    from publiccredit.accounts.services import create_user
    from publiccredit.organizations.models import Organization

    client.force_login(credit_office_admin)
    stored = application.attachments.get()
    response = client.get(f"/backoffice/repairs/{application.pk}/files/{stored.pk}/")
    assert b"".join(response.streaming_content) == PDF
    outsider = create_user(username="tax-li", role=Role.PROVIDER_CLERK,
                           organization=Organization.objects.get(short_name="市税务局"), full_name="李税务")
    client.force_login(outsider)
    assert client.get(f"/backoffice/repairs/{application.pk}/files/{stored.pk}/").status_code == 404


def test_the_deciding_department_acknowledges_the_result(client, credit_office_admin, market_clerk, application):
    client.force_login(credit_office_admin)
    client.post(f"/backoffice/repairs/{application.pk}/accept/")
    client.post(f"/backoffice/repairs/{application.pk}/approve/", {"reason": ""})
    client.force_login(market_clerk)
    assert application.number in client.get("/backoffice/repairs/?state=to_acknowledge").content.decode()
    assert client.post(f"/backoffice/repairs/{application.pk}/approve/").status_code == 403
    client.post(f"/backoffice/repairs/{application.pk}/acknowledge/")
    assert RepairApplication.objects.get().pushed_at is not None


def test_the_dashboard_alerts_overdue_repairs(client, credit_office_admin, application):
    import datetime as dt

    from django.utils import timezone

    RepairApplication.objects.filter(pk=application.pk).update(decide_by=timezone.localdate() - dt.timedelta(days=1))
    client.force_login(credit_office_admin)
    page = client.get("/backoffice/").content.decode()
    assert "信用修复 1 件办理中" in page and "其中 1 件已逾期" in page
    assert "逾期" in client.get("/backoffice/repairs/").content.decode()


def test_the_window_files_an_application_on_behalf_of_a_subject(client, credit_office_admin, old_penalty):
    from tests.conftest import ENTERPRISE_USCC

    client.force_login(credit_office_admin)
    form = client.get(f"/backoffice/repairs/new/?code={ENTERPRISE_USCC}").content.decode()
    assert old_penalty.decision_number in form
    response = client.post("/backoffice/repairs/new/", {
        "code": ENTERPRISE_USCC, "record": old_penalty.pk, "applicant_name": "信江光伏", "contact_name": "刘经理",
        "contact_phone": "13800000000", "statement": "已缴清罚款", "commitment": "on", "files": [proof()]})
    application = RepairApplication.objects.get()
    assert response.url == f"/backoffice/repairs/{application.pk}/"
    assert application.channel == "backoffice" and application.submitted_by == credit_office_admin
    page = client.get(response.url).content.decode()
    assert "请将查询码" in page


def test_the_window_form_names_what_is_missing(client, credit_office_admin, old_penalty):
    from tests.conftest import ENTERPRISE_USCC

    client.force_login(credit_office_admin)
    page = client.post("/backoffice/repairs/new/", {"code": ENTERPRISE_USCC, "record": old_penalty.pk,
                                                    "applicant_name": "信江光伏", "contact_name": "刘",
                                                    "contact_phone": "13800000000", "statement": "已整改"}).content.decode()
    assert "承诺书" in page and not RepairApplication.objects.exists()
