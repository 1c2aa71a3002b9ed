"""The collection tables' foreign keys are checked by `publiccredit check-records` instead of per-row constraints."""

import json

import pytest
from django.core.management import call_command
from django.db import connection

from publiccredit.collection.models import CreditRecord
from publiccredit.collection.services import submit_records
from tests.builders import penalty_row


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


def test_a_record_altered_in_the_database_is_named_by_check_records(penalty, market_regulation, citizen, capsys):
    from tests.builders import person_penalty_row
    from tests.conftest import CITIZEN_ID

    submit_records(item=penalty, provider=market_regulation, actor=None,
                   records=[penalty_row(1), penalty_row(2), person_penalty_row(3, CITIZEN_ID, name="张三丰")])
    call_command("check-records")
    assert "内容与入库摘要一致" in capsys.readouterr().out  # the person's encrypted ID number is part of the hash
    altered = CreditRecord.objects.get(decision_number="饶市监罚〔2026〕2号")
    with connection.cursor() as cursor:  # someone with database access lowers the fine
        cursor.execute("UPDATE collection_creditrecord SET payload = %s WHERE id = %s",
                       [json.dumps({**altered.payload, "CF_NR_FK": "0.2"}, ensure_ascii=False), altered.pk])
    with pytest.raises(SystemExit) as stopped:
        call_command("check-records")
    assert stopped.value.code == 1
    err = capsys.readouterr().err
    assert f"记录 {altered.pk}（上饶市市场监督管理局 饶市监罚〔2026〕2号）的内容与入库摘要不一致" in err
    assert "饶市监罚〔2026〕1号" not in err and "饶市监罚〔2026〕3号" not in err


def test_the_nightly_check_writes_what_it_found_to_the_audit_log(penalty, market_regulation):
    from publiccredit.audit.models import AuditEntry
    from publiccredit.collection.tasks import check_records

    submit_records(item=penalty, provider=market_regulation, records=[penalty_row(1)], actor=None)
    assert check_records() == {"altered": 0, "dangling": 0}
    record = CreditRecord.objects.get()
    with connection.cursor() as cursor:
        cursor.execute("UPDATE collection_creditrecord SET party_name = party_name, payload = %s WHERE id = %s",
                       [json.dumps({**record.payload, "CF_SY": "改写的事实"}, ensure_ascii=False), record.pk])
    assert check_records() == {"altered": 1, "dangling": 0}
    entry = AuditEntry.objects.get(action="collection.records.integrity_failed")
    assert entry.detail["altered"] == [record.pk]
