"""The columnar path for large CSV files (DESIGN.md: bulk tabular work in polars).

Each chunk of rows is checked column by column: values that repeat (dates, code tables, amounts, credit codes, ID
numbers) are checked once per distinct value with the very checks the row path uses; free text is checked for
length in bulk; cross-field rules run as column expressions. A row that passes every check *as written* — no stray
spaces, ISO dates, upper-case codes — is "clean" and goes the fast way: new records are written with COPY and their
first versions by one INSERT … SELECT. Every other row (anything doubtful, a withdrawal, a correction) goes through
the row path, which gives the exact Chinese message. So both paths accept and reject the same rows with the same
messages, and the columnar path only decides how fast.
"""

import datetime as dt
import hashlib

import polars as pl
from django.db import connection, transaction

from publiccredit.core.crypto import lookup_hash
from publiccredit.subjects.identifiers import check_citizen_id, check_uscc

from .validation import ACTION_COLUMN, CITIZEN_ID_TYPE, INDIVIDUAL_BUSINESS, PERSON, REASON_COLUMN, CheckedRow, ItemSchema

CHUNK_ROWS = 20_000
ROW = "__row"
SET_JOIN = "\x1e"
BAD = "\x00bad"  # marks a distinct value that failed its check
WRITE_COLUMNS = [
    "id", "item_id", "item_version_id", "provider_id", "subject_id", "key_hash", "decision_number", "party_name",
    "party_name_normalized", "party_kind", "party_code", "payload", "protected", "content_hash", "decision_date",
    "received_at", "updated_at", "lateness_working_days", "on_time", "severity", "published", "publicity_start",
    "repairable_from", "publicity_end", "state", "version", "batch_id",
]


def content_digest(values: dict, id_fields: list[str]) -> str:
    """Content hash shared by both paths: sorted field=value pairs, ID numbers as their keyed hash.
    ``canonical_content`` builds the same text for a whole frame."""
    parts = []
    for code in sorted(values):
        value = values[code]
        if code in id_fields:
            value = lookup_hash(value)
        elif isinstance(value, list):
            value = SET_JOIN.join(value)
        parts.append(f"{code}={value}")
    return hashlib.blake2b("\x1f".join(parts).encode("utf-8"), digest_size=16).hexdigest()


def canonical_content(frame: pl.DataFrame, field_codes: list[str], id_fields: list[str], id_memo: dict) -> list[str]:
    """``content_digest`` for every row of a frame of normalised values (sets joined by SET_JOIN)."""
    parts = []
    for code in sorted(field_codes):
        column = pl.col(code)
        if code in id_fields:
            distinct = frame[code].drop_nulls().unique().to_list()
            for value in distinct:
                if value not in id_memo:
                    id_memo[value] = lookup_hash(value)
            column = column.replace_strict({v: id_memo[v] for v in distinct}, default=None, return_dtype=pl.String)
        parts.append(pl.when(pl.col(code).is_not_null()).then(pl.lit(f"{code}=") + column))
    texts = frame.select(pl.concat_str(parts, separator="\x1f", ignore_nulls=True).alias("c"))["c"].to_list()
    return [hashlib.blake2b(text.encode("utf-8"), digest_size=16).hexdigest() for text in texts]


def read_frame(path, encoding: str) -> pl.DataFrame:
    """All cells as text. polars reads UTF-8 only: other encodings are transcoded to a temporary file first."""
    if encoding in ("utf-8", "utf-8-sig"):
        return pl.read_csv(path, infer_schema=False, encoding="utf8", truncate_ragged_lines=True)
    import tempfile

    with tempfile.NamedTemporaryFile("w", encoding="utf-8", suffix=".csv", delete=True) as target, \
            open(path, encoding=encoding, newline="") as source:
        for block in iter(lambda: source.read(1 << 20), ""):
            target.write(block)
        target.flush()
        return pl.read_csv(target.name, infer_schema=False, encoding="utf8", truncate_ragged_lines=True)


class ColumnChecker:
    """Per-column checks of one catalog version, with memos of distinct values across the whole import."""

    def __init__(self, schema: ItemSchema, today: dt.date):
        self.schema, self.today = schema, today
        self.memo: dict[str, dict[str, str]] = {}
        self.free_text = {}
        self.mapped = {}
        for code, _name, _required, _is_date, check in schema._checks:
            spec = schema.by_code[code]
            if spec["type"] == "string" and not spec.get("role", "").endswith(("uscc", "code", "id_number", "id_type")):
                self.free_text[code] = spec.get("max_length")
            else:
                self.mapped[code] = check
        role = schema.role
        self.identifier_checks = {}
        for role_name in ("party_uscc", "authority_code", "source_code"):
            if role_name in role:
                self.identifier_checks[role[role_name]] = self._uscc
        if "party_id_number" in role:
            self.identifier_checks[role["party_id_number"]] = self._citizen_id

    @staticmethod
    def _uscc(text: str) -> str:
        result = check_uscc(text)
        return result.normalized if result.valid and result.normalized == text else BAD

    @staticmethod
    def _citizen_id(text: str) -> str:
        result = check_citizen_id(text)
        return result.normalized if result.valid and result.normalized == text else BAD

    def _distinct_map(self, code: str, values: pl.Series, check) -> dict[str, str]:
        memo = self.memo.setdefault(code, {})
        for text in values.unique().drop_nulls().to_list():
            if text in memo:
                continue
            if text != text.strip() or text == "":
                memo[text] = BAD
                continue
            normalized, error, _message = check(text)
            if error:
                memo[text] = BAD
            elif isinstance(normalized, list):
                memo[text] = SET_JOIN.join(normalized)
            else:
                memo[text] = str(normalized)
        return memo

    def clean(self, frame: pl.DataFrame) -> tuple[pl.DataFrame, pl.DataFrame]:
        """(clean rows with normalised values, the other rows' numbers) for one chunk."""
        schema, role = self.schema, self.schema.role
        suspect = pl.lit(False)
        columns = []
        for code, _name, required, _is_date, _check in schema._checks:
            if code not in frame.columns:
                if required:
                    suspect = pl.lit(True)
                columns.append(pl.lit(None, dtype=pl.String).alias(code))
                continue
            raw = pl.col(code)
            if code in self.free_text:
                limit = self.free_text[code]
                bad = (raw != raw.str.strip_chars()) | (raw == "")
                if limit:
                    bad = bad | (raw.str.len_chars() > limit)
                value = raw
            else:
                check = self.identifier_checks.get(code) or self.mapped[code]
                if code in self.identifier_checks:
                    memo = self._identifier_memo(code, frame[code], check)
                else:
                    memo = self._distinct_map(code, frame[code], check)
                value = raw.replace_strict(memo, default=BAD, return_dtype=pl.String)
                value = pl.when(raw.is_null()).then(None).otherwise(value)
                bad = value == BAD
            suspect = suspect | bad.fill_null(False)
            if required:
                suspect = suspect | raw.is_null() | (raw == "")
            columns.append(value.alias(code))
        for control in (ACTION_COLUMN, REASON_COLUMN):  # withdrawals and the like take the row path
            if control in frame.columns:
                suspect = suspect | pl.col(control).is_not_null()
        checked = frame.select(pl.col(ROW), *columns, suspect.alias("__suspect"))
        cross = self._cross_rules(checked, role)
        checked = checked.with_columns((pl.col("__suspect") | cross).alias("__suspect"))
        return checked.filter(~pl.col("__suspect")).drop("__suspect"), checked.filter(pl.col("__suspect")).select(ROW)

    def _identifier_memo(self, code: str, values: pl.Series, check) -> dict[str, str]:
        memo = self.memo.setdefault(code, {})
        for text in values.unique().drop_nulls().to_list():
            if text not in memo:
                memo[text] = check(text)
        return memo

    def _cross_rules(self, frame: pl.DataFrame, role: dict) -> pl.Expr:
        """The row path's cross-field rules as expressions; True marks a row to send down the row path."""
        bad = pl.lit(False)
        decision = pl.col(role["decision_date"]) if "decision_date" in role else None
        if decision is not None:
            bad = bad | (decision > pl.lit(self.today.isoformat())).fill_null(False)
            for later in ("valid_until", "publicity_until", "valid_from"):
                if later in role:
                    bad = bad | (pl.col(role[later]) < decision).fill_null(False)
        if "valid_from" in role and "valid_until" in role:
            bad = bad | (pl.col(role["valid_until"]) < pl.col(role["valid_from"])).fill_null(False)
        category = pl.col(role["party_category"]) if "party_category" in role else pl.lit("")
        is_person = category == PERSON
        if "party_id_number" in role:
            id_type = pl.col(role["party_id_type"]) if "party_id_type" in role else pl.lit(CITIZEN_ID_TYPE)
            person_ok = (id_type == CITIZEN_ID_TYPE) & pl.col(role["party_id_number"]).is_not_null()
        else:
            person_ok = pl.lit(False)
        bad = bad | (is_person & ~person_ok.fill_null(False))
        has_uscc = pl.col(role["party_uscc"]).is_not_null() if "party_uscc" in role else pl.lit(False)
        others = [pl.col(c).is_not_null() for c in self.schema.other_registration]
        has_other = pl.any_horizontal(others) if others else pl.lit(False)
        bad = bad | (~is_person.fill_null(False) & ~(has_uscc | has_other))
        return bad


def run_columnar(intake, delivered) -> None:
    """Feed a CSV through ``intake`` chunk by chunk: clean rows checked by column, the rest by the row path."""
    schema: ItemSchema = intake.schema
    checker = ColumnChecker(schema, intake.today)
    frame = read_frame(delivered.path, delivered.encoding)
    renames = {header: code for header, code in zip(frame.columns, delivered.columns, strict=False) if code}
    blank = pl.all_horizontal([pl.col(c).is_null() | (pl.col(c) == "") for c in frame.columns])
    frame = frame.with_row_index(ROW, offset=1).filter(~blank).select(
        pl.col(ROW), *[pl.col(header).alias(code) for header, code in renames.items()])
    role = schema.role
    field_order = [f["code"] for f in schema.fields]
    set_fields = {f["code"] for f in schema.fields if f["type"] == "set"}
    category_field, uscc_field, id_field = role.get("party_category"), role.get("party_uscc"), role.get("party_id_number")
    id_fields = schema.id_number_fields
    id_memo: dict[str, str] = {}
    if connection.vendor == "postgresql" and not connection.in_atomic_block and not intake.dry_run:
        from .pipeline import BackgroundWriter

        intake.writer = BackgroundWriter()
    try:
        _feed_chunks(intake, checker, frame, field_order, set_fields, category_field, uscc_field, id_field, id_fields,
                     id_memo)
    except BaseException:
        if intake.writer is not None:
            intake.writer.abort()
        raise
    else:
        if intake.writer is not None:
            intake.writer.close()
    finally:
        intake.writer = None


def _feed_chunks(intake, checker, frame, field_order, set_fields, category_field, uscc_field, id_field, id_fields,
                 id_memo) -> None:
    schema = intake.schema
    for start in range(0, frame.height, CHUNK_ROWS):
        chunk = frame.slice(start, CHUNK_ROWS)
        clean, doubtful = checker.clean(chunk)
        digests = iter(canonical_content(clean, field_order, id_fields, id_memo))
        checked = []
        for cells in clean.iter_rows():
            values = {code: (value.split(SET_JOIN) if code in set_fields else value)
                      for code, value in zip(field_order, cells[1:], strict=True) if value is not None}
            category = values.get(category_field, "")
            row = CheckedRow(row=cells[0], values=values, content_hash=next(digests))
            if category == PERSON:
                row.party_kind, row.party_citizen_id = "natural_person", values[id_field]
            else:
                row.party_kind = "individual_business" if category == INDIVIDUAL_BUSINESS else "legal_person"
                row.party_uscc = values.get(uscc_field, "") if uscc_field else ""
            row.protected = {code: values[code] for code in id_fields if code in values}
            checked.append((row.row, row, []))
        numbers = doubtful[ROW].to_list()
        if numbers:
            for raw in chunk.filter(pl.col(ROW).is_in(numbers)).iter_rows(named=True):
                number = raw.pop(ROW)
                checked.append((number, *schema.check(number, raw, today=intake.today)))
        checked.sort(key=lambda item: item[0])
        prepared = intake.admit(checked)
        with transaction.atomic():
            intake.store(prepared)
        intake.progress()
