import datetime as dt

from publiccredit.collection.models import Batch, BatchError, CreditRecord
from publiccredit.collection.services import submit_records
from tests.builders import penalty_row

TODAY = dt.date(2026, 11, 25)


def test_a_bad_row_never_stops_the_good_rows(penalty, market_regulation):
    rows = [penalty_row(1), penalty_row(2, CF_JDRQ="不详"), penalty_row(3)]
    result = submit_records(item=penalty, provider=market_regulation, records=rows, actor=None, today=TODAY)
    assert (result.accepted, result.rejected) == (2, 1)
    assert CreditRecord.objects.count() == 2
    assert list(BatchError.objects.values_list("row", "field", "code")) == [(2, "CF_JDRQ", "bad_date")]
    assert Batch.objects.get().status == "done"


def test_an_all_or_nothing_batch_with_one_bad_row_writes_nothing(penalty, market_regulation):
    rows = [penalty_row(1), penalty_row(2, CF_JDRQ="不详"), penalty_row(3)]
    result = submit_records(item=penalty, provider=market_regulation, records=rows, actor=None, atomic=True, today=TODAY)
    assert (result.accepted, result.rejected, result.batch.status) == (0, 1, "rejected")
    assert not CreditRecord.objects.exists()
    assert BatchError.objects.filter(row=2).exists()


def test_an_all_or_nothing_batch_without_errors_is_written_whole(penalty, market_regulation):
    rows = [penalty_row(n) for n in range(1, 4)]
    result = submit_records(item=penalty, provider=market_regulation, records=rows, actor=None, atomic=True, today=TODAY)
    assert (result.created, result.batch.status) == (3, "done")


def test_a_dry_run_classifies_rows_but_writes_no_record(penalty, market_regulation):
    submit_records(item=penalty, provider=market_regulation, records=[penalty_row(1)], actor=None, today=TODAY)
    rows = [penalty_row(1), penalty_row(2), penalty_row(3, CF_SY="")]
    result = submit_records(item=penalty, provider=market_regulation, records=rows, actor=None, dry_run=True,
                            today=TODAY)
    assert (result.unchanged, result.created, result.rejected, result.batch.status) == (1, 1, 1, "dry_run")
    assert CreditRecord.objects.count() == 1
