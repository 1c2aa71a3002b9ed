"""Registration never tells whose an ID number is; an ID number typed anywhere is never echoed in full; query codes
stay out of URLs."""

import pytest

from tests.conftest import CITIZEN_ID

pytestmark = pytest.mark.django_db

PASSWORD = "Xinyong-本人-2026!"
MISTYPED_ID = CITIZEN_ID[:-1] + "1"  # one digit off: the check digit no longer matches


def register_as(client, code: str):
    return client.post("/account/register/", {
        "username": "curious", "password": PASSWORD, "password2": PASSWORD, "name": "好奇者", "phone": "13800000001",
        "subject_code": code, "capacity": "self"})


def test_registering_with_a_citizen_id_shows_only_the_masked_name_until_verified(client, citizen):
    assert register_as(client, CITIZEN_ID).status_code == 302
    page = client.get("/account/").content.decode()
    assert "张三丰" not in page
    assert "张*丰" in page


def test_the_full_name_shows_once_the_binding_is_verified(client, citizen, credit_office_admin):
    from publiccredit.selfservice.models import BindingRequest
    from publiccredit.selfservice.services import approve_binding

    register_as(client, CITIZEN_ID)
    approve_binding(request=BindingRequest.objects.get(), actor=credit_office_admin, note="窗口核验身份证")
    assert "张三丰" in client.get("/account/").content.decode()


def test_a_failed_registration_does_not_write_the_id_number_back_into_the_form(client, citizen):
    response = client.post("/account/register/", {"username": "x", "password": PASSWORD, "password2": "other",
                                                  "subject_code": CITIZEN_ID, "capacity": "self"})
    assert CITIZEN_ID not in response.content.decode()


def test_a_mistyped_id_searched_for_is_masked_in_title_box_and_message(client):
    page = client.get("/search/", {"q": MISTYPED_ID}).content.decode()
    assert MISTYPED_ID not in page
    assert "3611**********1231" in page


def test_the_progress_form_posts_so_the_query_code_never_stands_in_the_url(client):
    page = client.get("/progress/?kind=repair&number=XF1&code=SECRET99").content.decode()
    assert 'method="post"' in page
    assert "编号或查询码不正确" not in page  # a code in the URL is not looked up at all


def test_password_rules_are_stated_in_chinese_before_and_after_failing(client):
    page = client.get("/account/register/").content.decode()
    assert "密码至少10个字符" in page and "不能全都是数字" in page
    refused = client.post("/account/register/", {"username": "short", "password": "Ab1!", "password2": "Ab1!",
                                                  "name": "刘", "phone": "13800000002", "subject_code": "x",
                                                  "capacity": "self"}).content.decode()
    assert "密码太短，至少需要10个字符" in refused
    assert "This password" not in refused
