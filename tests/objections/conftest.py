"""The objections domain's fixtures: a recent penalty to object to, an objection upheld by its department, and
evidence files kept under the test's own directory."""

import pytest

from publiccredit.collection.models import CreditRecord
from publiccredit.objections.models import Objection
from publiccredit.objections.services import decide_objection, file_objection
from tests.builders import deliver, recent_penalty


@pytest.fixture(autouse=True)
def media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def penalty(enterprise, market_regulation) -> CreditRecord:
    return deliver("penalty", [recent_penalty(1, CF_NR_FK="2")], market_regulation)[0]


@pytest.fixture
def upheld(penalty, market_clerk) -> tuple[Objection, str]:
    objection, code = file_objection(record=penalty, filer_kind="subject", filer_name="信江光伏",
                                     contact_phone="13912345678", reasons="罚款金额录入有误", actor=None,
                                     channel="window")
    decide_objection(objection=objection, outcome="upheld", reason="经核查金额无误", actor=market_clerk,
                     organization=market_clerk.organization)
    return Objection.objects.get(pk=objection.pk), code
