"""Checking delivered rows against a catalog version: required fields, types, lengths, code tables, dates,
identifiers, amounts and cross-field rules. Checks are compiled once per batch into plain closures: a city sends
millions of rows.

A row comes in as ``{column: raw value}`` where a column is a field code or its Chinese name; it goes out as a
``CheckedRow`` with normalised values, or as a list of ``RowError`` saying which field failed and why.
"""

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass, field, replace
from decimal import Decimal, InvalidOperation

from publiccredit.core.fields import mask_phone
from publiccredit.core.identifiers import check_citizen_id, check_uscc
from publiccredit.core.masking import looks_like_citizen_id, mask_citizen_id

ACTION_COLUMN = "CZLX"  # 操作类型: empty = add or correct; 撤销 = withdraw
REASON_COLUMN = "CXYY"  # 撤销原因
CONTROL_COLUMNS = {ACTION_COLUMN: "操作类型", REASON_COLUMN: "撤销原因"}
WITHDRAW_WORDS = {"撤销", "撤回", "withdraw", "d", "delete", "删除"}
SET_SEPARATORS = re.compile(r"[;；,，、/|]")
OTHER_REGISTRATION = re.compile(r"_XDR_(GSZC|ZZJG|SWDJ|SYDW|SHZZ)$")
CITIZEN_ID_TYPE = "身份证"
PERSON = "自然人"
INDIVIDUAL_BUSINESS = "个体工商户"
DATE_FORMATS = ("%Y-%m-%d", "%Y/%m/%d", "%Y%m%d", "%Y.%m.%d", "%Y年%m月%d日")
CODE_ROLE_ENDINGS = ("uscc", "code", "id_number", "id_type")
# Citizen ID and mobile numbers typed into free text (违法事实, 备注 …). The columnar path sends any row whose text
# holds such a digit run down the row path (``PERSONAL_DATA_HINT``, no look-arounds for polars), which decides.
PERSONAL_DATA_IN_TEXT = re.compile(r"(?<![0-9A-Za-z])(\d{17}[\dXx]|1[3-9]\d[ -]?\d{4}[ -]?\d{4})(?![0-9A-Za-z])")
PERSONAL_DATA_HINT = r"1[3-9]\d[ -]?\d{4}[ -]?\d{4}|\d{17}[\dXx]"


def mask_personal_data(text: str) -> str:
    """``text`` with every citizen ID number (valid or mistyped) and mobile number in it masked."""

    def replace(match: re.Match) -> str:
        found = match.group(0)
        if len(found) == 18:
            return mask_citizen_id(found) if looks_like_citizen_id(found) else found
        return mask_phone(re.sub(r"[ -]", "", found))

    return PERSONAL_DATA_IN_TEXT.sub(replace, text)


@dataclass(frozen=True)
class RowError:
    """One reason a row was refused. ``row`` is the row in the file as Excel numbers it (the header is row 1) or the
    record's position in an API call (from 1); ``decision_number`` lets a clerk find the case in the own system."""

    row: int
    field: str
    code: str
    message: str
    decision_number: str = ""

    def as_dict(self) -> dict:
        return {"row": self.row, "field": self.field, "code": self.code, "message": self.message,
                "decision_number": self.decision_number}


@dataclass
class CheckedRow:
    row: int
    values: dict  # field code → normalised value (str, list for sets); empty fields are left out
    withdraw: bool = False
    reason: str = ""
    party_kind: str = ""  # legal_person / individual_business / natural_person
    party_uscc: str = ""
    party_citizen_id: str = ""  # plain text only in memory; stored encrypted
    protected: dict = field(default_factory=dict)  # field code → plain ID numbers (or text holding them) to encrypt
    masked_text: dict = field(default_factory=dict)  # free-text field code → its text with personal data masked
    content_hash: str = ""  # computed in bulk by the columnar path; otherwise at storing


def _header_key(text: str) -> str:
    return unicodedata.normalize("NFKC", str(text)).strip().replace(" ", "").upper()


class ItemSchema:
    """The compiled checks of one catalog version."""

    def __init__(self, schema: dict):
        self.schema = schema
        self.fields = schema["fields"]
        self.by_code = {f["code"]: f for f in self.fields}
        self.role = {f["role"]: f["code"] for f in self.fields if f.get("role")}
        self.other_registration = [f["code"] for f in self.fields if OTHER_REGISTRATION.search(f["code"])]
        self.id_number_fields = [f["code"] for f in self.fields
                                 if f.get("role") in ("party_id_number", "representative_id_number")]
        self.authority = None  # an AuthorityRule once the provider is known (collection/authority.py)
        self.free_text_fields = [f["code"] for f in self.fields
                                 if f["type"] == "string" and not f.get("role", "").endswith(CODE_ROLE_ENDINGS)]
        self._header_map = {}
        for spec in self.fields:
            self._header_map[_header_key(spec["code"])] = spec["code"]
            self._header_map[_header_key(spec["name"])] = spec["code"]
        for code, name in CONTROL_COLUMNS.items():
            self._header_map[_header_key(code)] = code
            self._header_map[_header_key(name)] = code
        self._checks = [(spec["code"], spec["name"], spec["required"], spec["type"] == "date", self._compile(spec))
                        for spec in self.fields]

    # ---- headers -------------------------------------------------------------------------------------------
    def map_headers(self, headers: list[str]) -> tuple[list[str | None], list[str]]:
        """Field code for each column (None for unknown columns) and the names of unknown columns."""
        mapped, unknown = [], []
        for header in headers:
            code = self._header_map.get(_header_key(header or ""))
            mapped.append(code)
            if code is None and str(header or "").strip():
                unknown.append(str(header).strip())
        return mapped, unknown

    def missing_required_columns(self, mapped: list[str | None]) -> list[str]:
        present = set(mapped)
        return [f"{spec['name']}（{spec['code']}）" for spec in self.fields if spec["required"] and spec["code"] not in present]

    @property
    def key_fields(self) -> list[str]:
        return [self.role[r] for r in ("decision_number", "party_uscc", "party_id_number") if r in self.role]

    # ---- single fields -------------------------------------------------------------------------------------
    def _compile(self, spec: dict):
        kind, max_length, choices = spec["type"], spec.get("max_length"), spec.get("choices") or []
        if kind == "date":
            return _check_date
        if kind == "integer":
            return _check_integer
        if kind == "decimal":
            return _check_amount if spec.get("role") == "amount" else _check_decimal
        if kind == "enum":
            allowed = set(choices)
            shown = "、".join(choices[:12])

            def check_enum(text):
                if allowed and text not in allowed:
                    return None, "bad_choice", f"“{text[:30]}”不在代码表中，可选值：{shown}"
                return text, None, None

            return check_enum
        if kind == "set":
            allowed = set(choices)

            def check_set(text):
                parts = [p.strip() for p in SET_SEPARATORS.split(text) if p.strip()]
                wrong = [p for p in parts if allowed and p not in allowed]
                if wrong:
                    return None, "bad_choice", f"“{'、'.join(wrong)[:40]}”不在代码表中，可选值：{'、'.join(choices)}"
                return parts, None, None

            return check_set

        def check_string(text):
            if max_length and len(text) > max_length:
                return None, "too_long", f"长度不能超过{max_length}个字符，实际为{len(text)}个"
            return text, None, None

        return check_string

    # ---- rows ----------------------------------------------------------------------------------------------
    def check(self, row_number: int, raw: dict, *, today: dt.date) -> tuple[CheckedRow | None, list[RowError]]:
        errors: list[RowError] = []
        values: dict = {}
        action = _text(raw.get(ACTION_COLUMN)).lower()
        withdraw = action in WITHDRAW_WORDS
        if action and not withdraw and action not in ("新增", "更正", "add", "update", "i", "u"):
            errors.append(RowError(row_number, ACTION_COLUMN, "bad_action", f"操作类型“{action}”无法识别，可填：新增、更正、撤销"))
        for code, name, required, is_date, check in self._checks:
            value = raw.get(code)
            if isinstance(value, dt.date):  # spreadsheet cells arrive as dates (datetime is a date too)
                text = value if is_date else value.isoformat()
            else:
                text = _text(value)
            if text == "":
                if required and not withdraw:
                    errors.append(RowError(row_number, code, "required", f"{name}为必填项，不能为空"))
                continue
            checked, error_code, message = check(text)
            if error_code:
                errors.append(RowError(row_number, code, error_code, f"{name}：{message}"))
            else:
                values[code] = checked
        row = CheckedRow(row=row_number, values=values, withdraw=withdraw, reason=_text(raw.get(REASON_COLUMN)))
        if withdraw and not row.reason:
            errors.append(RowError(row_number, REASON_COLUMN, "reason_required", "撤销记录须填写撤销原因"))
        if not errors or all(e.field not in self.key_fields for e in errors):
            self._cross_check(row, errors, today)
        if errors:
            decision = _text(raw.get(self.role.get("decision_number", "")))[:128]
            return None, [replace(error, decision_number=decision) for error in errors]
        return row, errors

    def _cross_check(self, row: CheckedRow, errors: list[RowError], today: dt.date) -> None:
        values, role, number = row.values, self.role, row.row
        decision = values.get(role.get("decision_date", ""))
        if decision is not None and decision > today.isoformat():
            errors.append(RowError(number, role["decision_date"], "future_date", f"决定日期{decision}晚于今天"))
        for later_role, label in (("valid_until", "有效期至"), ("publicity_until", "公示截止期"), ("valid_from", "有效期自")):
            later = values.get(role.get(later_role, ""))
            if decision and later and later < decision:
                errors.append(RowError(number, role[later_role], "before_decision", f"{label}{later}早于决定日期{decision}"))
        start, end = values.get(role.get("valid_from", "")), values.get(role.get("valid_until", ""))
        if start and end and end < start:
            errors.append(RowError(number, role["valid_until"], "before_start", f"有效期至{end}早于有效期自{start}"))
        for code_role in ("authority_code", "source_code"):
            code_field = role.get(code_role)
            if code_field and values.get(code_field):
                result = check_uscc(values[code_field])
                label = self.by_code[code_field]["name"]
                if not result.valid:
                    errors.append(RowError(number, code_field, "invalid_uscc", f"{label}：{result.message}"))
                    continue
                values[code_field] = result.normalized
                problem = self.authority.problem(label, result.normalized) if self.authority else None
                if problem:
                    errors.append(RowError(number, code_field, "not_own_decision", problem))
        self._check_party(row, errors)
        for code in self.id_number_fields:  # every ID number is stored encrypted and shown masked
            if code in values:
                row.protected[code] = values[code]
        for code in self.free_text_fields:  # and so is free text into which someone typed one, or a mobile number
            text = values.get(code)
            if isinstance(text, str):
                masked = mask_personal_data(text)
                if masked != text:
                    row.protected[code], row.masked_text[code] = text, masked

    def _check_party(self, row: CheckedRow, errors: list[RowError]) -> None:
        values, role, number = row.values, self.role, row.row
        category = values.get(role.get("party_category", ""), "")
        uscc_field, id_field = role.get("party_uscc"), role.get("party_id_number")
        if category == PERSON:
            row.party_kind = "natural_person"
            id_type = values.get(role.get("party_id_type", ""), CITIZEN_ID_TYPE if "party_id_type" not in role else "")
            number_text = values.get(id_field or "", "")
            if not number_text or not id_type:
                field_code = id_field if not number_text else role.get("party_id_type", id_field or "")
                errors.append(RowError(number, field_code or "", "person_needs_id", "相对人为自然人时，证件类型和证件号码必须填写"))
                return
            if id_type == CITIZEN_ID_TYPE:
                result = check_citizen_id(number_text)
                if not result.valid:
                    errors.append(RowError(number, id_field, "invalid_citizen_id", f"证件号码：{result.message}"))
                    return
                row.party_citizen_id = result.normalized
                values[id_field] = result.normalized
            return
        row.party_kind = "individual_business" if category == INDIVIDUAL_BUSINESS else "legal_person"
        uscc = values.get(uscc_field or "", "")
        if uscc:
            result = check_uscc(uscc)
            if not result.valid:
                errors.append(RowError(number, uscc_field, "invalid_uscc", f"统一社会信用代码：{result.message}"))
                return
            row.party_uscc = values[uscc_field] = result.normalized
        elif not any(values.get(code) for code in self.other_registration):
            errors.append(RowError(number, uscc_field or "", "organization_needs_code",
                                   "相对人为法人、非法人组织或个体工商户时，须填写统一社会信用代码（无代码的填写其他登记证号）"))


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def _check_date(value):
    if isinstance(value, dt.datetime):
        return value.date().isoformat(), None, None
    if isinstance(value, dt.date):
        return value.isoformat(), None, None
    text = value.split(" ")[0].split("T")[0]
    if len(text) == 10 and text[4] == "-" and text[7] == "-":  # the common case first: ISO dates
        try:
            return dt.date(int(text[:4]), int(text[5:7]), int(text[8:])).isoformat(), None, None
        except ValueError:
            return None, "bad_date", f"“{value}”不是有效日期"
    for pattern in DATE_FORMATS:
        try:
            return dt.datetime.strptime(text, pattern).date().isoformat(), None, None
        except ValueError:
            continue
    return None, "bad_date", f"“{str(value)[:30]}”不是有效日期，应为 YYYY-MM-DD"


def _check_integer(text):
    try:
        return int(text), None, None
    except ValueError:
        return None, "bad_integer", f"“{text[:30]}”不是整数"


def _check_decimal(text):
    try:
        number = Decimal(text.replace(",", ""))
    except InvalidOperation:
        return None, "bad_number", f"“{text[:30]}”不是数字"
    if not number.is_finite():
        return None, "bad_number", f"“{text[:30]}”不是数字"
    return str(number), None, None


def _check_amount(text):
    value, code, message = _check_decimal(text)
    if code:
        return value, code, message
    if Decimal(value) < 0:
        return None, "negative_amount", f"金额不能为负数（{text}）"
    return value, None, None
