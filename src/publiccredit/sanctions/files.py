"""Reading a screening list from an uploaded CSV or XLSX: one subject a row, by code and/or name."""

from pathlib import Path

from publiccredit.core.files import DeliveredFile, FileProblem

CODE_HEADERS = {"代码", "统一社会信用代码", "社会信用代码", "信用代码", "身份证号码", "证件号码", "code", "uscc"}
NAME_HEADERS = {"名称", "主体名称", "单位名称", "企业名称", "name"}


class ScreeningFileSchema:
    """Just enough of a catalog schema for DeliveredFile: a code column, a name column, at least one of them."""

    def map_headers(self, headers: list[str]) -> tuple[list[str | None], list[str]]:
        mapped, unknown = [], []
        for header in headers:
            key = str(header or "").strip()
            code = "code" if key in CODE_HEADERS or key.lower() in CODE_HEADERS else (
                "name" if key in NAME_HEADERS or key.lower() in NAME_HEADERS else None)
            mapped.append(code)
            if code is None and key:
                unknown.append(key)
        return mapped, unknown

    def missing_required_columns(self, mapped: list[str | None]) -> list[str]:
        return [] if {"code", "name"} & set(mapped) else ["代码（统一社会信用代码或身份证号码）或 名称"]


def read_subjects(path: str | Path, *, original_name: str, limit: int) -> list[dict]:
    """Rows as ``{"code", "name"}``; blank rows skipped. Raises FileProblem for an unusable or oversize file."""
    delivered = DeliveredFile(Path(path), ScreeningFileSchema(), original_name=original_name)
    subjects = []
    for _, row in delivered.rows():
        subjects.append({"code": _text(row.get("code")), "name": _text(row.get("name"))})
        if len(subjects) > limit:
            raise FileProblem(f"文件超过{limit:,}行：请分成多个文件上传", code="too_many_rows")
    if not subjects:
        raise FileProblem("文件中没有数据行", code="empty_file")
    return subjects


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():  # Excel turns long digit strings into numbers
        value = int(value)
    return str(value).strip()
