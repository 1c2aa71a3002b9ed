"""Reading delivered files: CSV in UTF-8 (with or without BOM) or GBK/GB18030, and XLSX. Columns may be field
codes or Chinese field names. Problems that make a file unusable raise ``FileProblem`` before anything is written."""

import codecs
import csv
import hashlib
import io
import re
import uuid
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Protocol

from django.conf import settings

from publiccredit.core.errors import DomainError
from publiccredit.core.spreadsheets import csv_writer


class HeaderSchema(Protocol):
    """What a file needs of the schema it is read by (a catalog item's ``ItemSchema``, the screening list's)."""

    def map_headers(self, headers: list[str]) -> tuple[list[str | None], list[str]]: ...

    def missing_required_columns(self, columns: list[str | None]) -> list[str]: ...

SNIFF_BYTES = 1 << 20
WRONG_ENCODING = "文件中途出现无法识别的编码：请整体另存为 UTF-8 或 GBK 编码"
# Python's csv refuses a cell over 128 KB with an exception; polars (the columnar path) reads it. A long 违法事实 is a
# row error (too_long) on both paths, so the row path reads cells up to 64 MB and calls anything larger unreadable.
CSV_CELL_LIMIT = 64 * 1024 * 1024
csv.field_size_limit(max(csv.field_size_limit(), CSV_CELL_LIMIT))
FIRST_DATA_ROW = 2  # the header is row 1


class FileProblem(DomainError):
    default_code = "unusable_file"


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def detect_encoding(sample: bytes) -> str:
    """utf-8-sig when the start of the file is UTF-8, else gb18030 (a superset of GBK), else refuse."""
    if b"\x00" in sample:
        raise FileProblem("文件无法读取：看起来不是文本格式的 CSV（含有二进制内容）。请上传 CSV 或 XLSX 文件", code="unreadable_file")
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            codecs.getincrementaldecoder(encoding)().decode(sample, final=False)
            return encoding
        except UnicodeDecodeError:
            continue
    raise FileProblem("文件编码无法识别：请另存为 UTF-8 或 GBK 编码的 CSV", code="wrong_encoding")


XLSX_ROW_TAG = re.compile(rb"<(?:\w+:)?row[\s>/]")
MB = 1024 * 1024


def limits_text() -> str:
    """The limits of one file, as the upload page states them before anyone fails them."""
    return (f"每个文件不超过{settings.UPLOAD_MAX_BYTES // MB} MB、{settings.UPLOAD_MAX_ROWS:,}行数据；XLSX 解压后不超过"
            f"{settings.XLSX_MAX_UNPACKED_BYTES // MB} MB；每批最多逐条列出{settings.MAX_LISTED_ERRORS:,}个错误，其余只计数")


def too_many_rows(rows: int) -> FileProblem:
    return FileProblem(f"文件有{rows:,}行数据，超过每个文件{settings.UPLOAD_MAX_ROWS:,}行的上限：请拆分成几个文件分别上传"
                       "（重复上传的记录不会重复入库）", code="too_many_rows")


def _count_pattern(stream, pattern: re.Pattern) -> int:
    """Occurrences of a short pattern in a stream read in blocks (a match may straddle two blocks)."""
    count, carry = 0, b""
    for block in iter(lambda: stream.read(1 << 20), b""):
        window = carry + block
        count += len(pattern.findall(window)) - len(pattern.findall(carry))
        carry = window[-16:]
    return count


class DeliveredFile:
    """A file opened for one catalog item: headers checked, rows available as often as needed."""

    def __init__(self, path: Path, schema: HeaderSchema, *, original_name: str | None = None):
        self.path, self.schema = Path(path), schema
        self.name = original_name or self.path.name
        suffix = Path(self.name).suffix.lower()
        if not self.path.exists():
            raise FileProblem(f"找不到文件：{self.path}", code="file_not_found")
        if suffix in (".xlsx", ".xlsm"):
            self.kind = "xlsx"
            self._check_unpacked_size()
            headers = self._xlsx_headers()
        elif suffix in (".csv", ".txt", ""):
            self.kind = "csv"
            with self.path.open("rb") as handle:
                self.encoding = detect_encoding(handle.read(SNIFF_BYTES))
            headers = self._csv_headers()
        else:
            raise FileProblem(f"不支持的文件类型“{suffix}”：请上传 CSV 或 XLSX 文件", code="unsupported_type")
        if not any(str(h or "").strip() for h in headers):
            raise FileProblem("文件没有表头行：第一行应为字段代码或中文字段名", code="no_header")
        self.columns, self.unknown_columns = schema.map_headers(headers)
        missing = schema.missing_required_columns(self.columns)
        if missing:
            raise FileProblem(f"缺少必填列：{'、'.join(missing)}", code="missing_required_column")

    def _csv_headers(self) -> list[str]:
        try:
            with self.path.open(encoding=self.encoding, newline="") as handle:
                return next(csv.reader(handle), [])
        except (UnicodeDecodeError, csv.Error) as exc:
            raise FileProblem(f"文件无法读取：{exc}", code="unreadable_file") from exc

    def _check_unpacked_size(self) -> None:
        """Refuse an XLSX that would inflate beyond the limit before anything unpacks it (a zip bomb, or a sheet far
        too big for one delivery)."""
        try:
            with zipfile.ZipFile(self.path) as archive:
                unpacked = sum(entry.file_size for entry in archive.infolist())
        except zipfile.BadZipFile as exc:
            raise FileProblem("XLSX 文件无法打开：不是有效的 XLSX 文件，请用 Excel 或 WPS 另存为 .xlsx 后重新上传",
                              code="unreadable_file") from exc
        if unpacked > settings.XLSX_MAX_UNPACKED_BYTES:
            raise FileProblem(f"XLSX 文件解压后为{unpacked // MB:,} MB，超过{settings.XLSX_MAX_UNPACKED_BYTES // MB:,} MB "
                              "的上限：请拆分成几个文件，或另存为 CSV 上传", code="file_too_large")

    def _xlsx_headers(self) -> list[str]:
        try:
            from openpyxl import load_workbook

            workbook = load_workbook(self.path, read_only=True, data_only=True)
        except Exception as exc:  # openpyxl raises many kinds for a damaged file
            raise FileProblem(f"XLSX 文件无法打开：{type(exc).__name__}", code="unreadable_file") from exc
        try:
            sheet = _whole_sheet(workbook)
            first = next(sheet.iter_rows(min_row=1, max_row=1, values_only=True), ())
            self._sheet_path = getattr(sheet, "_worksheet_path", None)
            return ["" if v is None else str(v) for v in first]
        finally:
            workbook.close()

    def check_row_limit(self) -> None:
        """Refuse a file with more data rows than one delivery may hold, before a single row is written. Counting
        is cheap: row tags in the sheet's XML, line ends in a CSV (and the exact count only when those exceed it,
        since a quoted cell may hold a line break)."""
        limit = settings.UPLOAD_MAX_ROWS
        if self.kind == "xlsx":
            if not getattr(self, "_sheet_path", None):
                return
            with zipfile.ZipFile(self.path) as archive, archive.open(self._sheet_path) as sheet:
                rows = _count_pattern(sheet, XLSX_ROW_TAG) - 1
        else:
            with self.path.open("rb") as handle:
                rows = sum(block.count(b"\n") for block in iter(lambda: handle.read(1 << 20), b"")) - 1
            if rows > limit:
                rows = sum(1 for _ in self.rows())
        if rows > limit:
            raise too_many_rows(rows)

    def rows(self) -> Iterator[tuple[int, dict]]:
        """(row number as Excel shows it — the header is row 1, so data starts at 2 —, {field code: value}); blank
        lines are skipped but keep their numbers, so a clerk finds row 37 of the report at row 37 of the file."""
        mapped = [(index, code) for index, code in enumerate(self.columns) if code]
        for number, cells in enumerate(self._cells(), start=FIRST_DATA_ROW):
            if not any(c not in (None, "") for c in cells):
                continue
            width = len(cells)
            yield number, {code: cells[index] for index, code in mapped if index < width}

    def _cells(self) -> Iterator[list]:
        if self.kind == "csv":
            try:
                with self.path.open(encoding=self.encoding, newline="") as handle:
                    reader = csv.reader(handle)
                    next(reader, None)
                    try:
                        yield from reader
                    except csv.Error as exc:
                        raise FileProblem(f"文件第{reader.line_num}行无法读取（{exc}）：请检查该行的引号是否成对、"
                                          "单元格是否过大", code="unreadable_file") from exc
            except UnicodeDecodeError as exc:
                raise FileProblem(WRONG_ENCODING, code="wrong_encoding") from exc
            return
        from openpyxl import load_workbook

        workbook = load_workbook(self.path, read_only=True, data_only=True)
        try:
            rows = _whole_sheet(workbook).iter_rows(min_row=2, values_only=True)
            for row in rows:
                yield list(row)
        finally:
            workbook.close()


def _whole_sheet(workbook):
    """The first sheet, read to its real end: read-only openpyxl trusts the file's ``<dimension>`` tag, which some
    exporters write wrong (``A1:K100`` on a sheet of 5,000 rows) — the rows beyond it would vanish without a word."""
    sheet = workbook.worksheets[0]
    if hasattr(sheet, "reset_dimensions"):
        sheet.reset_dimensions()
    return sheet


def error_report_csv(errors, stream: io.TextIOBase) -> None:
    """The per-row error report clerks download: row, field code, field name, error code, message."""
    writer = csv_writer(stream)
    writer.writerow(["行号", "决定文书号", "字段代码", "错误代码", "说明"])
    for error in errors:
        writer.writerow([error.row, error.decision_number, error.field, error.code, error.message])



def save_upload(upload) -> str:
    """Keep an uploaded file (a Django ``UploadedFile``) where a worker can read it: under MEDIA_ROOT/uploads, by a
    random name with the upload's kind, readable by the platform's user only. Returns the path."""
    folder = settings.MEDIA_ROOT / "uploads"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{uuid.uuid4().hex}{'.xlsx' if upload.name.lower().endswith(('.xlsx', '.xlsm')) else '.csv'}"
    with path.open("wb") as handle:
        for piece in upload.chunks():
            handle.write(piece)
    path.chmod(0o600)
    return str(path)
