"""Signed checkpoints of the audit chain's head, kept outside the database (docs/operations.md "审计链").

The keyed chain stops anyone without the key from editing an entry and recomputing the hashes. What it cannot show
alone is a chain cut short: delete the newest entries and move the head back, or empty the table and start again,
and what remains is a valid chain. A checkpoint — the head's sequence number and hash at a moment, signed with the
audit key and appended to a file that does not live in the database — says how far the chain had got; verification
then requires that entry, with that hash, to still be there. Written hourly (Celery beat ``audit.checkpoint``) and by
``publiccredit audit-checkpoint``."""

import json
import os
from pathlib import Path

from django.conf import settings
from django.utils import timezone

from publiccredit.core.crypto import audit_mac

from .models import GENESIS_HASH, AuditHead


def checkpoint_file() -> Path:
    configured = getattr(settings, "AUDIT_CHECKPOINT_FILE", None)
    return Path(configured) if configured else Path(settings.VAR_DIR) / "audit-checkpoints.jsonl"


def _signature(seq: int, head_hash: str, at: str) -> str:
    body = json.dumps({"seq": seq, "hash": head_hash, "at": at}, sort_keys=True, separators=(",", ":"))
    return audit_mac(b"audit-checkpoint:" + body.encode("utf-8"))


def write_checkpoint() -> dict:
    """Append the signed head to the checkpoint file and return it."""
    head = AuditHead.objects.filter(pk=1).first()
    seq, head_hash = (head.last_seq, head.last_hash) if head else (0, GENESIS_HASH)
    at = timezone.localtime().isoformat(timespec="seconds")
    line = {"seq": seq, "hash": head_hash, "at": at, "signature": _signature(seq, head_hash, at)}
    path = checkpoint_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    descriptor = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
    with os.fdopen(descriptor, "a", encoding="utf-8") as handle:
        handle.write(json.dumps(line, ensure_ascii=False) + "\n")
        handle.flush()
        os.fsync(handle.fileno())
    return line


def read_checkpoints() -> list[dict]:
    """Every checkpoint in the file, each with ``valid`` (its signature checks) and its line number."""
    path = checkpoint_file()
    if not path.exists():
        return []
    found = []
    for number, text in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not text.strip():
            continue
        try:
            line = json.loads(text)
            valid = line["signature"] == _signature(int(line["seq"]), str(line["hash"]), str(line["at"]))
        except (ValueError, KeyError, TypeError):
            line, valid = {"seq": 0, "hash": "", "at": ""}, False
        found.append({**line, "line": number, "valid": valid})
    return found
