"""The filer follows an objection by its number and query code, or without them right after filing from the same
browser; the progress page finds it whatever kind the selector says."""

import pytest

from publiccredit.objections.models import Objection
from tests.conftest import filer_code

pytestmark = pytest.mark.django_db


def test_the_filer_follows_an_objection_just_filed_without_typing_the_code_again(client, penalty, sms_outbox):
    client.post(f"/objection/{penalty.pk}/", {"filer_kind": "concerned", "filer_name": "王某",
                                              "contact_phone": "13912345678", "reasons": "罚款金额有误",
                                              "sms_code": filer_code("13912345678", sms_outbox)})
    objection = Objection.objects.get()
    page = client.get(f"/objections/{objection.number}/").content.decode()
    assert objection.number in page and "已收到（待受理）" in page
    assert client.session["verified_numbers"] == [objection.number]


def test_the_progress_page_finds_an_objection_by_its_number_whatever_the_selector_says(client, upheld):
    objection, code = upheld
    page = client.post("/progress/", {"kind": "repair", "number": objection.number.lower(), "code": code})
    assert objection.number in page.content.decode() and "编号或查询码不正确" not in page.content.decode()
