"""Upgrading an installation: entries chained with plain SM3 before the keyed chain are verified under that scheme
and re-chained under the key; a chain already broken stops the upgrade instead of being laundered."""

import json

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from publiccredit.audit.chain import HASHED_FIELDS
from publiccredit.audit.models import GENESIS_HASH
from publiccredit.audit.services import verify_chain
from publiccredit.core.crypto import sm3_hex

# serialized_rollback: the database is restored for the transactional tests after these, as theirs is
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)
BEFORE, AFTER = [("audit", "0003_access_kind")], [("audit", "0005_sqlite_delete_guard")]


def migrate(target):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(target)


def legacy_chain(count: int, *, break_at: int | None = None) -> None:
    """Entries as the platform wrote them before: prev_hash/entry_hash under plain SM3."""
    previous = GENESIS_HASH
    with connection.cursor() as cursor:
        for seq in range(1, count + 1):
            values = {"seq": seq, "occurred_at": timezone.now(), "kind": "write", "channel": "cli",
                      "action": "test.legacy", "actor_id": None, "actor_name": "系统", "organization_code": "",
                      "organization_name": "", "target_type": "", "target_id": str(seq), "target_label": "",
                      "reason": "升级前", "detail": {}, "prev_hash": previous}
            payload = {name: values[name] for name in HASHED_FIELDS}
            payload["occurred_at"] = payload["occurred_at"].isoformat(timespec="microseconds")
            digest = sm3_hex(json.dumps(payload, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode())
            stored = "f" * 64 if seq == break_at else digest
            cursor.execute(
                "INSERT INTO audit_auditentry (seq, occurred_at, kind, channel, action, actor_id, actor_name, "
                "organization_code, organization_name, target_type, target_id, target_label, reason, detail, "
                "prev_hash, entry_hash) VALUES (%s, %s, %s, %s, %s, NULL, %s, '', '', '', %s, '', %s, %s, %s, %s)",
                [seq, values["occurred_at"], "write", "cli", "test.legacy", "系统", str(seq), "升级前", "{}",
                 previous, stored])
            previous = stored
        cursor.execute("DELETE FROM audit_audithead")
        cursor.execute("INSERT INTO audit_audithead (id, last_seq, last_hash) VALUES (1, %s, %s)", [count, previous])


def empty_audit_tables():
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("ALTER TABLE audit_auditentry DISABLE TRIGGER USER")
        cursor.execute("DELETE FROM audit_auditentry")
        cursor.execute("UPDATE audit_audithead SET last_seq = 0, last_hash = %s", [GENESIS_HASH])
        if connection.vendor == "postgresql":
            cursor.execute("ALTER TABLE audit_auditentry ENABLE TRIGGER USER")


def test_a_legacy_chain_is_re_chained_under_the_key_and_verifies():
    migrate(BEFORE)
    try:
        empty_audit_tables()
        legacy_chain(4)
        migrate(AFTER)
        assert verify_chain().intact and verify_chain().checked == 4
    finally:
        migrate(AFTER)


def test_a_legacy_chain_already_broken_stops_the_upgrade():
    migrate(BEFORE)
    try:
        empty_audit_tables()
        legacy_chain(4, break_at=3)
        with pytest.raises(RuntimeError) as stopped:
            migrate(AFTER)
        assert "第3条处已损坏" in str(stopped.value)
    finally:
        empty_audit_tables()
        migrate(AFTER)
