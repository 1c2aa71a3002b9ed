import threading

import pytest
from django.db import connection

from publiccredit.audit.models import AuditEntry
from publiccredit.audit.services import record_write, verify_chain


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_appends_from_several_threads_keep_one_unbroken_chain():
    errors = []

    def append_many(worker: int):
        try:
            for n in range(15):
                record_write(actor=None, action="test.concurrent", target_type="test", target_id=f"{worker}-{n}")
        except Exception as exc:  # surfaced by the assertion below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=append_many, args=(w,)) for w in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert AuditEntry.objects.filter(action="test.concurrent").count() == 60
    result = verify_chain()
    assert result.intact, result.problem
