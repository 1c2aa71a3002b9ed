"""ID and mobile numbers typed into free text (违法事实, 备注 …) are stored encrypted and shown masked everywhere;
the batch tells the department. Both import paths do the same."""

import pytest

from publiccredit.collection.models import Batch, CreditRecord
from publiccredit.collection.services import import_file, submit_records
from publiccredit.core.crypto import decrypt_text
from publiccredit.publicity.queries import public_ref
from tests.builders import penalty_row, write_csv
from tests.conftest import CITIZEN_ID

pytestmark = pytest.mark.django_db

FACTS = f"当事人法定代表人张三丰（身份证号{CITIZEN_ID}，手机13907935678）未按规定明码标价"
MISTYPED = CITIZEN_ID[:-1] + "1"


def test_numbers_in_facts_and_remarks_are_encrypted_and_masked(penalty, market_regulation, enterprise):
    result = submit_records(item=penalty, provider=market_regulation, actor=None, records=[
        penalty_row(1, CF_SY=FACTS, BZ=f"联系人手机 139 0793 5678；另见{MISTYPED}"), penalty_row(2)])
    assert result.masked_text_rows == 1
    record = CreditRecord.objects.get(decision_number="饶市监罚〔2026〕1号")
    assert record.payload["CF_SY"] == "当事人法定代表人张三丰（身份证号3611**********1230，手机139****5678）未按规定明码标价"
    assert record.payload["BZ"] == "联系人手机 139****5678；另见3611**********1231"
    assert decrypt_text(record.protected["CF_SY"]) == FACTS
    batch = Batch.objects.get(pk=result.batch.pk)
    assert "1行的文字字段" in batch.message and "已加密保存" in batch.message


def test_the_public_file_and_api_show_the_masked_text_only(client, penalty, market_regulation, enterprise):
    submit_records(item=penalty, provider=market_regulation, actor=None, records=[penalty_row(1, CF_SY=FACTS)])
    page = client.get(f"/credit/{public_ref(enterprise)}/").content.decode()
    api = client.get(f"/api/v1/subjects/{public_ref(enterprise)}/").content.decode()
    for shown in (page, api):
        assert CITIZEN_ID not in shown and "13907935678" not in shown
    assert "139****5678" in page


def test_re_sending_the_same_row_changes_nothing_and_check_records_stays_clean(penalty, market_regulation,
                                                                               enterprise, capsys):
    from django.core.management import call_command

    row = penalty_row(1, CF_SY=FACTS)
    submit_records(item=penalty, provider=market_regulation, actor=None, records=[row])
    again = submit_records(item=penalty, provider=market_regulation, actor=None, records=[row])
    assert (again.created, again.updated, again.unchanged) == (0, 0, 1)
    call_command("check-records")
    assert "内容与入库摘要一致" in capsys.readouterr().out


def test_a_csv_file_masks_the_same_text_as_the_api(tmp_path, penalty, market_regulation, enterprise):
    path = write_csv(tmp_path / "p.csv", [penalty_row(1, CF_SY=FACTS), penalty_row(2, BZ="电话 139-0793-5678")])
    result = import_file(item=penalty, provider=market_regulation, path=path, actor=None)
    assert (result.created, result.masked_text_rows) == (2, 2)
    record = CreditRecord.objects.get(decision_number="饶市监罚〔2026〕1号")
    assert CITIZEN_ID not in record.payload["CF_SY"] and "13907935678" not in record.payload["CF_SY"]
    assert CreditRecord.objects.get(decision_number="饶市监罚〔2026〕2号").payload["BZ"] == "电话 139****5678"
