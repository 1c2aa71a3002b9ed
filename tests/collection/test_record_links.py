"""The collection tables' foreign keys are checked by `publiccredit check-records` instead of per-row constraints."""

import pytest
from django.core.management import call_command
from django.db import connection

from publiccredit.collection.models import CreditRecord
from publiccredit.collection.services import submit_records
from tests.collection.conftest import penalty_row


def test_intact_links_pass_and_a_dangling_subject_is_reported(penalty, market_regulation, capsys):
    submit_records(item=penalty, provider=market_regulation, records=[penalty_row(1)], actor=None)
    call_command("check-records")
    assert "关联完整" in capsys.readouterr().out
    with connection.cursor() as cursor:
        cursor.execute("UPDATE collection_creditrecord SET subject_id = %s WHERE id = %s",
                       [987654321, CreditRecord.objects.get().pk])
    with pytest.raises(SystemExit) as stopped:
        call_command("check-records")
    assert stopped.value.code == 1
    assert "信用记录关联的信用主体不存在：1 行" in capsys.readouterr().err
