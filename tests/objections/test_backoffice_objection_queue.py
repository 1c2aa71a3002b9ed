"""The providing department decides objections to its records from its queue."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from publiccredit.collection.models import CreditRecord
from publiccredit.objections.models import Objection
from publiccredit.objections.services import file_objection
from tests.builders import PDF

pytestmark = pytest.mark.django_db


def test_a_provider_clerk_decides_an_objection_to_its_record_from_its_queue(client, market_clerk, old_penalty,
                                                                            settings):
    objection, _ = file_objection(record=old_penalty, filer_kind="subject", filer_name="信江光伏",
                                  contact_phone="13800000000", reasons="金额有误", actor=None, channel="window",
                                  files=[SimpleUploadedFile("说明.pdf", PDF)])
    client.force_login(market_clerk)
    assert objection.number in client.get("/backoffice/objections/").content.decode()
    client.post(f"/backoffice/objections/{objection.pk}/decide/", {"outcome": "upheld", "reason": "记录无误"})
    assert Objection.objects.get().state == "upheld"
    assert CreditRecord.objects.get(pk=old_penalty.pk).state == "active"
