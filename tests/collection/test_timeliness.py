"""Lateness is counted in working days from the decision to receipt, on the one calendar (双公示: 7)."""


from django.utils import timezone

from publiccredit.collection.models import CreditRecord
from publiccredit.collection.services import submit_records
from publiccredit.workdays.services import forget_cached_calendar, working_days_between
from tests.builders import penalty_row


def test_lateness_is_working_days_from_decision_to_receipt(penalty, market_regulation):
    forget_cached_calendar()
    rows = [penalty_row(1, CF_JDRQ="2026-09-30", CF_YXQ="2027-09-30"),  # across the National Day holiday
            penalty_row(2, CF_JDRQ="2026-11-20", CF_YXQ="2027-11-20")]
    submit_records(item=penalty, provider=market_regulation, records=rows, actor=None)
    received = timezone.localdate()
    for record in CreditRecord.objects.all():
        expected = working_days_between(record.decision_date, received)
        assert record.lateness_working_days == expected
        assert record.on_time == (expected <= 7)
    early = CreditRecord.objects.get(decision_number="饶市监罚〔2026〕1号")
    assert early.lateness_working_days > 7 and early.on_time is False


def test_a_correction_does_not_reset_the_time_of_first_receipt(penalty, market_regulation):
    submit_records(item=penalty, provider=market_regulation, records=[penalty_row(1)], actor=None)
    first = CreditRecord.objects.get()
    submit_records(item=penalty, provider=market_regulation, records=[penalty_row(1, CF_NR="更正")], actor=None)
    again = CreditRecord.objects.get()
    assert again.received_at == first.received_at
    assert again.lateness_working_days == first.lateness_working_days
