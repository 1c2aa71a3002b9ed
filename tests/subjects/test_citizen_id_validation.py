"""GB 11643-1999 validation; the valid numbers were computed by hand from the standard's weights."""

import datetime as dt

import pytest

from publiccredit.core.identifiers import check_citizen_id, check_identifier

VALID_IDS = [
    "11010519491231002X",  # the standard's own example
    "361102199001011230",
    "362321196508150042",  # pre-2000 上饶县 code
    "361130198802290517",  # born on a leap day
    "36112319781105004X",  # check character X
]


@pytest.mark.parametrize("number", VALID_IDS)
def test_known_valid_citizen_ids_are_accepted(number):
    assert check_citizen_id(number).valid


def test_a_lower_case_x_is_accepted_as_the_check_character():
    assert check_citizen_id("36112319781105004x").normalized == "36112319781105004X"


def test_a_wrong_check_character_says_what_was_expected():
    result = check_citizen_id("361102199001011231")
    assert result.code == "bad_check"
    assert result.message == "第18位校验码错误：应为“0”，实际为“1”"


def test_an_impossible_birth_date_is_rejected_even_when_the_check_digit_fits():
    result = check_citizen_id("36110219900230123X")  # 30 February, check character computed to fit
    assert result.code == "bad_birth_date"
    assert "19900230" in result.message


def test_a_birth_date_in_the_future_is_rejected():
    result = check_citizen_id("362322200402290026", today=dt.date(2003, 1, 1))
    assert result.code == "bad_birth_date"
    assert "晚于今天" in result.message


def test_a_letter_inside_the_number_is_reported_with_its_position():
    result = check_citizen_id("3611021990A1011230")
    assert result.code == "bad_character"
    assert result.position == 11


def test_an_old_fifteen_digit_number_is_refused_with_a_reason():
    assert check_citizen_id("361102900101123").code == "legacy_length"


def test_auto_detection_reports_the_reason_for_the_kind_the_code_looks_like():
    assert check_identifier("361102199001011231").kind == "citizen_id"
    assert check_identifier("91361102MA35ABCD4D").kind == "uscc"
    assert check_identifier("361102199001011230").valid
    assert check_identifier("91361102MA35ABCD4C").valid
