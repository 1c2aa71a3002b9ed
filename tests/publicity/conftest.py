"""Records in every state the public must or must not see, delivered through the real intake."""

import datetime as dt

import pytest
from django.utils import timezone

from publiccredit.collection.models import CreditRecord
from tests.builders import deliver, inspection_row, penalty_row, person_penalty_row, recent_penalty
from tests.conftest import CITIZEN_ID


@pytest.fixture
def public_penalty(enterprise, market_regulation) -> CreditRecord:
    return deliver("penalty", [recent_penalty(1, CF_SY="在网店宣传中使用虚假的销售数据PUBLICFACT")], market_regulation)[0]


@pytest.fixture
def records_in_every_state(enterprise, citizen, market_regulation) -> dict[str, CreditRecord]:
    """One enterprise with a public penalty, a repaired, an expired, one under objection, a withdrawn one,
    an authorised-only inspection, and a penalty on a natural person delivered with the full ID number."""
    rows = [recent_penalty(1, CF_SY="事实PUBLICFACT"), recent_penalty(2, CF_SY="事实REPAIREDFACT"),
            penalty_row(3, CF_JDRQ="2020-01-10", CF_YXQ="2021-01-10", CF_SY="事实EXPIREDFACT"),
            recent_penalty(4, CF_SY="事实OBJECTIONFACT"), recent_penalty(5, CF_SY="事实WITHDRAWNFACT")]
    public, repaired, expired, objection, withdrawn = deliver("penalty", rows, market_regulation)
    repaired.state = CreditRecord.State.REPAIRED
    objection.state = CreditRecord.State.OBJECTION
    withdrawn.state = CreditRecord.State.WITHDRAWN
    for record in (repaired, objection, withdrawn):
        record.save(update_fields=["state"])
    person = deliver("penalty", [person_penalty_row(6, CITIZEN_ID, name="张三丰", CF_JDRQ=str(
        timezone.localdate() - dt.timedelta(days=3)), CF_FR_ZJHM=CITIZEN_ID)], market_regulation)[0]
    inspection = deliver("administrative_inspection", [inspection_row(7)], market_regulation)[0]
    return {"public": public, "repaired": repaired, "expired": expired, "objection": objection,
            "withdrawn": withdrawn, "person": person, "inspection": inspection}
