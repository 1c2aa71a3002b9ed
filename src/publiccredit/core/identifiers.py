"""Validators for the unified social credit code (GB 32100-2015) and the citizen ID number (GB 11643-1999).

Each check says *why* a code fails — wrong length, a bad character at a given position, a wrong check
character (expected X, got Y) — because department clerks fix their data from these messages.
Unlike python-stdnum, registering-authority letters (A, G, J, N, Q …) are accepted in position 1.
"""

import datetime as dt
import unicodedata
from dataclasses import dataclass

USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"  # no I, O, S, V, Z
USCC_VALUES = {char: value for value, char in enumerate(USCC_ALPHABET)}
USCC_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
ORG_CODE_WEIGHTS = (3, 7, 9, 10, 5, 8, 4, 2)  # GB 11714
CITIZEN_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
CITIZEN_ID_CHECKS = "10X98765432"
EARLIEST_BIRTH = dt.date(1900, 1, 1)

USCC = "uscc"
CITIZEN_ID = "citizen_id"
KIND_LABELS = {USCC: "统一社会信用代码", CITIZEN_ID: "身份证号码"}


@dataclass(frozen=True)
class IdentifierCheck:
    kind: str
    normalized: str
    valid: bool
    code: str = ""  # short machine-readable reason, empty when valid
    message: str = ""  # Chinese explanation, empty when valid
    position: int | None = None  # 1-based position of the offending character, when there is one

    def __bool__(self) -> bool:
        return self.valid


def normalize_code(raw: str | None) -> str:
    """Full-width to half-width, trimmed, upper-case: what clerks paste from Word or Excel becomes comparable."""
    if raw is None:
        return ""
    return unicodedata.normalize("NFKC", str(raw)).strip().upper()


def _fail(kind: str, normalized: str, code: str, message: str, position: int | None = None) -> IdentifierCheck:
    return IdentifierCheck(kind=kind, normalized=normalized, valid=False, code=code, message=message, position=position)


def org_code_check_char(body: str) -> str:
    """GB 11714 check character for an 8-character organisation code body (letters count A=10 … Z=35)."""
    total = sum((int(c) if c.isdigit() else ord(c) - 55) * w for c, w in zip(body, ORG_CODE_WEIGHTS, strict=True))
    value = 11 - total % 11
    return {10: "X", 11: "0"}.get(value, str(value))


def uscc_check_char(body: str) -> str:
    """GB 32100 check character for the first 17 characters of a unified social credit code."""
    total = sum(USCC_VALUES[c] * w for c, w in zip(body, USCC_WEIGHTS, strict=True))
    value = 31 - total % 31
    return USCC_ALPHABET[0 if value == 31 else value]


def citizen_id_check_char(body: str) -> str:
    total = sum(int(c) * w for c, w in zip(body, CITIZEN_ID_WEIGHTS, strict=True))
    return CITIZEN_ID_CHECKS[total % 11]


def check_uscc(raw: str | None) -> IdentifierCheck:
    code = normalize_code(raw)
    if not code:
        return _fail(USCC, code, "empty", "统一社会信用代码为空")
    if len(code) != 18:
        return _fail(USCC, code, "length", f"统一社会信用代码应为18位，实际为{len(code)}位")
    for position, char in enumerate(code, start=1):
        if char not in USCC_ALPHABET:
            return _fail(
                USCC, code, "bad_character",
                f"第{position}位字符“{char}”不合法：只能是数字或除I、O、S、V、Z以外的大写字母",
                position,
            )
    for position in range(3, 9):
        if not code[position - 1].isdigit():
            return _fail(
                USCC, code, "bad_region",
                f"第{position}位字符“{code[position - 1]}”不合法：第3–8位是登记管理机关行政区划码，只能是数字",
                position,
            )
    org_body, org_check = code[8:16], code[16]
    expected_org = org_code_check_char(org_body)
    if org_check != expected_org:
        return _fail(
            USCC, code, "bad_org_code_check",
            f"第17位组织机构代码校验码错误：应为“{expected_org}”，实际为“{org_check}”（第9–17位为组织机构代码）",
            17,
        )
    expected = uscc_check_char(code[:17])
    if code[17] != expected:
        return _fail(USCC, code, "bad_check", f"第18位校验码错误：应为“{expected}”，实际为“{code[17]}”", 18)
    return IdentifierCheck(kind=USCC, normalized=code, valid=True)


def birth_date_of(citizen_id: str) -> dt.date | None:
    try:
        return dt.date(int(citizen_id[6:10]), int(citizen_id[10:12]), int(citizen_id[12:14]))
    except ValueError:
        return None


def check_citizen_id(raw: str | None, *, today: dt.date | None = None) -> IdentifierCheck:
    number = normalize_code(raw)
    if not number:
        return _fail(CITIZEN_ID, number, "empty", "身份证号码为空")
    if len(number) == 15 and number.isdigit():
        return _fail(CITIZEN_ID, number, "legacy_length", "15位旧版身份证号码不再受理，请提供18位号码")
    if len(number) != 18:
        return _fail(CITIZEN_ID, number, "length", f"身份证号码应为18位，实际为{len(number)}位")
    for position, char in enumerate(number[:17], start=1):
        if not char.isdigit():
            return _fail(CITIZEN_ID, number, "bad_character", f"第{position}位字符“{char}”不合法：前17位只能是数字",
                         position)
    if number[17] not in "0123456789X":
        return _fail(CITIZEN_ID, number, "bad_character", f"第18位字符“{number[17]}”不合法：校验码只能是数字或X", 18)
    birth = birth_date_of(number)
    if birth is None:
        return _fail(CITIZEN_ID, number, "bad_birth_date", f"第7–14位出生日期“{number[6:14]}”不是有效日期", 7)
    if birth < EARLIEST_BIRTH:
        return _fail(CITIZEN_ID, number, "bad_birth_date", f"第7–14位出生日期“{number[6:14]}”早于1900年", 7)
    if birth > (today or dt.date.today()):
        return _fail(CITIZEN_ID, number, "bad_birth_date", f"第7–14位出生日期“{number[6:14]}”晚于今天", 7)
    expected = citizen_id_check_char(number[:17])
    if number[17] != expected:
        return _fail(CITIZEN_ID, number, "bad_check", f"第18位校验码错误：应为“{expected}”，实际为“{number[17]}”", 18)
    return IdentifierCheck(kind=CITIZEN_ID, normalized=number, valid=True)


def _looks_like_citizen_id(code: str) -> bool:
    if len(code) == 15 and code.isdigit():
        return True
    if len(code) != 18 or not code[:17].isdigit():
        return False
    # An all-digit USCC starts with its authority (1-9) and entity type; a citizen ID carries a birth date.
    return birth_date_of(code) is not None or code[0] not in "123456789"


def check_identifier(raw: str | None) -> IdentifierCheck:
    """Check a code that may be either kind: valid if it is a valid USCC or a valid citizen ID.

    When it is neither, the reason given is the one for the kind the code most looks like.
    """
    code = normalize_code(raw)
    as_uscc = check_uscc(code)
    as_person = check_citizen_id(code)
    if as_uscc.valid:
        return as_uscc
    if as_person.valid:
        return as_person
    return as_person if _looks_like_citizen_id(code) else as_uscc


def require_uscc(raw: str | None, *, field: str = "uscc") -> str:
    from publiccredit.core.errors import DomainError

    result = check_uscc(raw)
    if not result.valid:
        raise DomainError(result.message, code=f"invalid_uscc.{result.code}", field=field)
    return result.normalized


def require_citizen_id(raw: str | None, *, field: str = "citizen_id") -> str:
    from publiccredit.core.errors import DomainError

    result = check_citizen_id(raw)
    if not result.valid:
        raise DomainError(result.message, code=f"invalid_citizen_id.{result.code}", field=field)
    return result.normalized


def make_uscc(authority_and_type: str, region_code: str, org_body: str) -> str:
    """Build a valid USCC from its parts (used by seeding and tests)."""
    body = f"{authority_and_type}{region_code}{org_body}{org_code_check_char(org_body)}"
    return body + uscc_check_char(body)


def make_citizen_id(region_code: str, birth: dt.date, sequence: int) -> str:
    body = f"{region_code}{birth:%Y%m%d}{sequence:03d}"
    return body + citizen_id_check_char(body)
