"""The public forms and look-ups refuse a flood with a Chinese message and keep what was typed."""

import pytest

from publiccredit.objections.models import Objection
from tests.conftest import ENTERPRISE_USCC, filer_code

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def tight_limits(settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "objection": "2/h", "progress": "3/h", "register": "1/h",
                            "login": "2/h"}


def object_to(client, record, reasons="罚款金额有误", **extra):
    return client.post(f"/objection/{record.pk}/", {"filer_kind": "concerned", "filer_name": "王某",
                                                    "contact_phone": "13912345678", "reasons": reasons}, **extra)


def test_a_flood_of_objections_from_one_address_is_refused_with_the_typed_text_kept(client, old_penalty,
                                                                                   tight_limits):
    for _ in range(2):  # rejected attempts count as well
        first = object_to(client, old_penalty, reasons="")
        assert first.status_code == 200 and "请填写" in first.content.decode()
    refused = object_to(client, old_penalty, reasons="第三次提交的理由")
    page = refused.content.decode()
    assert refused.status_code == 429 and "每小时最多提交异议2次" in page and "第三次提交的理由" in page
    assert "附件需要重新选择" in page and not Objection.objects.exists()


def test_another_address_is_not_held_back_by_the_first(client, old_penalty, tight_limits, sms_outbox):
    object_to(client, old_penalty, reasons="")
    object_to(client, old_penalty, reasons="")
    assert object_to(client, old_penalty, reasons="").status_code == 429
    code = filer_code("13912345678", sms_outbox)
    other = client.post(f"/objection/{old_penalty.pk}/", {"filer_kind": "concerned", "filer_name": "王某",
                                                          "contact_phone": "13912345678", "reasons": "罚款金额有误",
                                                          "sms_code": code}, REMOTE_ADDR="10.1.2.3")
    assert other.status_code == 200 and Objection.objects.count() == 1


def test_a_forged_forwarded_header_does_not_lift_the_limit(client, old_penalty, tight_limits):
    for number in range(2):
        object_to(client, old_penalty, reasons="", HTTP_X_FORWARDED_FOR=f"61.131.0.{number}")
    assert object_to(client, old_penalty, reasons="", HTTP_X_FORWARDED_FOR="61.131.0.99").status_code == 429


def test_a_forged_forwarded_header_does_not_lift_the_api_limit_on_progress_look_ups(tight_limits):
    from rest_framework.test import APIClient

    api = APIClient()
    answers = [api.get("/api/v1/repairs/XF2026/", {"code": "AAAA1111"}, HTTP_X_FORWARDED_FOR=f"61.131.1.{n}").status_code
               for n in range(5)]
    assert answers[:3] == [404, 404, 404] and answers[3:] == [429, 429]


def test_behind_a_trusted_proxy_the_forwarded_address_is_counted(client, old_penalty, tight_limits, settings):
    settings.TRUSTED_PROXIES = ["127.0.0.0/8"]
    for _ in range(2):
        object_to(client, old_penalty, reasons="", HTTP_X_FORWARDED_FOR="61.131.0.7")
    assert object_to(client, old_penalty, reasons="", HTTP_X_FORWARDED_FOR="61.131.0.7").status_code == 429
    assert object_to(client, old_penalty, reasons="", HTTP_X_FORWARDED_FOR="61.131.0.8").status_code == 200


def test_guessing_query_codes_on_the_progress_page_is_slowed_down(client, tight_limits):
    for code in ("AAAA1111", "AAAA1112", "AAAA1113"):
        assert "编号或查询码不正确" in client.post("/progress/", {"number": "XF2026", "code": code}).content.decode()
    limited = client.post("/progress/", {"number": "XF2026", "code": "AAAA1114"})
    assert limited.status_code == 429 and "每小时最多查询办理进度3次" in limited.content.decode()
    assert client.get("/progress/").status_code == 200  # the empty form itself is never limited


def test_guessing_query_codes_through_the_api_gets_a_429_in_chinese(client, tight_limits):
    for code in ("AAAA1111", "AAAA1112", "AAAA1113"):
        assert client.get("/api/v1/objections/YY2026/", {"code": code}).status_code == 404
    limited = client.get("/api/v1/repairs/XF2026/", {"code": "AAAA1114"})  # one budget for both look-ups
    assert limited.status_code == 429 and "请求过于频繁" in limited.json()["detail"]


def test_registration_and_login_are_limited_per_address(client, enterprise, tight_limits):
    data = {"username": "a1", "password": "Xinyong-修复-2026!", "password2": "Xinyong-修复-2026!", "name": "刘",
            "phone": "13800000000", "subject_code": ENTERPRISE_USCC, "capacity": "legal_representative"}
    assert client.post("/account/register/", data).status_code == 302
    client.logout()
    second = client.post("/account/register/", {**data, "username": "a2"})
    assert second.status_code == 429 and "每小时最多注册账号1次" in second.content.decode()
    for _ in range(2):
        assert client.post("/account/login/", {"username": "a1", "password": "wrong"}).status_code == 200
    refused = client.post("/account/login/", {"username": "a1", "password": "Xinyong-修复-2026!"})
    assert refused.status_code == 429 and "每小时最多登录2次" in refused.content.decode()
