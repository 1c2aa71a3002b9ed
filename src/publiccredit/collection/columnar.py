"""The columnar path for large CSV files (docs/collection.md, "Speed": bulk tabular work in polars).

Each chunk of rows is checked column by column: values that repeat (dates, code tables, amounts, credit codes, ID
numbers) are checked once per distinct value with the very checks the row path uses; free text is checked for
length in bulk; cross-field rules run as column expressions. A row that passes every check *as written* — no stray
spaces, ISO dates, upper-case codes — is "clean" and goes the fast way: new records are written with COPY and their
first versions by one INSERT … SELECT. Every other row (anything doubtful, a withdrawal, a correction) goes through
the row path, which gives the exact Chinese message. So both paths accept and reject the same rows with the same
messages, and the columnar path only decides how fast.
"""

import datetime as dt
import io
import json

import polars as pl
from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone

from publiccredit.core.bulk import refresh_statistics_if_stale, reserve_ids, select_where_in
from publiccredit.core.crypto import encrypt_text, lookup_hash
from publiccredit.core.files import WRONG_ENCODING, FileProblem, too_many_rows
from publiccredit.core.identifiers import check_citizen_id, check_uscc
from publiccredit.events.services import emit
from publiccredit.subjects.names import normalize_name
from publiccredit.workdays.services import working_days_between

from . import topics
from .authority import CHECKED_ROLES
from .intake import CheckedChunk
from .keys import SET_JOIN, business_key, digest
from .models import CreditRecord
from .rules import condition_holds
from .validation import (
    ACTION_COLUMN,
    CITIZEN_ID_TYPE,
    CODE_ROLE_ENDINGS,
    INDIVIDUAL_BUSINESS,
    PERSON,
    PERSONAL_DATA_HINT,
    REASON_COLUMN,
    CheckedRow,
    ItemSchema,
)

CHUNK_ROWS = 20_000
# the record columns intake looks rows up by; their statistics are refreshed as a load grows the table
LOOKUP_COLUMNS = ["item", "decision_number", "provider", "key_hash", "subject"]
ROW = "__row"
FIRST_DATA_ROW = 2
BAD = "\x00bad"  # marks a distinct value that failed its check


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
    return [digest(text) for text in texts]




def read_frame(path, encoding: str) -> pl.DataFrame:
    """All cells as text. polars reads UTF-8 only: other encodings are transcoded to a temporary file first. A row in
    another encoding deep in the file is the same ``FileProblem`` the row path reports (exit 2, nothing half-read)."""

    try:
        if encoding in ("utf-8", "utf-8-sig"):
            return pl.read_csv(path, infer_schema=False, encoding="utf8", truncate_ragged_lines=True)
        import tempfile

        with tempfile.NamedTemporaryFile("w", encoding="utf-8", suffix=".csv", delete=True) as target, \
                open(path, encoding=encoding, newline="") as source:
            for block in iter(lambda: source.read(1 << 20), ""):
                target.write(block)
            target.flush()
            return pl.read_csv(target.name, infer_schema=False, encoding="utf8", truncate_ragged_lines=True)
    except UnicodeDecodeError as exc:
        raise FileProblem(WRONG_ENCODING, code="wrong_encoding") from exc
    except pl.exceptions.ComputeError as exc:
        if "utf-8" not in str(exc).lower() and "utf8" not in str(exc).lower():
            raise
        raise FileProblem(WRONG_ENCODING, code="wrong_encoding") from exc


def _exactly_valid(identifier_check):
    """A field check accepting a code only if it is valid exactly as written (no case or width to normalise)."""

    def check(text: str):
        result = identifier_check(text)
        if result.valid and result.normalized == text:
            return text, None, None
        return None, "not_exactly_valid", ""

    return check


class ColumnChecker:
    """Per-column checks of one catalog version, with memos of distinct values across the whole import."""

    def __init__(self, schema: ItemSchema, today: dt.date):
        self.schema, self.today = schema, today
        self.memo: dict[str, dict[str, str]] = {}
        self.free_text = {}  # code → max length: checked in bulk
        self.checks = {}  # code → the row path's check, run once per distinct value
        for code, _name, _required, _is_date, check in schema._checks:
            spec = schema.by_code[code]
            if spec["type"] == "string" and not spec.get("role", "").endswith(CODE_ROLE_ENDINGS):
                self.free_text[code] = spec.get("max_length")
            else:
                self.checks[code] = check
        role = schema.role
        for role_name in ("party_uscc", "authority_code", "source_code"):
            if role_name in role:
                self.checks[role[role_name]] = _exactly_valid(check_uscc)
        if "party_id_number" in role:
            self.checks[role["party_id_number"]] = _exactly_valid(check_citizen_id)

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
                bad = (raw != raw.str.strip_chars()) | (raw == "") | raw.str.contains(PERSONAL_DATA_HINT)
                if limit:
                    bad = bad | (raw.str.len_chars() > limit)
                value = raw
            else:
                memo = self._distinct_map(code, frame[code], self.checks[code])
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
        cross = self._cross_rules(checked, role) | self._foreign_decisions(checked, role)
        checked = checked.with_columns((pl.col("__suspect") | cross).alias("__suspect"))
        return checked.filter(~pl.col("__suspect")).drop("__suspect"), checked.filter(pl.col("__suspect")).select(ROW)

    def _foreign_decisions(self, frame: pl.DataFrame, role: dict) -> pl.Expr:
        """Rows naming a decision body the provider may not speak for go down the row path, which says why."""
        rule, bad = self.schema.authority, pl.lit(False)
        if rule is None:
            return bad
        for role_name in CHECKED_ROLES:
            code = role.get(role_name)
            if code is None or code not in frame.columns:
                continue
            allowed = {value: rule.allows(value) for value in frame[code].unique().drop_nulls().to_list()}
            bad = bad | ~pl.col(code).replace_strict(allowed, default=True, return_dtype=pl.Boolean).fill_null(True)
        return bad

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
    if frame.height > settings.UPLOAD_MAX_ROWS:
        raise too_many_rows(frame.height)
    renames = {header: code for header, code in zip(frame.columns, delivered.columns, strict=False) if code}
    blank = pl.all_horizontal([pl.col(c).is_null() | (pl.col(c) == "") for c in frame.columns])
    # Rows are numbered as Excel numbers them, the header being row 1 (FIRST_DATA_ROW).
    frame = frame.with_row_index(ROW, offset=FIRST_DATA_ROW).filter(~blank).select(
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
    decision_column = schema.role.get("decision_number")
    fast = FastCreates(intake, field_order, set_fields) if connection.vendor == "postgresql" else None
    for start in range(0, frame.height, CHUNK_ROWS):
        if fast is not None:  # the look-ups below plan well only on statistics that know how large the table grew
            refresh_statistics_if_stale(CreditRecord, columns=LOOKUP_COLUMNS)
        chunk = frame.slice(start, CHUNK_ROWS)
        clean, doubtful = checker.clean(chunk)
        digests = canonical_content(clean, field_order, id_fields, id_memo)
        clean = clean.with_columns(pl.Series("__content", digests, dtype=pl.String))

        def checked_row(cells) -> CheckedRow:
            values = {code: (value.split(SET_JOIN) if code in set_fields else value)
                      for code, value in zip(field_order, cells[1:-1], strict=True) if value is not None}
            category = values.get(category_field, "")
            row = CheckedRow(row=cells[0], values=values, content_hash=cells[-1])
            if category == PERSON:
                row.party_kind, row.party_citizen_id = "natural_person", values[id_field]
            else:
                row.party_kind = "individual_business" if category == INDIVIDUAL_BUSINESS else "legal_person"
                row.party_uscc = values.get(uscc_field, "") if uscc_field else ""
            row.protected = {code: values[code] for code in id_fields if code in values}
            return row

        checked = []
        numbers = doubtful[ROW].to_list()
        if numbers:
            for raw in chunk.filter(pl.col(ROW).is_in(numbers)).iter_rows(named=True):
                number = raw.pop(ROW)
                checked.append((number, *schema.check(number, raw, today=intake.today)))
        if fast is None:
            checked.extend((cells[0], checked_row(cells), []) for cells in clean.iter_rows())
            checked.sort(key=lambda item: item[0])
            prepared = intake.admit(checked)
            with transaction.atomic():
                intake.store(prepared)
            intake.progress()
            continue
        # Clean rows stay in the frame; only their keys pass through Python, in row order with the other rows, so
        # duplicates are judged exactly as the row path judges them.
        keys = fast.keys(clean)
        clean_at = {number: index for index, number in enumerate(clean[ROW].to_list())}
        items = sorted([(number, None, None) for number in clean_at] + checked, key=lambda item: item[0])
        kept, good, good_keys, errors = [], [], [], []
        for number, row, row_errors in items:
            index = clean_at.get(number) if row is None and row_errors is None else None
            key = keys[index] if index is not None else (intake.key_of(row) if row is not None else None)
            intake.result.total += 1
            if key is None:
                intake.result.rejected += 1
                errors.extend(row_errors)
                continue
            first = intake.seen_keys.get(key)
            if first is not None:
                intake.result.rejected += 1
                if index is None:
                    decision = intake._decision(row)
                else:
                    decision = (clean[index, decision_column] or "") if decision_column else ""
                errors.append(intake.duplicate_error(number, first, str(decision)[:128]))
                continue
            intake.seen_keys[key] = number
            if index is not None:
                kept.append(index)
            else:
                good.append(row)
                good_keys.append(key)
        stored = dict(select_where_in(CreditRecord, "key_hash", [keys[i] for i in kept], ["key_hash", "content_hash"]))
        contents = clean["__content"].to_list()
        creates = []
        for index in kept:
            known = stored.get(keys[index])
            if known is None:
                creates.append(index)
            elif known == contents[index]:
                intake.result.unchanged += 1
            else:  # a correction, rare in bulk: the row path writes the new version
                good.append(checked_row(clean.row(index)))
                good_keys.append(keys[index])
        if creates:
            creates = _drop_claimed(intake, fast, clean, creates, errors)
        errors = intake.result.note(errors)
        with transaction.atomic():
            if creates:
                fast.create(clean[creates], [keys[i] for i in creates])
            intake.store(CheckedChunk(good, good_keys, errors))
        intake.progress()


def _drop_claimed(intake, fast, clean: pl.DataFrame, creates: list[int], errors: list) -> list[int]:
    """Leave out new rows whose decision another provider already delivered (``Intake.claimed_elsewhere``)."""
    pairs = fast.decision_parties(clean[creates])
    claimed = intake.claimed_elsewhere(pairs)
    if not claimed:
        return creates
    numbers = clean[ROW].to_list()
    kept = []
    for index, pair in zip(creates, pairs, strict=True):
        holder = claimed.get(pair)
        if holder:
            intake.result.rejected += 1
            errors.append(intake.claimed_error(numbers[index], holder, pair[0]))
        else:
            kept.append(index)
    return kept


class FastCreates:
    """New records from clean rows, computed as columns and written with COPY (PostgreSQL)."""

    def __init__(self, intake, field_order: list[str], set_fields: set[str]):
        self.intake, self.schema = intake, intake.schema
        self.field_order, self.set_fields = field_order, set_fields
        role = self.schema.role
        self.role = role
        self.id_fields = list(self.schema.id_number_fields)
        self.cipher_memo: dict[str, str] = {}
        self.hash_memo: dict[str, str] = {}
        self.name_memo: dict[str, str] = {}
        self.lateness_memo: dict[dt.date, dict[str, int]] = {}  # receipt date → decision date → working days
        self.condition_memo: dict[tuple, dict] = {}
        self.subject_memo: dict[str, int] = {}  # party code → subject id, across the chunks of one import
        self.provider_code, self.item_code = intake.provider.code, intake.item.code

    def _id_hash(self, number: str) -> str:
        known = self.hash_memo.get(number)
        if known is None:
            known = self.hash_memo[number] = lookup_hash(number)
        return known

    def keys(self, clean: pl.DataFrame) -> list[str]:
        """``Intake.key_of`` for every clean row (clean rows have a USCC, a citizen ID or another number)."""
        role, n = self.role, clean.height
        column = lambda code: clean[code].to_list() if code and code in clean.columns else [None] * n  # noqa: E731
        decisions, categories = column(role.get("decision_number")), column(role.get("party_category"))
        usccs, ids = column(role.get("party_uscc")), column(role.get("party_id_number"))
        others = [column(code) for code in self.schema.other_registration]
        keys = []
        for i in range(n):
            if categories[i] == PERSON:
                party = "id:" + self._id_hash(ids[i])
            elif usccs[i]:
                party = usccs[i]
            else:
                party = "reg:" + next((str(o[i]) for o in others if o[i]), "")
            keys.append(business_key(self.provider_code, self.item_code, decisions[i] or "", party))
        return keys

    def _party_code_column(self, columns: list[str]) -> pl.Expr:
        """The stored party code: the USCC, or a person's ID number masked as ``mask_citizen_id`` masks it."""
        role = self.role
        category_field, uscc_field, id_field = role.get("party_category"), role.get("party_uscc"), role.get(
            "party_id_number")
        is_person = (pl.col(category_field) == PERSON).fill_null(False) if category_field in columns else pl.lit(False)
        uscc = pl.col(uscc_field) if uscc_field in columns else pl.lit(None, dtype=pl.String)
        citizen = pl.col(id_field) if id_field in columns else pl.lit(None, dtype=pl.String)
        return (pl.when(is_person).then(citizen.str.slice(0, 4) + pl.lit("*" * 10) + citizen.str.slice(14, 4))
                .otherwise(uscc).fill_null(""))

    def decision_parties(self, clean: pl.DataFrame) -> list[tuple[str, str]]:
        """(decision number, party code) of each row, as ``Intake`` stores them."""
        frame = clean.select(pl.col(self.role["decision_number"]).str.slice(0, 128).fill_null(""),
                             self._party_code_column(clean.columns).alias("__party"))
        return list(frame.iter_rows())

    def _mapped(self, frame: pl.DataFrame, code: str, function, memo: dict, dtype) -> pl.Expr:
        distinct = [v for v in frame[code].unique().to_list() if v is not None]
        for value in distinct:
            if value not in memo:
                memo[value] = function(value)
        return pl.col(code).replace_strict({v: memo[v] for v in distinct}, default=None, return_dtype=dtype)

    def _condition(self, frame: pl.DataFrame, condition: dict) -> pl.Expr:
        """A severity condition, decided per distinct value with the row path's own rule."""
        code = condition.get("field")
        if code not in frame.columns:
            return pl.lit(False)
        memo = self.condition_memo.setdefault(json.dumps(condition, sort_keys=True, ensure_ascii=False), {})
        is_set = code in self.set_fields
        distinct = [v for v in frame[code].unique().to_list() if v is not None]
        for value in distinct:
            if value not in memo:
                memo[value] = condition_holds(condition, {code: value.split(SET_JOIN) if is_set else value})
        return pl.col(code).replace_strict({v: memo[v] for v in distinct}, default=False,
                                           return_dtype=pl.Boolean).fill_null(False)

    def _severity(self, frame: pl.DataFrame) -> pl.Expr:
        schema = self.intake.version.schema
        if schema["nature"] != "negative":
            return pl.lit("")
        expression = pl.lit(schema.get("default_severity") or "general")
        for rule in reversed(schema.get("severity_rules", [])):
            if rule["conditions"]:
                holds = pl.all_horizontal([self._condition(frame, c) for c in rule["conditions"]])
                expression = pl.when(holds).then(pl.lit(rule["severity"])).otherwise(expression)
        return expression

    def create(self, clean: pl.DataFrame, keys: list[str]) -> None:
        """Link subjects, compute every column of the new records, and hand the COPY to the writer."""
        intake, role, schema = self.intake, self.role, self.intake.version.schema
        if intake.dry_run:  # counted, nothing written (not even new subjects)
            intake.result.created += clean.height
            intake.result.accepted = intake.result.created + intake.result.updated + intake.result.unchanged
            return

        name_field, category_field = role.get("party_name"), role.get("party_category")
        uscc_field, id_field = role.get("party_uscc"), role.get("party_id_number")
        columns = clean.columns
        parties = {}
        select = [c for c in (name_field, category_field, uscc_field, id_field) if c and c in columns]
        for name, category, uscc, number in clean.select(
                [pl.col(c) if c in select else pl.lit(None, dtype=pl.String) for c in
                 (name_field, category_field, uscc_field, id_field)]).unique().iter_rows():
            if category == PERSON and number:
                parties.setdefault(number, CheckedRow(row=0, values={name_field: name}, party_kind="natural_person",
                                                 party_citizen_id=number))
            elif uscc:
                kind = "individual_business" if category == INDIVIDUAL_BUSINESS else "legal_person"
                parties.setdefault(uscc, CheckedRow(row=0, values={name_field: name}, party_kind=kind, party_uscc=uscc))
        unknown = [party for code, party in parties.items() if code not in self.subject_memo]
        self.subject_memo.update(intake.link_subjects(unknown))
        subjects = {code: self.subject_memo[code] for code in parties if code in self.subject_memo}
        now = intake.received_at or timezone.now()
        received = timezone.localtime(now).date()
        deadline = schema.get("deadline_working_days")
        is_person = (pl.col(category_field) == PERSON).fill_null(False) if category_field in columns else pl.lit(False)
        frame = clean.with_columns(pl.Series("__key", keys, dtype=pl.String))
        expressions = {}
        # party, subject and name
        uscc = pl.col(uscc_field) if uscc_field in columns else pl.lit(None, dtype=pl.String)
        citizen = pl.col(id_field) if id_field in columns else pl.lit(None, dtype=pl.String)
        party_code_column = pl.when(is_person).then(citizen).otherwise(uscc)
        expressions["subject_id"] = party_code_column.replace_strict(subjects, default=None, return_dtype=pl.Int64)
        expressions["party_kind"] = (pl.when(is_person).then(pl.lit("natural_person"))
                                     .when(pl.col(category_field) == INDIVIDUAL_BUSINESS if category_field in columns
                                           else pl.lit(False)).then(pl.lit("individual_business"))
                                     .otherwise(pl.lit("legal_person")))
        expressions["party_code"] = self._party_code_column(columns)
        expressions["party_name"] = pl.col(name_field).str.slice(0, 200)
        expressions["party_name_normalized"] = self._mapped(frame, name_field, lambda v: normalize_name(v)[:200],
                                                            self.name_memo, pl.String)
        expressions["decision_number"] = pl.col(role["decision_number"]).str.slice(0, 128)
        # dates, severity and publicity window (the row path's rules, as columns)
        date_of = lambda code: pl.col(code).str.to_date() if code and code in columns else pl.lit(None, dtype=pl.Date)  # noqa: E731
        decision = date_of(role.get("decision_date"))
        until, requested = date_of(role.get("valid_until")), date_of(role.get("publicity_until"))
        severity = self._severity(frame)
        published = pl.lit(schema["disclosure"] == "public")
        start, repairable, end = decision, pl.lit(None, dtype=pl.Date), until
        if schema["nature"] == "negative":
            repairable, end, period_published = pl.lit(None, dtype=pl.Date), pl.lit(None, dtype=pl.Date), pl.lit(True)
            for name, period in schema["publicity"].items():
                shortest = decision.dt.offset_by(f"{period['min_months']}mo")
                longest = decision.dt.offset_by(f"{period['max_months']}mo")
                chosen = (pl.when(requested.is_not_null() & (requested >= shortest) & (requested <= longest))
                          .then(requested).otherwise(longest))
                repairable = pl.when(severity == name).then(shortest).otherwise(repairable)
                end = pl.when(severity == name).then(chosen).otherwise(end)
                period_published = pl.when(severity == name).then(pl.lit(period["published"])).otherwise(period_published)
            published = published & period_published
        expressions.update({"decision_date": decision, "severity": severity, "published": published,
                            "publicity_start": start, "repairable_from": repairable, "publicity_end": end})
        decision_code = role.get("decision_date")
        if decision_code and decision_code in columns:
            lateness = self._mapped(frame, decision_code,
                                    lambda v: working_days_between(dt.date.fromisoformat(v), received),
                                    self.lateness_memo.setdefault(received, {}), pl.Int64)
        else:
            lateness = pl.lit(None, dtype=pl.Int64)
        expressions["lateness_working_days"] = lateness
        expressions["on_time"] = (lateness <= deadline) if deadline is not None else pl.lit(None, dtype=pl.Boolean)
        # payload (ID numbers masked), encrypted ID numbers, hashes
        present_ids = [c for c in self.id_fields if c in columns]
        payload_columns = []
        for code in self.field_order:
            if code not in columns:
                continue
            value = pl.col(code)
            if code in present_ids:
                value = (pl.when(value.str.len_chars() == 18)
                         .then(value.str.slice(0, 4) + pl.lit("*" * 10) + value.str.slice(14, 4))
                         .otherwise(value.str.slice(0, 1) + pl.lit("*").repeat_by(value.str.len_chars() - 2).list.join("")
                                    + value.str.slice(-1, 1)))
            elif code in self.set_fields:
                value = value.str.split(SET_JOIN)
            payload_columns.append(value.alias(code))
        payload = pl.struct(payload_columns).struct.json_encode()
        payload = (payload.str.replace_all(r',"[A-Z0-9_]+":null', "").str.replace_all(r'"[A-Z0-9_]+":null,?', ""))
        protected_parts = [pl.when(pl.col(c).is_not_null()).then(
            pl.lit(f'"{c}":"') + self._mapped(frame, c, lambda v: encrypt_text(v), self.cipher_memo, pl.String)
            + pl.lit('"')) for c in present_ids]
        protected = (pl.lit("{") + pl.concat_str(protected_parts, separator=",", ignore_nulls=True) + pl.lit("}")
                     if protected_parts else pl.lit("{}"))
        records = frame.select(
            pl.lit(intake.item.pk).alias("item_id"), pl.lit(intake.version.pk).alias("item_version_id"),
            pl.lit(intake.provider.pk).alias("provider_id"), expressions["subject_id"].alias("subject_id"),
            pl.col("__key").alias("key_hash"), expressions["decision_number"].alias("decision_number"),
            expressions["party_name"].alias("party_name"),
            expressions["party_name_normalized"].alias("party_name_normalized"),
            expressions["party_kind"].alias("party_kind"), expressions["party_code"].alias("party_code"),
            payload.alias("payload"), protected.alias("protected"), pl.col("__content").alias("content_hash"),
            expressions["decision_date"].alias("decision_date"), pl.lit(now.isoformat()).alias("received_at"),
            pl.lit(now.isoformat()).alias("updated_at"),
            expressions["lateness_working_days"].alias("lateness_working_days"),
            expressions["on_time"].alias("on_time"), expressions["severity"].alias("severity"),
            expressions["published"].alias("published"), expressions["publicity_start"].alias("publicity_start"),
            expressions["repairable_from"].alias("repairable_from"),
            expressions["publicity_end"].alias("publicity_end"), pl.lit("active").alias("state"),
            pl.lit(1).alias("version"), pl.lit(intake.batch.pk).alias("batch_id"))
        intake.result.created += records.height
        intake.result.accepted = intake.result.created + intake.result.updated + intake.result.unchanged

        def write():
            with transaction.atomic():
                with connection.cursor() as cursor:
                    cursor.execute("SET LOCAL synchronous_commit TO OFF")
                ids = copy_frame(CreditRecord, records)
                intake.insert_first_versions(ids)
                emit(topics.RECORDS_CHANGED, {"batch": intake.batch.pk, "item": intake.item.code, "created": ids,
                                         "corrected": [], "withdrawn": []})

        if intake.writer is None:
            write()
        else:
            transaction.on_commit(lambda: intake.writer.submit(write))


def copy_frame(model, frame: pl.DataFrame) -> list[int]:
    """COPY a frame whose columns are the model's columns (without the primary key); returns the new ids."""
    meta = model._meta
    ids = reserve_ids(connection, meta, frame.height)
    buffer = io.BytesIO()
    order = [meta.pk.column, *frame.columns]
    frame.with_columns(pl.Series(meta.pk.column, ids, dtype=pl.Int64)).select(order).write_csv(
        buffer, include_header=False, null_value="\\N")
    quote = connection.ops.quote_name
    columns = ", ".join(quote(c) for c in order)
    with connection.cursor() as cursor, cursor.cursor.copy(
            f"COPY {quote(meta.db_table)} ({columns}) FROM STDIN WITH (FORMAT csv, NULL '\\N')") as copy:
        copy.write(buffer.getvalue())
    return ids
