"""SQLite refuses DELETE on the audit table as it refuses UPDATE (audit/guards.py explains the allowance the test
runner's flush uses). PostgreSQL already refuses DELETE (0002) and TRUNCATE (0004)."""

from django.db import migrations

SQLITE_UP = """
CREATE TRIGGER audit_entry_no_delete BEFORE DELETE ON audit_auditentry
WHEN NOT publiccredit_audit_delete_allowed()
BEGIN SELECT RAISE(ABORT, '审计日志只能追加，不能删除'); END;
"""


def install(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute(SQLITE_UP)


def uninstall(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute("DROP TRIGGER IF EXISTS audit_entry_no_delete;")


class Migration(migrations.Migration):
    dependencies = [("audit", "0004_keyed_chain_and_truncate_guard")]
    operations = [migrations.RunPython(install, uninstall)]
