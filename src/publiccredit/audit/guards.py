"""SQLite's half of the database guard on the audit table (docs/operations.md "审计链").

SQLite has no session settings, so its DELETE trigger asks an application function whether this connection may
delete: ``publiccredit_audit_delete_allowed()``. The platform registers it on every connection it opens and it says
no, unless the test runner's flush has switched it on for that connection. A ``sqlite3`` shell or any other program
does not have the function at all, and the trigger then fails: the delete is refused either way."""

from django.db.backends.signals import connection_created

ALLOWED = "_publiccredit_audit_delete_allowed"


def register_guard(sender, connection, **kwargs):
    if connection.vendor != "sqlite":
        return
    connection.connection.create_function(
        "publiccredit_audit_delete_allowed", 0, lambda: int(getattr(connection, ALLOWED, False)), deterministic=False)


def install() -> None:
    connection_created.connect(register_guard, dispatch_uid="publiccredit.audit.sqlite_delete_guard")
