"""Appending to and verifying the audit log.

Every service that writes calls ``record_write``; every authorised read of non-public data calls
``record_read``. Each entry carries the keyed HMAC-SM3 hash of its content and of the entry before it; signed
checkpoints of the head, kept outside the database, show how far the chain had got (``checkpoints``).
"""

import getpass
import json
from dataclasses import dataclass

from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection, transaction
from django.utils import timezone

from .chain import HASHED_FIELDS, entry_hash
from .context import current_channel
from .models import GENESIS_HASH, AuditEntry, AuditHead


def _actor_fields(actor, channel: str) -> dict:
    if actor is None or not getattr(actor, "is_authenticated", False):
        # Without a platform user, name the operating-system account that ran the command.
        name = f"命令行（{getpass.getuser()}）" if channel == "cli" else "系统"
        return {"actor_id": None, "actor_name": name, "organization_code": "", "organization_name": ""}
    organization = getattr(actor, "organization", None)
    return {
        "actor_id": actor.pk,
        "actor_name": actor.get_username(),
        "organization_code": organization.code if organization else "",
        "organization_name": organization.name if organization else "",
    }


def _target_fields(target, target_type: str, target_id: str, target_label: str) -> dict:
    if target is not None:
        meta = target._meta
        target_type = target_type or f"{meta.app_label}.{meta.model_name}"
        target_id = target_id or str(target.pk)
        target_label = target_label or str(target)
    return {"target_type": target_type, "target_id": str(target_id), "target_label": target_label[:300]}


def _head_table() -> str:
    return connection.ops.quote_name(AuditHead._meta.db_table)


def _lock_head() -> tuple[int, str]:
    """The chain's end, locked until the transaction ends (FOR UPDATE on PostgreSQL; SQLite's IMMEDIATE
    transactions already hold the database's write lock)."""
    lock = " FOR UPDATE" if connection.features.has_select_for_update else ""
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT last_seq, last_hash FROM {_head_table()} WHERE id = 1{lock}")
        row = cursor.fetchone()
        if row is None:  # the very first entry of a new installation
            AuditHead.objects.get_or_create(pk=1)
            cursor.execute(f"SELECT last_seq, last_hash FROM {_head_table()} WHERE id = 1{lock}")
            row = cursor.fetchone()
    return row[0], row[1]


def _append(kind: str, *, actor, action: str, target, target_type: str, target_id: str, target_label: str,
            reason: str, detail: dict | None, channel: str | None) -> AuditEntry:
    # Round-trip the detail through JSON so the hashed value is exactly what the database will return.
    detail = json.loads(json.dumps(detail or {}, cls=DjangoJSONEncoder, ensure_ascii=False))
    channel = channel or current_channel()
    values = {
        "kind": kind,
        "channel": channel,
        "action": action,
        "reason": (reason or "")[:500],
        "detail": detail,
        **_actor_fields(actor, channel),
        **_target_fields(target, target_type, target_id, target_label),
    }
    # Inside a service's transaction no savepoint is needed: a failed audit append must fail the whole write.
    # The head is read and moved with plain SQL: every audited request passes here, and the ORM's query building
    # cost more than the two statements themselves.
    with transaction.atomic(savepoint=False):
        last_seq, last_hash = _lock_head()
        values["seq"] = last_seq + 1
        values["occurred_at"] = timezone.now()
        values["prev_hash"] = last_hash
        values["entry_hash"] = entry_hash(values)
        entry = AuditEntry(**values)
        entry.save(force_insert=True)
        with connection.cursor() as cursor:
            cursor.execute(f"UPDATE {_head_table()} SET last_seq = %s, last_hash = %s WHERE id = 1",
                           [entry.seq, entry.entry_hash])
    return entry


def record_write(*, actor, action: str, target=None, target_type: str = "", target_id: str = "",
                 target_label: str = "", reason: str = "", detail: dict | None = None,
                 channel: str | None = None) -> AuditEntry:
    """Append the audit entry for a write. Call it inside the service's transaction."""
    return _append(AuditEntry.Kind.WRITE, actor=actor, action=action, target=target, target_type=target_type,
                   target_id=target_id, target_label=target_label, reason=reason, detail=detail, channel=channel)


def record_read(*, actor, action: str, target=None, target_type: str = "", target_id: str = "",
                target_label: str = "", reason: str = "", detail: dict | None = None,
                channel: str | None = None) -> AuditEntry:
    """Append the audit entry for an authorised read of non-public data (who read what, and why)."""
    return _append(AuditEntry.Kind.READ, actor=actor, action=action, target=target, target_type=target_type,
                   target_id=target_id, target_label=target_label, reason=reason, detail=detail, channel=channel)


def record_access(*, actor, action: str, reason: str = "", detail: dict | None = None,
                  channel: str | None = None) -> AuditEntry:
    """Append a sign-in, sign-out or failed sign-in."""
    return _append(AuditEntry.Kind.ACCESS, actor=actor, action=action, target=None, target_type="", target_id="",
                   target_label="", reason=reason, detail=detail, channel=channel)


@dataclass(frozen=True)
class ChainVerification:
    intact: bool
    checked: int
    head_seq: int
    head_hash: str
    first_bad_seq: int | None = None
    problem: str = ""
    checkpoints: int = 0


def verify_chain() -> ChainVerification:
    """Walk the chain in order; the first entry whose hash, predecessor or sequence does not fit is named. Then
    every signed checkpoint must still find its entry, with its hash, in the chain."""
    from .checkpoints import read_checkpoints

    head = AuditHead.objects.filter(pk=1).first()
    head_seq, head_hash = (head.last_seq, head.last_hash) if head else (0, GENESIS_HASH)
    checkpoints = read_checkpoints()
    for checkpoint in checkpoints:
        if not checkpoint["valid"]:
            return ChainVerification(False, 0, head_seq, head_hash, None,
                                     f"检查点文件第{checkpoint['line']}行的签名无效：检查点被改动或伪造")
    wanted = {int(c["seq"]): c for c in checkpoints}
    seen: dict[int, str] = {}
    expected_seq, expected_prev, checked = 1, GENESIS_HASH, 0
    rows = AuditEntry.objects.order_by("seq").values(*HASHED_FIELDS, "entry_hash")
    for row in rows.iterator(chunk_size=2000):
        seq = row["seq"]
        if seq in wanted:
            seen[seq] = row["entry_hash"]
        if seq != expected_seq:
            return ChainVerification(False, checked, head_seq, head_hash, expected_seq,
                                     f"第{expected_seq}条审计记录缺失（下一条是第{seq}条）")
        if row["prev_hash"] != expected_prev:
            return ChainVerification(False, checked, head_seq, head_hash, seq,
                                     f"第{seq}条审计记录的前序哈希与第{seq - 1}条不符：链被改动")
        if entry_hash(row) != row["entry_hash"]:
            return ChainVerification(False, checked, head_seq, head_hash, seq,
                                     f"第{seq}条审计记录的内容与其哈希不符：该记录被改动")
        checked += 1
        expected_seq, expected_prev = seq + 1, row["entry_hash"]
    if checked != head_seq or expected_prev != head_hash:
        return ChainVerification(False, checked, head_seq, head_hash, checked + 1,
                                 f"链头记录到第{head_seq}条，实际只有{checked}条完好：第{checked + 1}条起被删除")
    for seq, checkpoint in sorted(wanted.items()):
        if seq == 0:
            continue
        if seq not in seen:
            return ChainVerification(False, checked, head_seq, head_hash, checked + 1,
                                     f"检查点（{checkpoint['at']}）记录链已到第{seq}条，现在只有{checked}条："
                                     "链尾被删除、链头被回退或审计表被清空")
        if seen[seq] != checkpoint["hash"]:
            return ChainVerification(False, checked, head_seq, head_hash, seq,
                                     f"第{seq}条与检查点（{checkpoint['at']}）的哈希不符：审计链被重建")
    return ChainVerification(True, checked, head_seq, head_hash, checkpoints=len(checkpoints))

def _label(instance) -> str:
    return f"{instance._meta.app_label}.{instance._meta.model_name}"


def save_configuration(*, instance, actor, changed_fields: list[str] | None = None, reason: str = ""):
    """Save a configuration row and append its audit entry in one transaction."""
    with transaction.atomic():
        created = instance._state.adding
        instance.full_clean()
        instance.save()
        record_write(actor=actor, action=f"{_label(instance)}.{'create' if created else 'update'}", target=instance,
                     reason=reason, detail={"changed": sorted(changed_fields or [])})
    return instance


def delete_configuration(*, instance, actor, reason: str = "") -> None:
    with transaction.atomic():
        label, pk, text = _label(instance), instance.pk, str(instance)
        instance.delete()
        record_write(actor=actor, action=f"{label}.delete", target_type=label, target_id=str(pk), target_label=text,
                     reason=reason)
