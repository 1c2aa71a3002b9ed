"""GB 32100-2015 validation. The valid codes below were computed by hand from the standard's weights
(3^i mod 31) and check rules, independently of the code under test, or are published codes."""

import pytest

from publiccredit.core.identifiers import check_uscc

VALID_CODES = [
    "91350100M000100Y43",  # published example (Fujian)
    "91110000600037341L",  # published (Beijing)
    "91361102MA35ABCD4C",  # 信州区 enterprise
    "93361124MA3ABCDE1B",  # 铅山县 farmers' cooperative (authority 9, type 3)
    "51361100MJ1234561Y",  # 民政-registered social organisation
    "N2361127MA351111XP",  # authority N (农业农村), organisation-code check X
    "A1361100MB1234562E",  # authority A
    "G1361102MC00000126",  # authority G
    "J1361100GD20000244",  # authority J
    "Q1361123PE3000033X",  # authority Q, final check X
    "Y2361130MF4000045H",  # authority Y (其他)
]


@pytest.mark.parametrize("code", VALID_CODES)
def test_known_valid_codes_are_accepted_including_letter_authorities(code):
    result = check_uscc(code)
    assert result.valid, result.message
    assert result.normalized == code


def test_lower_case_and_full_width_input_is_normalised_before_checking():
    assert check_uscc(" ｑ1361123pe3000033x ").normalized == "Q1361123PE3000033X"
    assert check_uscc("ｑ1361123pe3000033x").valid


def test_a_code_of_the_wrong_length_says_how_long_it_is():
    result = check_uscc("91361102MA35ABCD4")
    assert not result.valid
    assert result.code == "length"
    assert "应为18位，实际为17位" in result.message


@pytest.mark.parametrize("bad_char", ["I", "O", "S", "V", "Z"])
def test_a_forbidden_letter_is_reported_with_its_position(bad_char):
    code = "91361102MA35A" + bad_char + "CD4C"
    result = check_uscc(code)
    assert result.code == "bad_character"
    assert result.position == 14
    assert f"第14位字符“{bad_char}”不合法" in result.message


def test_a_letter_in_the_region_code_is_reported():
    result = check_uscc("9136A102MA35ABCD4C")
    assert result.code == "bad_region"
    assert result.position == 5


def test_a_wrong_embedded_organisation_code_check_is_reported_with_expected_and_actual():
    result = check_uscc("91361102MA35ABCD0T")
    assert result.code == "bad_org_code_check"
    assert "应为“4”，实际为“0”" in result.message


def test_a_wrong_check_character_says_what_was_expected_and_what_was_given():
    result = check_uscc("91361102MA35ABCD4D")
    assert result.code == "bad_check"
    assert result.position == 18
    assert result.message == "第18位校验码错误：应为“C”，实际为“D”"


def test_an_empty_code_is_reported_as_empty():
    assert check_uscc("").code == "empty"
    assert check_uscc(None).code == "empty"
