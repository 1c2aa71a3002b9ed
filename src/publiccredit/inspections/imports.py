"""Directories from files (docs/inspections.md, "Directories"): a department's inspectors (执法检查人员) and its
random-inspection matters (抽查事项) from a CSV whose header names the columns in Chinese or English. Each row is
checked on its own: good rows are kept, each bad one is reported with its line and reason, and sending the same file
again changes nothing (an inspector is keyed by certificate number, a matter by its code within the department)."""

import csv
import io
from dataclasses import dataclass, field

from django.db import transaction

from publiccredit.accounts.roles import require_writer, sees_everything
from publiccredit.audit.services import record_write
from publiccredit.core.errors import DomainError, PermissionDenied

from .models import InspectionMatter, Inspector

MAX_ROWS = 5000
YES = {"是", "在岗", "有效", "1", "true", "yes", "y"}
NO = {"否", "不在岗", "离岗", "停用", "无效", "0", "false", "no", "n"}
METHODS = {label: value for value, label in InspectionMatter.Method.choices} | {
    value: value for value in InspectionMatter.Method.values}

KINDS = {
    "inspectors": {
        "label": "执法检查人员",
        "columns": {"name": ("姓名", "name"), "certificate_number": ("执法证号", "certificate_number"),
                    "domains": ("执法领域", "domains"), "is_active": ("在岗", "is_active")},
        "required": ("name", "certificate_number"),
    },
    "matters": {
        "label": "随机抽查事项",
        "columns": {"code": ("事项编码", "code"), "name": ("抽查事项", "name"), "legal_basis": ("依据", "legal_basis"),
                    "method": ("检查方式", "method"), "object_scope": ("检查对象范围", "object_scope"),
                    "is_active": ("有效", "is_active")},
        "required": ("code", "name", "legal_basis"),
    },
}


@dataclass
class DirectoryImport:
    total: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list[dict] = field(default_factory=list)  # {"line", "message"}

    @property
    def rejected(self) -> int:
        return len(self.errors)


def _labels(kind: str) -> str:
    return "、".join(aliases[0] for aliases in KINDS[kind]["columns"].values())


def rows_of(kind: str, content: bytes) -> list[tuple[int, dict]]:
    """(line, row) of a CSV (UTF-8 with or without BOM, or GB18030 as saved by older spreadsheet programs)."""
    if kind not in KINDS:
        raise DomainError(f"未知的名录类别“{kind}”：可导入 inspectors（执法检查人员）或 matters（随机抽查事项）",
                          code="bad_kind")
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = content.decode("gb18030")
        except UnicodeDecodeError:
            raise DomainError("文件不是 UTF-8 或 GB18030 编码的 CSV", code="bad_encoding") from None
    reader = csv.reader(io.StringIO(text))
    header = next(reader, None)
    if not header:
        raise DomainError(f"文件为空：第1行应为表头，如“{_labels(kind)}”", code="empty_file")
    names = {alias: key for key, aliases in KINDS[kind]["columns"].items() for alias in aliases}
    keys = [names.get(column.strip().lstrip("*")) for column in header]
    missing = [KINDS[kind]["columns"][key][0] for key in KINDS[kind]["required"] if key not in keys]
    if missing:
        raise DomainError(f"表头缺少“{'、'.join(missing)}”列（可用的列：{_labels(kind)}）", code="bad_header")
    rows = [(line, {key: value.strip() for key, value in zip(keys, row, strict=False) if key})
            for line, row in enumerate(reader, start=2) if any(cell.strip() for cell in row)]
    if len(rows) > MAX_ROWS:
        raise DomainError(f"一次最多导入{MAX_ROWS}行，本文件{len(rows)}行，请分批导入", code="too_many_rows")
    return rows


def import_directory(*, kind: str, department, rows: list[tuple[int, dict]], actor) -> DirectoryImport:
    """Take in the rows for ``department``: its own clerks or the credit office; each row alone."""
    require_writer(actor)
    if getattr(actor, "pk", None) and not sees_everything(actor) and actor.organization_id != department.pk:
        raise PermissionDenied("只能导入本单位的名录", code="not_own_department")
    outcome = DirectoryImport(total=len(rows))
    for line, row in rows:
        problems = [f"请填写{KINDS[kind]['columns'][key][0]}" for key in KINDS[kind]["required"] if not row.get(key)]
        active = _flag(row.get("is_active", ""), problems, KINDS[kind]["columns"]["is_active"][0])
        if kind == "matters" and row.get("method") and row["method"] not in METHODS:
            problems.append(f"检查方式“{row['method']}”应为{'、'.join(InspectionMatter.Method.labels)}之一")
        if problems:
            outcome.errors.append({"line": line, "message": "；".join(problems)})
            continue
        try:
            with transaction.atomic():
                state = _save_inspector(department, row, active) if kind == "inspectors" else _save_matter(
                    department, row, active)
        except DomainError as exc:
            outcome.errors.append({"line": line, "message": exc.message})
            continue
        setattr(outcome, state, getattr(outcome, state) + 1)
    if outcome.created or outcome.updated:
        record_write(actor=actor, action="inspections.directory.import", target=department, detail={
            "kind": kind, "total": outcome.total, "created": outcome.created, "updated": outcome.updated,
            "rejected": outcome.rejected})
    return outcome


def _flag(value: str, problems: list[str], label: str) -> bool:
    if not value or value.lower() in YES:
        return True
    if value.lower() in NO:
        return False
    problems.append(f"{label}“{value}”应为“是”或“否”")
    return True


def _apply(instance, values: dict) -> bool:
    changed = [name for name, value in values.items() if getattr(instance, name) != value]
    for name in changed:
        setattr(instance, name, values[name])
    if changed:
        instance.full_clean()
        instance.save(update_fields=changed)
    return bool(changed)


def _save_inspector(department, row: dict, active: bool) -> str:
    values = {"name": row["name"][:50], "domains": row.get("domains", "")[:200], "is_active": active}
    found = Inspector.objects.filter(certificate_number=row["certificate_number"]).first()
    if found is None:
        Inspector(department=department, certificate_number=row["certificate_number"][:40], **values).save()
        return "created"
    if found.department_id != department.pk:
        raise DomainError(f"执法证号{found.certificate_number}已登记在{found.department.name}，不能导入为本单位人员")
    return "updated" if _apply(found, values) else "unchanged"


def _save_matter(department, row: dict, active: bool) -> str:
    values = {"name": row["name"][:200], "legal_basis": row["legal_basis"],
              "method": METHODS.get(row.get("method") or "", InspectionMatter.Method.ON_SITE),
              "object_scope": row.get("object_scope", "")[:300], "is_active": active}
    found = InspectionMatter.objects.filter(department=department, code=row["code"]).first()
    if found is None:
        InspectionMatter(department=department, code=row["code"][:40], **values).save()
        return "created"
    return "updated" if _apply(found, values) else "unchanged"
