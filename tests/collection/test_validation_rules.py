"""Every rule a delivered row is checked against, each failing with the row, the field and a Chinese reason."""

import datetime as dt

import pytest

from publiccredit.collection.services import submit_records
from tests.builders import penalty_row, person_penalty_row

TODAY = dt.date(2026, 11, 25)


def errors_for(penalty, market_regulation, row):
    result = submit_records(item=penalty, provider=market_regulation, records=[row], actor=None, today=TODAY)
    assert result.rejected == 1 and result.accepted == 0
    return {(e.field, e.code): e.message for e in result.errors}


@pytest.mark.parametrize(("overrides", "field", "code", "words"), [
    ({"CF_SY": ""}, "CF_SY", "required", "违法事实为必填项"),
    ({"CF_WSH": "文" * 129}, "CF_WSH", "too_long", "长度不能超过128个字符，实际为129个"),
    ({"CF_JDRQ": "2026-02-30"}, "CF_JDRQ", "bad_date", "不是有效日期"),
    ({"CF_JDRQ": "2026-11-26", "CF_YXQ": "2027-11-26"}, "CF_JDRQ", "future_date", "晚于今天"),
    ({"CF_YXQ": "2026-11-01"}, "CF_YXQ", "before_decision", "早于决定日期"),
    ({"CF_CFLB": "警告;罚金"}, "CF_CFLB", "bad_choice", "“罚金”不在代码表中"),
    ({"CF_XDR_LB": "企业"}, "CF_XDR_LB", "bad_choice", "不在代码表中"),
    ({"CF_NR_FK": "-0.5"}, "CF_NR_FK", "negative_amount", "金额不能为负数"),
    ({"CF_NR_FK": "两万"}, "CF_NR_FK", "bad_number", "不是数字"),
    ({"CF_XDR_SHXYM": "91361102MA35ABCD4D"}, "CF_XDR_SHXYM", "invalid_uscc", "应为“C”，实际为“D”"),
    ({"CF_XDR_SHXYM": None}, "CF_XDR_SHXYM", "organization_needs_code", "须填写统一社会信用代码"),
    ({"CF_CFJGDM": "123"}, "CF_CFJGDM", "invalid_uscc", "应为18位"),
])
def test_a_bad_value_is_rejected_with_field_and_reason(penalty, market_regulation, overrides, field, code, words):
    messages = errors_for(penalty, market_regulation, penalty_row(**overrides))
    assert (field, code) in messages, messages
    assert words in messages[(field, code)]


def test_a_person_needs_an_id_type_and_number(penalty, market_regulation):
    row = person_penalty_row(1, None)
    assert ("CF_XDR_ZJHM", "person_needs_id") in errors_for(penalty, market_regulation, row)


def test_a_persons_citizen_id_is_checked_with_its_reason(penalty, market_regulation):
    messages = errors_for(penalty, market_regulation, person_penalty_row(1, "361102199001011231"))
    assert "应为“0”，实际为“1”" in messages[("CF_XDR_ZJHM", "invalid_citizen_id")]


def test_an_organisation_with_another_registration_number_instead_of_a_uscc_is_accepted(penalty, market_regulation):
    row = penalty_row(CF_XDR_SHXYM=None, CF_XDR_GSZC="361102000012345")
    result = submit_records(item=penalty, provider=market_regulation, records=[row], actor=None, today=TODAY)
    assert result.accepted == 1


def test_dates_in_common_chinese_formats_are_understood(penalty, market_regulation):
    row = penalty_row(CF_JDRQ="2026年11月20日", CF_YXQ="2027/11/20")
    result = submit_records(item=penalty, provider=market_regulation, records=[row], actor=None, today=TODAY)
    assert result.accepted == 1


def test_a_row_may_use_chinese_field_names_instead_of_codes(penalty, market_regulation):
    from publiccredit.catalog.models import ItemField

    names = dict(ItemField.objects.filter(item=penalty).values_list("code", "name"))
    row = {names[code]: value for code, value in penalty_row().items()}
    result = submit_records(item=penalty, provider=market_regulation, records=[row], actor=None, today=TODAY)
    assert result.accepted == 1, result.errors
