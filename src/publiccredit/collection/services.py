"""Intake of credit records (归集): the one path behind the API, file uploads, the import command and the demo.

Rules enforced here (docs/collection.md):
- a bad row is reported with row, field and reason and never stops the good rows, unless the sender asks for
  all-or-nothing (``atomic``);
- the business key is provider + item + decision number + party code: re-sending creates no duplicates, a changed row
  becomes a new version (更正), a row marked 撤销 withdraws the record; nothing is deleted;
- each record is linked to its subject by USCC or citizen ID (a valid unknown code creates the subject); otherwise it
  waits, unlinked, for a clerk — never linked on a name alone;
- severity and publicity window are fixed at intake from the catalog version the record was checked against;
- lateness is counted in working days from the decision to receipt (双公示: 7).
Rows are processed in chunks, each chunk in its own transaction, so an interrupted import can simply be re-run.
"""

import datetime as dt

from django.db import transaction
from django.utils import timezone

from publiccredit.audit.services import record_write
from publiccredit.catalog.models import CatalogItem
from publiccredit.core.errors import DomainError
from publiccredit.events.services import emit
from publiccredit.subjects.models import Subject

from . import topics
from .intake import MAX_API_RECORDS, Intake, IntakeResult, check_provider
from .models import Batch, CreditRecord, RecordVersion
from .validation import ItemSchema


def submit_records(*, item: CatalogItem, provider, records: list[dict], actor, channel: str = Batch.Channel.API,
                   dry_run: bool = False, atomic: bool = False, today: dt.date | None = None,
                   received_at: dt.datetime | None = None) -> IntakeResult:
    """Take in records sent as objects (field code or Chinese name → value), numbered from 1 in sending order."""
    if not isinstance(records, list):
        raise DomainError("records 必须是数组", code="records_not_a_list", field="records")
    if len(records) > MAX_API_RECORDS:
        raise DomainError(f"一次最多报送{MAX_API_RECORDS}条，本次{len(records)}条，请分批发送", code="too_many_records",
                          field="records")
    intake = Intake(item=item, provider=provider, actor=actor, channel=channel, dry_run=dry_run, atomic=atomic,
                    today=today, received_at=received_at)

    def rows():
        for number, record in enumerate(records, start=1):
            if not isinstance(record, dict):
                yield number, {}
                continue
            yield number, _by_field_code(intake.schema, record)

    return intake.run(rows)


def _by_field_code(schema: ItemSchema, record: dict) -> dict:
    keys = list(record)
    codes, _unknown = schema.map_headers(keys)
    return {code: record[key] for key, code in zip(keys, codes, strict=True) if code}


def import_file(*, item: CatalogItem, provider, path, actor, channel: str = Batch.Channel.CLI, dry_run: bool = False,
                atomic: bool = False, original_name: str | None = None, today: dt.date | None = None,
                columnar: bool = True) -> IntakeResult:
    """Take in a CSV/XLSX file. An unusable file (type, encoding, header, missing required column) raises
    ``FileProblem`` before anything is written. CSV files are checked column by column (``columnar``), which
    accepts and rejects exactly what the row path does, only faster."""
    from pathlib import Path

    from publiccredit.core.files import DeliveredFile, file_sha256

    check_provider(item, provider)
    delivered = DeliveredFile(Path(path), ItemSchema(item.current_version.schema), original_name=original_name)
    columnar = delivered.kind == "csv" and not atomic and columnar
    if not columnar:  # the columnar path counts the rows it has read before writing any
        delivered.check_row_limit()
    intake = Intake(item=item, provider=provider, actor=actor, channel=channel, dry_run=dry_run, atomic=atomic,
                    file_name=delivered.name, file_sha256=file_sha256(delivered.path), today=today)
    if columnar:
        from .columnar import run_columnar

        result = intake.run_with(lambda: run_columnar(intake, delivered))
    else:
        result = intake.run(delivered.rows)
    if delivered.unknown_columns:
        note = f"已忽略不在目录中的列：{'、'.join(delivered.unknown_columns)[:400]}"
        Batch.objects.filter(pk=intake.batch.pk).update(message=(intake.batch.message + " " + note).strip()[:500])
    return result


def link_record(*, record: CreditRecord, subject: Subject, actor, reason: str = "") -> CreditRecord:
    """A clerk ties an unlinked record to a subject after checking it (never done automatically on a name)."""
    if record.subject_id is not None:
        raise DomainError("该记录已关联信用主体", code="already_linked")
    wants_person = record.party_kind == "natural_person"
    if wants_person != subject.is_person:
        raise DomainError("相对人类别与所选主体不符（自然人记录只能关联自然人，单位记录只能关联单位）", code="kind_mismatch")
    with transaction.atomic():
        record.subject = subject
        record.save(update_fields=["subject"])
        record_write(actor=actor, action="collection.record.link", target=record, reason=reason,
                     detail={"subject_id": subject.pk})
        emit(topics.RECORDS_CHANGED, {"batch": record.batch_id, "item": record.item.code, "created": [], "corrected": [],
                                 "withdrawn": [], "linked": [record.pk]})
    return record


def change_record_state(*, record: CreditRecord, state: str, actor, action: str, reason: str,
                        version_change: str | None = None, detail: dict | None = None) -> CreditRecord:
    """Move a record to another state for a repair or an objection (已修复, 异议处理中, back to 有效, 已撤销).

    The caller's transaction holds it. ``updated_at`` moves, so cached public pages that show the record are
    rebuilt; a permanent change (repair, withdrawal) also writes a version with its reason (records are evidence:
    DESIGN §3). Audited, and announced as ``topics.RECORD_STATE_CHANGED``."""
    now = timezone.now()
    previous = record.state
    record.state, record.updated_at = state, now
    fields = ["state", "updated_at"]
    if version_change:
        record.version += 1
        fields.append("version")
        RecordVersion.objects.create(record=record, number=record.version, change=version_change,
                                     payload=record.payload, protected=record.protected,
                                     content_hash=record.content_hash, reason=reason[:500], batch_id=record.batch_id,
                                     recorded_at=now)
    record.save(update_fields=fields)
    record_write(actor=actor, action=action, target=record, reason=reason,
                 detail={"from": previous, "to": state, **(detail or {})})
    emit(topics.RECORD_STATE_CHANGED, {"record": record.pk, "subject_id": record.subject_id, "item": record.item.code,
                                   "from": previous, "to": state})
    return record
