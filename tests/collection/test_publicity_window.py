"""Publicity at intake (国办发〔2025〕22号): periods run from the decision date by severity; the longest applies when
one decision carries several penalties; CF_GSJZQ is honoured only inside the rules."""

import datetime as dt

from publiccredit.collection.models import CreditRecord
from publiccredit.collection.services import submit_records
from tests.builders import MARKET_REGULATION_CODE, penalty_row

TODAY = dt.date(2026, 11, 25)
D = dt.date


def intake(item, provider, **overrides):
    result = submit_records(item=item, provider=provider, records=[penalty_row(1, **overrides)], actor=None,
                            today=TODAY)
    assert result.accepted == 1, result.errors
    return CreditRecord.objects.get()


def test_a_general_penalty_is_public_from_three_months_to_a_year(penalty, market_regulation):
    record = intake(penalty, market_regulation)
    assert (record.severity, record.published) == ("general", True)
    assert (record.publicity_start, record.repairable_from, record.publicity_end) == (
        D(2026, 11, 20), D(2027, 2, 20), D(2027, 11, 20))


def test_a_revoked_licence_among_several_penalties_makes_the_record_serious(penalty, market_regulation):
    record = intake(penalty, market_regulation, CF_CFLB="罚款;吊销许可证件")
    assert record.severity == "serious"
    assert (record.repairable_from, record.publicity_end) == (D(2027, 11, 20), D(2029, 11, 20))


def test_a_warning_alone_is_minor_and_not_published(penalty, market_regulation):
    record = intake(penalty, market_regulation, CF_CFLB="警告", CF_NR_FK=None, CF_NR="警告")
    assert (record.severity, record.published, record.publicity_end) == ("minor", False, D(2027, 2, 20))


def test_a_small_fine_is_minor(penalty, market_regulation):
    assert intake(penalty, market_regulation, CF_NR_FK="0.2").severity == "minor"


def test_a_publicity_end_within_the_rules_is_honoured(penalty, market_regulation):
    assert intake(penalty, market_regulation, CF_GSJZQ="2027-05-20").publicity_end == D(2027, 5, 20)


def test_a_publicity_end_outside_the_rules_falls_back_to_the_maximum(penalty, market_regulation):
    assert intake(penalty, market_regulation, CF_GSJZQ="2030-01-01").publicity_end == D(2027, 11, 20)


def test_a_licence_is_public_until_it_expires(license_item, market_regulation):
    row = {"XK_XKWS": "食品经营许可决定书", "XK_WSH": "JY13611020001", "XK_XDR_MC": "上饶市信江光伏科技有限公司",
           "XK_XDR_LB": "法人及非法人组织", "XK_XDR_SHXYM": "91361102MA35ABCD4C", "XK_XKLB": "普通",
           "XK_NR": "预包装食品销售", "XK_JDRQ": "2026-11-18", "XK_YXQZ": "2026-11-18", "XK_YXQZI": "2031-11-17",
           "XK_XKJG": "上饶市行政审批局", "XK_XKJGDM": MARKET_REGULATION_CODE, "XK_ZT": "有效",
           "XK_LYDW": "上饶市行政审批局", "XK_LYDWDM": MARKET_REGULATION_CODE}
    result = submit_records(item=license_item, provider=market_regulation, records=[row], actor=None, today=TODAY)
    assert result.accepted == 1, result.errors
    record = CreditRecord.objects.get()
    assert (record.severity, record.published, record.publicity_end) == ("", True, D(2031, 11, 17))
