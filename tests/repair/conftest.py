"""A penalty old enough to be repaired, evidence files, and an applicant."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from publiccredit.collection.models import CreditRecord
from publiccredit.repair.services import Applicant
from tests.publicity.conftest import deliver, recent_penalty

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def proof(name: str = "缴款凭证.pdf", content: bytes = PDF) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/pdf")


@pytest.fixture(autouse=True)
def media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def applicant() -> Applicant:
    return Applicant(name="上饶市信江光伏科技有限公司", contact_name="刘经理", contact_phone="0793-8888888")


@pytest.fixture
def fresh_penalty(enterprise, market_regulation) -> CreditRecord:
    return deliver("penalty", [recent_penalty(2, days_ago=10)], market_regulation)[0]


def days_ago(n: int) -> dt.date:
    return timezone.localdate() - dt.timedelta(days=n)
