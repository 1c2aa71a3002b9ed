"""A penalty old enough to be repaired, evidence files, and an applicant."""


import pytest

from publiccredit.collection.models import CreditRecord
from publiccredit.repair.services import Applicant
from tests.builders import deliver, recent_penalty


@pytest.fixture(autouse=True)
def media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def applicant() -> Applicant:
    return Applicant(name="上饶市信江光伏科技有限公司", contact_name="刘经理", contact_phone="0793-8888888")


@pytest.fixture
def fresh_penalty(enterprise, market_regulation) -> CreditRecord:
    return deliver("penalty", [recent_penalty(2, days_ago=10)], market_regulation)[0]


