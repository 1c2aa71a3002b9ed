"""Results that others compute, taken in (docs/evaluation.md, "Imported results"): the national comprehensive
evaluation pushed by the NDRC, the tax authority's 纳税信用等级 and the like. An imported model holds only its grade
bands; each row names a subject by its code, a grade of the model, optionally a score, and the day it was graded for.
Good rows are kept when others are wrong, each wrong row named with its position and reason in Chinese; a row that
changes nothing (sent again) writes nothing."""

import csv
import datetime as dt
import io
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.utils import timezone

from publiccredit.accounts.roles import sees_everything
from publiccredit.audit.services import record_write
from publiccredit.casework.dates import typed_date
from publiccredit.core.bulk import filter_in, insert_rows, select_where_in
from publiccredit.core.crypto import lookup_hash
from publiccredit.core.errors import DomainError
from publiccredit.core.identifiers import check_citizen_id, check_uscc, normalize_code
from publiccredit.subjects.models import Subject

from .models import EvaluationModel, EvaluationResult
from .services import RESULT_COLUMNS, result_digest

MAX_ROWS = 100_000
COLUMNS = {"code": ("code", "代码", "统一社会信用代码"), "grade": ("grade", "等级", "评价等级"),
           "score": ("score", "得分", "分数"), "as_of": ("as_of", "评价日期", "评价基准日")}


@dataclass
class ImportOutcome:
    total: int = 0
    accepted: int = 0
    unchanged: int = 0
    rejected: int = 0
    errors: list[dict] = field(default_factory=list)

    def as_dict(self) -> dict:
        return {"total": self.total, "accepted": self.accepted, "unchanged": self.unchanged,
                "rejected": self.rejected, "errors": self.errors}


def imported_model(code: str) -> EvaluationModel:
    model = EvaluationModel.objects.filter(code=code, kind=EvaluationModel.Kind.IMPORTED, is_active=True).select_related(
        "current_version").first()
    if model is None:
        known = "、".join(EvaluationModel.objects.filter(kind=EvaluationModel.Kind.IMPORTED, is_active=True)
                         .values_list("code", flat=True)) or "无"
        raise DomainError(f"没有代码为“{code}”的外部评价模型（可导入的模型：{known}）", code="unknown_model", field="model")
    if model.current_version is None:
        raise DomainError(f"模型“{model.name}”尚未发布，不能导入结果", code="model_unpublished", field="model")
    return model


def rows_from_csv(content: bytes) -> list[dict]:
    """The rows of a CSV (UTF-8, with or without BOM) whose header names the columns in English or Chinese."""
    text = content.decode("utf-8-sig")
    reader = csv.reader(io.StringIO(text))
    header = next(reader, None)
    if not header:
        raise DomainError("文件为空：第1行应为表头，如“代码,等级,得分,评价日期”", code="empty_file")
    names = {alias: key for key, aliases in COLUMNS.items() for alias in aliases}
    keys = [names.get(column.strip()) for column in header]
    if "code" not in keys or "grade" not in keys:
        raise DomainError("表头须包含“代码”和“等级”两列（可用 code、grade）", code="bad_header")
    return [{key: value.strip() for key, value in zip(keys, row, strict=False) if key} for row in reader]


def import_results(*, model: EvaluationModel, rows: list[dict], actor, channel: str,
                   today: dt.date | None = None) -> ImportOutcome:
    """Take in ``rows`` ({"code", "grade", "score"?, "as_of"?}) as results of the imported ``model``."""
    if getattr(actor, "is_authenticated", False) and not sees_everything(actor) and (
            getattr(actor, "organization_id", None) != model.owner_id):
        owner = model.owner.name if model.owner_id else "信用主管部门"
        raise DomainError(f"只有模型“{model.name}”的制定单位（{owner}）或信用主管部门可以导入结果",
                          code="not_owner", field="model")
    if len(rows) > MAX_ROWS:
        raise DomainError(f"一次最多导入{MAX_ROWS}条，本次{len(rows)}条，请分批导入", code="too_many_rows")
    today = today or timezone.localdate()
    grades = [band["grade"] for band in model.current_version.definition["grades"]]
    outcome = ImportOutcome(total=len(rows))
    parsed = []
    for index, row in enumerate(rows, start=1):
        if not isinstance(row, dict):
            outcome.errors.append({"index": index, "code": "", "message": "每条结果应为对象，如 {\"code\": …, \"grade\": …}"})
            continue
        problem, value = _parse(row, grades, today)
        if problem:
            outcome.errors.append({"index": index, "code": str(row.get("code", ""))[:30], "message": problem})
        else:
            parsed.append((index, *value))
    usccs = {code for _, code, kind, *_ in parsed if kind == "uscc"}
    hashes = {code: lookup_hash(code) for _, code, kind, *_ in parsed if kind == "citizen"}
    subjects = dict(select_where_in(Subject, "uscc", usccs, ["uscc", "id"]))
    by_hash = dict(select_where_in(Subject, "id_hash", set(hashes.values()), ["id_hash", "id"]))
    wanted = {}
    for index, code, kind, grade, score, as_of in parsed:
        subject_id = subjects.get(code) if kind == "uscc" else by_hash.get(hashes[code])
        if subject_id is None:
            outcome.errors.append({"index": index, "code": code if kind == "uscc" else "", "message":
                                   "信用主体库中没有该主体，请核对统一社会信用代码或身份证号码"})
            continue
        wanted[subject_id] = (grade, score, as_of)  # a subject named twice: the later row wins
    with transaction.atomic():
        current = EvaluationResult.objects.filter(model=model, is_current=True).order_by()
        held = {}
        for part in filter_in(current, "subject_id", list(wanted)):
            held.update(dict(part.values_list("subject_id", "digest")))
        # an imported result has no contributions; its day graded for goes into the digest in their place, so that
        # a resend with a new day is a change and one with the same day is not
        digests = {subject_id: result_digest(model.current_version_id, score, grade, "", f"as_of:{as_of}")
                   for subject_id, (grade, score, as_of) in wanted.items()}
        changed = {subject_id: value for subject_id, value in wanted.items() if held.get(subject_id) != digests[subject_id]}
        if changed:
            for part in filter_in(current, "subject_id", list(changed)):
                part.update(is_current=False)
            now = timezone.now()
            insert_rows(EvaluationResult, RESULT_COLUMNS, [
                [subject_id, model.pk, model.current_version_id, None, score, grade, score, [], "", digests[subject_id],
                 as_of, now, True]
                for subject_id, (grade, score, as_of) in changed.items()])
        outcome.accepted = len(changed)
        outcome.unchanged = len(wanted) - len(changed)
        outcome.rejected = len(outcome.errors)
        record_write(actor=actor, action="evaluation.result.import", target=model,
                     detail={"channel": channel, **{k: v for k, v in outcome.as_dict().items() if k != "errors"}})
    outcome.errors.sort(key=lambda error: error["index"])
    return outcome


def _parse(row: dict, grades: list[str], today: dt.date):
    raw = normalize_code(str(row.get("code") or ""))
    if not raw:
        return "缺少代码（统一社会信用代码或身份证号码）", None
    if len(raw) == 18 and check_uscc(raw):
        kind = "uscc"
    elif check_citizen_id(raw):
        kind = "citizen"
    else:
        return f"代码“{raw}”不是有效的统一社会信用代码或身份证号码", None
    grade = str(row.get("grade") or "").strip().upper()
    if grade not in grades:
        return f"等级“{grade}”不在本模型的等级中（{'、'.join(grades)}）", None
    score_text = str(row.get("score") or "").strip()
    try:
        score = Decimal(score_text).quantize(Decimal("0.01")) if score_text else Decimal("0.00")
    except InvalidOperation:
        return f"得分“{score_text}”不是数字", None
    as_of, problem = typed_date(row.get("as_of"), "评价日期")
    if problem:
        return problem, None
    as_of = as_of or today
    if as_of > today:
        return "评价日期不能晚于今天", None
    return None, (raw, kind, grade, score, as_of)
