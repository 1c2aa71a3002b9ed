"""Someone with database access cannot rewrite the audit chain unseen: the chain is keyed with a secret kept outside
the database, signed checkpoints of its head live outside it too, and PostgreSQL refuses TRUNCATE. One test for each
attack the issue names: recompute every hash after an edit, delete the tail and rewind the head, empty the table."""

import json

import pytest
from django.core.management import call_command
from django.db import DatabaseError, connection, transaction

from publiccredit.audit.chain import HASHED_FIELDS
from publiccredit.audit.checkpoints import checkpoint_file, write_checkpoint
from publiccredit.audit.models import GENESIS_HASH, AuditEntry
from publiccredit.audit.services import record_write, verify_chain
from publiccredit.core.crypto import sm3_hex

pytestmark = pytest.mark.django_db


@pytest.fixture
def chain(db, market_clerk):
    for n in range(6):
        record_write(actor=market_clerk, action="test.write", target_type="test.thing", target_id=str(n),
                     target_label=f"第{n}件", reason="测试", detail={"n": n})
    return list(AuditEntry.objects.order_by("seq"))


def attacker_sql(statements):
    """Rows changed behind the application's back, guards switched off, as a database administrator could."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("ALTER TABLE audit_auditentry DISABLE TRIGGER USER")
        else:
            cursor.execute("DROP TRIGGER IF EXISTS audit_entry_no_update")
            cursor.execute("DROP TRIGGER IF EXISTS audit_entry_no_delete")
        for sql, params in statements:
            cursor.execute(sql, params)
        if connection.vendor == "postgresql":
            cursor.execute("ALTER TABLE audit_auditentry ENABLE TRIGGER USER")


def unkeyed_hash(row: dict) -> str:
    """What an attacker can compute without the key: the published canonical form under plain SM3 (or any key
    but the platform's)."""
    payload = {name: row[name] for name in HASHED_FIELDS}
    payload["occurred_at"] = payload["occurred_at"].isoformat(timespec="microseconds")
    return sm3_hex(json.dumps(payload, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8"))


def test_hashes_are_keyed_so_the_public_canonical_form_alone_does_not_reproduce_them(chain):
    row = AuditEntry.objects.filter(seq=chain[0].seq).values(*HASHED_FIELDS, "entry_hash").get()
    assert row["entry_hash"] != unkeyed_hash(row) and len(row["entry_hash"]) == 64


def test_an_edit_with_every_hash_recomputed_without_the_key_is_detected(chain):
    rows = list(AuditEntry.objects.order_by("seq").values("pk", *HASHED_FIELDS, "entry_hash"))
    rows[2]["reason"] = "篡改"
    statements, previous = [], GENESIS_HASH
    for row in rows:
        row["prev_hash"] = previous
        forged = unkeyed_hash(row)
        statements.append(("UPDATE audit_auditentry SET reason = %s, prev_hash = %s, entry_hash = %s WHERE id = %s",
                           [row["reason"], previous, forged, row["pk"]]))
        previous = forged
    statements.append(("UPDATE audit_audithead SET last_hash = %s WHERE id = 1", [previous]))
    attacker_sql(statements)
    result = verify_chain()
    assert not result.intact and result.first_bad_seq == chain[0].seq and "被改动" in result.problem


def test_deleting_the_tail_and_rewinding_the_head_is_caught_by_the_signed_checkpoint(chain):
    write_checkpoint()
    keep = chain[3]
    attacker_sql([("DELETE FROM audit_auditentry WHERE seq > %s", [keep.seq]),
                  ("UPDATE audit_audithead SET last_seq = %s, last_hash = %s WHERE id = 1", [keep.seq, keep.entry_hash])])
    result = verify_chain()
    assert not result.intact and "链尾被删除" in result.problem and f"第{chain[-1].seq}条" in result.problem


def test_emptying_the_table_and_starting_over_is_caught_by_the_signed_checkpoint(chain, market_clerk):
    write_checkpoint()
    attacker_sql([("DELETE FROM audit_auditentry", []),
                  ("UPDATE audit_audithead SET last_seq = 0, last_hash = %s WHERE id = 1", [GENESIS_HASH])])
    for n in range(len(chain)):  # a fresh, internally valid chain of the same length
        record_write(actor=market_clerk, action="test.write", target_type="test.thing", target_id=str(n),
                     reason="重写")
    result = verify_chain()
    assert not result.intact and "审计链被重建" in result.problem


def test_a_forged_checkpoint_is_refused(chain):
    write_checkpoint()
    path = checkpoint_file()
    line = json.loads(path.read_text(encoding="utf-8").splitlines()[0])
    line["seq"] = 2  # pretend the chain had only got to 2
    path.write_text(json.dumps(line) + "\n", encoding="utf-8")
    result = verify_chain()
    assert not result.intact and "签名无效" in result.problem


def test_an_intact_chain_agrees_with_its_checkpoints(chain, capsys):
    write_checkpoint()
    call_command("audit-checkpoint")
    assert verify_chain().intact and verify_chain().checkpoints == 2
    call_command("verify-audit")
    assert "与 2 个签名检查点相符" in capsys.readouterr().out


def test_the_database_refuses_to_empty_or_delete_from_the_audit_table(chain):
    emptying = "TRUNCATE audit_auditentry" if connection.vendor == "postgresql" else "DELETE FROM audit_auditentry"
    for statement in (emptying, f"DELETE FROM audit_auditentry WHERE seq = {chain[-1].seq}"):
        with pytest.raises(DatabaseError) as refused, transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(statement)
        assert "不能清空" in str(refused.value) or "不能修改或删除" in str(refused.value) or "不能删除" in str(
            refused.value)
    assert AuditEntry.objects.count() == len(chain)


def test_the_auditor_sees_the_verification_and_the_checkpoints(client, chain, auditor):
    write_checkpoint()
    client.force_login(auditor)
    page = client.get("/admin/audit/auditentry/verify/").content.decode()
    assert "审计链完好" in page and "与 1 个签名检查点相符" in page and str(chain[-1].seq) in page
    assert AuditEntry.objects.filter(action="audit.chain.verify", actor_name=auditor.username).exists()
