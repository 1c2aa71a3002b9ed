"""The audit log is append-only and SM3-chained; `publiccredit verify-audit` finds the first bad entry."""

import itertools

import pytest
from django.core.management import call_command
from django.db import connection

from publiccredit.audit.chain import entry_hash
from publiccredit.audit.models import GENESIS_HASH, AuditEntry
from publiccredit.audit.services import record_read, record_write, verify_chain


@pytest.fixture
def five_entries(db, market_clerk):
    for n in range(5):
        record_write(actor=market_clerk, action="test.write", target_type="test.thing", target_id=str(n),
                     target_label=f"第{n}件", reason="测试", detail={"n": n, "金额": "12.50"})
    return list(AuditEntry.objects.filter(action="test.write").order_by("seq"))


def _raw(sql, params=()):
    """Change rows behind the application's back, as an attacker with database access would."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("ALTER TABLE audit_auditentry DISABLE TRIGGER USER")
        else:
            cursor.execute("DROP TRIGGER IF EXISTS audit_entry_no_update")
            cursor.execute("DROP TRIGGER IF EXISTS audit_entry_no_delete")
        cursor.execute(sql, params)


def verify(capsys):
    try:
        call_command("verify-audit")
    except SystemExit as stopped:
        return stopped.code, capsys.readouterr()
    return 0, capsys.readouterr()


def test_each_entry_carries_the_hash_of_the_one_before(five_entries):
    everything = list(AuditEntry.objects.order_by("seq"))
    assert everything[0].prev_hash == GENESIS_HASH
    for before, after in itertools.pairwise(everything):
        assert after.prev_hash == before.entry_hash
        assert after.seq == before.seq + 1


def test_an_intact_chain_verifies_and_exits_zero(five_entries, capsys):
    code, output = verify(capsys)
    assert code == 0
    assert "审计链完好" in output.out


def test_an_altered_entry_is_named_and_the_command_exits_one(five_entries, capsys):
    victim = five_entries[2]
    _raw("UPDATE audit_auditentry SET reason = %s WHERE seq = %s", ["篡改", victim.seq])
    code, output = verify(capsys)
    assert code == 1
    assert f"seq={victim.seq}" in output.err
    assert "被改动" in output.err


def test_an_entry_altered_with_a_recomputed_hash_is_caught_by_its_successor(five_entries, capsys):
    victim = five_entries[1]
    values = AuditEntry.objects.filter(seq=victim.seq).values().get()
    values["reason"] = "篡改并重算哈希"
    _raw("UPDATE audit_auditentry SET reason = %s, entry_hash = %s WHERE seq = %s",
         [values["reason"], entry_hash(values), victim.seq])
    code, output = verify(capsys)
    assert code == 1
    assert f"seq={victim.seq + 1}" in output.err


def test_a_removed_entry_is_detected(five_entries, capsys):
    victim = five_entries[3]
    _raw("DELETE FROM audit_auditentry WHERE seq = %s", [victim.seq])
    code, output = verify(capsys)
    assert code == 1
    assert f"seq={victim.seq}" in output.err
    assert "缺失" in output.err


def test_removing_the_newest_entries_is_detected_against_the_chain_head(five_entries, capsys):
    last = five_entries[-1]
    _raw("DELETE FROM audit_auditentry WHERE seq = %s", [last.seq])
    code, output = verify(capsys)
    assert code == 1
    assert f"seq={last.seq}" in output.err


def test_the_application_refuses_to_update_or_delete_entries(five_entries):
    entry = five_entries[0]
    entry.reason = "改一下"
    with pytest.raises(TypeError):
        entry.save()
    with pytest.raises(TypeError):
        entry.delete()
    with pytest.raises(TypeError):
        AuditEntry.objects.filter(pk=entry.pk).update(reason="x")
    with pytest.raises(TypeError):
        AuditEntry.objects.all().delete()


def test_the_database_refuses_to_update_entries(five_entries):
    from django.db import DatabaseError, transaction

    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE audit_auditentry SET reason = 'x' WHERE seq = %s", [five_entries[0].seq])


def test_an_authorised_read_is_recorded_with_who_what_and_why(db, auditor):
    entry = record_read(actor=auditor, action="test.read", target_type="subjects.subject", target_id="7",
                        target_label="某主体", reason="年度审计抽查")
    assert (entry.kind, entry.actor_name, entry.organization_name, entry.reason) == (
        "read", "auditor-zhao", "上饶市发展和改革委员会", "年度审计抽查")
    assert verify_chain().intact


def test_each_request_is_audited_under_its_own_channel_even_on_a_reused_thread(client, credit_office_admin):
    from publiccredit.audit.context import current_channel, set_channel

    set_channel("api")  # left behind by an earlier request on this thread
    client.force_login(credit_office_admin)
    client.post("/admin/logout/")
    assert AuditEntry.objects.get(action="accounts.session.logout").channel == "admin"
    assert current_channel() == "api"  # restored after the request
