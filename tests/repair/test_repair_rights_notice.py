"""Every penalty gets a repair rights notice (信用修复告知书) naming how and from when to repair."""

import pytest

pytestmark = pytest.mark.django_db


def test_a_repair_rights_notice_is_generated_for_every_penalty(client, market_clerk, old_penalty):
    client.force_login(market_clerk)
    page = client.get(f"/backoffice/records/{old_penalty.pk}/repair-notice/").content.decode()
    assert "信用修复告知书" in page and old_penalty.decision_number in page
    assert f"{old_penalty.repairable_from.year}年" in page and "不收取任何费用" in page
    pdf = client.get(f"/backoffice/records/{old_penalty.pk}/repair-notice.pdf")
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")


def test_the_repair_rights_notice_names_the_configured_site_address(client, market_clerk, old_penalty, settings):
    settings.SITE_URL = "https://credit.zgsr.gov.cn/"
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "10.0.0.8"]  # the clerk reached an internal address
    client.force_login(market_clerk)
    page = client.get(f"/backoffice/records/{old_penalty.pk}/repair-notice/", HTTP_HOST="10.0.0.8:8000").content.decode()
    assert "https://credit.zgsr.gov.cn/account/" in page and "10.0.0.8" not in page
