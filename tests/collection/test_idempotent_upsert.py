"""Business key = provider + item + decision number + party code: re-sending changes nothing, a changed row is a new
version (更正), a row marked 撤销 withdraws the record; every version stays."""

import datetime as dt

from publiccredit.collection.models import BatchError, CreditRecord, RecordVersion
from publiccredit.collection.services import submit_records
from tests.builders import penalty_row

TODAY = dt.date(2026, 11, 25)


def send(penalty, provider, rows):
    return submit_records(item=penalty, provider=provider, records=rows, actor=None, today=TODAY)


def test_re_sending_a_batch_creates_no_duplicates(penalty, market_regulation):
    rows = [penalty_row(n) for n in range(1, 6)]
    first = send(penalty, market_regulation, rows)
    again = send(penalty, market_regulation, rows)
    assert (first.created, again.created, again.unchanged) == (5, 0, 5)
    assert CreditRecord.objects.count() == 5
    assert again.created + again.updated + again.unchanged == again.accepted


def test_a_changed_row_becomes_a_new_version_and_the_old_one_is_kept(penalty, market_regulation):
    send(penalty, market_regulation, [penalty_row(1)])
    result = send(penalty, market_regulation, [penalty_row(1, CF_NR="警告，并处罚款3万元", CF_NR_FK="3")])
    assert (result.updated, result.created) == (1, 0)
    record = CreditRecord.objects.get()
    assert (record.version, record.state, record.payload["CF_NR_FK"]) == (2, "corrected", "3")
    versions = [(v.number, v.change, v.payload["CF_NR_FK"]) for v in record.versions.order_by("number")]
    assert versions == [(1, "created", "2"), (2, "corrected", "3")]


def test_a_withdrawal_needs_a_reason_and_keeps_the_record_as_withdrawn(penalty, market_regulation):
    send(penalty, market_regulation, [penalty_row(1)])
    refused = send(penalty, market_regulation, [penalty_row(1, CZLX="撤销")])
    assert refused.errors[0].code == "reason_required"
    result = send(penalty, market_regulation, [{"CF_WSH": "饶市监罚〔2026〕1号", "CF_XDR_SHXYM": penalty_row()["CF_XDR_SHXYM"],
                                                "CF_XDR_LB": "法人及非法人组织", "操作类型": "撤销",
                                                "撤销原因": "行政复议决定撤销原处罚"}])
    assert (result.withdrawn, result.updated, result.rejected) == (1, 1, 0)
    record = CreditRecord.objects.get()
    assert record.state == "withdrawn"
    assert RecordVersion.objects.get(record=record, number=2).reason == "行政复议决定撤销原处罚"


def test_withdrawing_a_record_that_was_never_sent_is_reported(penalty, market_regulation):
    result = send(penalty, market_regulation, [penalty_row(9, CZLX="撤销", CXYY="录入错误")])
    assert result.errors[0].code == "withdraw_unknown"
    assert BatchError.objects.filter(code="withdraw_unknown").exists()


def test_the_same_key_twice_in_one_batch_is_reported_on_the_second_row(penalty, market_regulation):
    result = send(penalty, market_regulation, [penalty_row(1), penalty_row(1, CF_NR="另一内容")])
    assert (result.created, result.rejected) == (1, 1)
    assert result.errors[0].row == 2 and result.errors[0].code == "duplicate_in_batch"


def test_the_same_decision_number_from_another_department_for_another_party_is_another_record(penalty,
                                                                                             market_regulation):
    from publiccredit.organizations.models import Organization

    tax = Organization.objects.get(name="国家税务总局上饶市税务局")
    send(penalty, market_regulation, [penalty_row(1)])
    own = {"CF_CFJG": tax.name, "CF_CFJGDM": tax.code, "CF_SJLY": tax.name, "CF_SJLYDM": tax.code}
    send(penalty, tax, [penalty_row(1, CF_XDR_SHXYM="91361102MA35ABCE27", **own)])
    assert CreditRecord.objects.count() == 2


def test_each_change_is_announced_by_an_outbox_event(penalty, market_regulation):
    from publiccredit.events.models import OutboxEvent

    send(penalty, market_regulation, [penalty_row(1), penalty_row(2)])
    send(penalty, market_regulation, [penalty_row(1, CF_NR="更正后的内容")])
    events = [e.payload for e in OutboxEvent.objects.filter(topic="collection.records.change").order_by("id")]
    record_ids = dict(CreditRecord.objects.values_list("decision_number", "pk"))
    assert sorted(events[0]["created"]) == sorted(record_ids.values())
    assert events[1]["corrected"] == [record_ids["饶市监罚〔2026〕1号"]]
