"""The credit office's statistics of repairs and objections, on the page and through the API."""

import pytest

from publiccredit.repair.services import Applicant, apply_for_repair
from tests.builders import proof

pytestmark = pytest.mark.django_db


@pytest.fixture
def application(old_penalty):
    applicant = Applicant(name="上饶市信江光伏科技有限公司", contact_name="刘经理", contact_phone="0793-8888888")
    return apply_for_repair(record=old_penalty, applicant=applicant, statement="已缴清罚款", commitment_accepted=True,
                            files=[proof()], actor=None, channel="portal")[0]


def test_the_statistics_page_counts_repairs_and_objections(client, credit_office_admin, application):
    client.force_login(credit_office_admin)
    page = client.get("/backoffice/repairs/statistics/").content.decode()
    assert "信用修复与异议处理统计" in page and "已提交（待受理）" in page


def test_the_statistics_page_and_the_api_default_to_the_same_365_days(client, credit_office_admin, credit_office):
    import datetime as dt

    from django.utils import timezone

    from publiccredit.accounts.services import issue_token

    client.force_login(credit_office_admin)
    today = timezone.localdate()
    page = client.get("/backoffice/repairs/statistics/").content.decode()
    assert f'value="{today - dt.timedelta(days=365):%Y-%m-%d}"' in page and f'value="{today:%Y-%m-%d}"' in page
    token = issue_token(organization=credit_office, name="监测", scopes=["stats:read"])
    body = client.get("/api/v1/remedies/stats/", HTTP_AUTHORIZATION=f"Bearer {token.secret}").json()
    assert body["repairs"]["since"] == f"{today - dt.timedelta(days=365):%Y-%m-%d}"
    assert body["repairs"]["until"] == f"{today:%Y-%m-%d}"


def test_a_wrong_period_on_the_statistics_page_is_explained(client, credit_office_admin):
    client.force_login(credit_office_admin)
    assert "日期格式应为" in client.get("/backoffice/repairs/statistics/?since=2026-13-01").content.decode()
    assert "开始日期不能晚于结束日期" in client.get(
        "/backoffice/repairs/statistics/?since=2026-06-01&until=2026-01-01").content.decode()
