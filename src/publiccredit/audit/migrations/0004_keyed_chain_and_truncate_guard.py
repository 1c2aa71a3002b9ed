"""The audit chain becomes keyed (HMAC-SM3 under a key derived from the data key, kept outside the database), and
TRUNCATE is refused on PostgreSQL unless the session says it is the test runner's flush.

Entries written before this migration were chained with plain SM3, which anyone with database access could
recompute. They are verified under that scheme first — a broken chain stops the migration, so tampering is never
laundered into a valid keyed chain — then re-chained under the key, in order, with the append-only guard lifted for
the duration of this one transaction (docs/operations.md "审计链")."""

import json

from django.db import migrations

POSTGRES_TRUNCATE_GUARD = """
CREATE OR REPLACE FUNCTION audit_entry_truncate_guard() RETURNS trigger AS $$
BEGIN
    IF current_setting('publiccredit.allow_audit_truncate', true) = 'on' THEN
        RETURN NULL;
    END IF;
    RAISE EXCEPTION '审计日志只能追加，不能清空（TRUNCATE）';
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER audit_entry_no_truncate BEFORE TRUNCATE ON audit_auditentry
    FOR EACH STATEMENT EXECUTE FUNCTION audit_entry_truncate_guard();
"""
POSTGRES_TRUNCATE_GUARD_DOWN = """
DROP TRIGGER IF EXISTS audit_entry_no_truncate ON audit_auditentry;
DROP FUNCTION IF EXISTS audit_entry_truncate_guard();
"""
SQLITE_UPDATE_GUARD = """
CREATE TRIGGER audit_entry_no_update BEFORE UPDATE ON audit_auditentry
BEGIN SELECT RAISE(ABORT, '审计日志只能追加，不能修改'); END;
"""
GENESIS = "0" * 64
FIELDS = ("seq", "occurred_at", "kind", "channel", "action", "actor_id", "actor_name", "organization_code",
          "organization_name", "target_type", "target_id", "target_label", "reason", "detail", "prev_hash")


def _canonical(row: dict) -> bytes:
    payload = {name: row[name] for name in FIELDS}
    payload["occurred_at"] = payload["occurred_at"].isoformat(timespec="microseconds")
    return json.dumps(payload, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")


def rekey(apps, schema_editor):
    from publiccredit.core.crypto import audit_mac, sm3_hex

    AuditEntry = apps.get_model("audit", "AuditEntry")
    AuditHead = apps.get_model("audit", "AuditHead")
    connection = schema_editor.connection
    rows = list(AuditEntry.objects.order_by("seq").values("pk", *FIELDS, "entry_hash"))
    expected_prev = GENESIS
    for number, row in enumerate(rows, start=1):
        if row["seq"] != number or row["prev_hash"] != expected_prev or sm3_hex(_canonical(row)) != row["entry_hash"]:
            raise RuntimeError(f"审计链在第{row['seq']}条处已损坏，不能改为加密钥的链：请先用 verify-audit 查明原因")
        expected_prev = row["entry_hash"]
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("ALTER TABLE audit_auditentry DISABLE TRIGGER audit_entry_no_update")
        elif connection.vendor == "sqlite":
            cursor.execute("DROP TRIGGER IF EXISTS audit_entry_no_update")
        previous = GENESIS
        for row in rows:
            row["prev_hash"] = previous
            keyed = audit_mac(_canonical(row))
            cursor.execute("UPDATE audit_auditentry SET prev_hash = %s, entry_hash = %s WHERE id = %s",
                           [previous, keyed, row["pk"]])
            previous = keyed
        if rows:
            AuditHead.objects.filter(pk=1).update(last_seq=rows[-1]["seq"], last_hash=previous)
        if connection.vendor == "postgresql":
            cursor.execute("ALTER TABLE audit_auditentry ENABLE TRIGGER audit_entry_no_update")
            cursor.execute(POSTGRES_TRUNCATE_GUARD)
        elif connection.vendor == "sqlite":
            cursor.execute(SQLITE_UPDATE_GUARD)


def drop_truncate_guard(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(POSTGRES_TRUNCATE_GUARD_DOWN)


class Migration(migrations.Migration):
    dependencies = [("audit", "0003_access_kind")]
    operations = [migrations.RunPython(rekey, drop_truncate_guard)]
