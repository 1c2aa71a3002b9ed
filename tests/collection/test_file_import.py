"""`publiccredit import FILE --item … --provider …`: CSV (UTF-8 or GBK) and XLSX, Chinese names or field codes;
an unusable file exits 2 and writes nothing; an interrupted import can be re-run."""

import json

import pytest
from django.core.management import call_command

from publiccredit.catalog.models import ItemField
from publiccredit.collection import intake
from publiccredit.collection.models import Batch, CreditRecord
from tests.builders import MARKET_REGULATION_CODE, penalty_row, write_csv


def run_import(capsys, path, *extra, item="penalty"):
    try:
        call_command("import", str(path), "--item", item, "--provider", MARKET_REGULATION_CODE, *extra)
    except SystemExit as stopped:
        captured = capsys.readouterr()
        return stopped.code, captured.out, captured.err
    captured = capsys.readouterr()
    return 0, captured.out, captured.err


def chinese_names(penalty):
    return dict(ItemField.objects.filter(item=penalty).values_list("code", "name"))


def test_a_utf8_file_with_chinese_headers_is_imported_and_reported_as_json(tmp_path, capsys, penalty):
    names = chinese_names(penalty)
    rows = [{names[k]: v for k, v in penalty_row(n).items()} for n in range(1, 4)]
    rows.append({names[k]: v for k, v in penalty_row(4, CF_NR_FK="-3").items()})
    code, out, _ = run_import(capsys, write_csv(tmp_path / "处罚.csv", rows), "--json")
    report = json.loads(out)
    assert code == 0
    assert {k: report[k] for k in ("total", "accepted", "rejected", "created", "updated", "unchanged")} == {
        "total": 4, "accepted": 3, "rejected": 1, "created": 3, "updated": 0, "unchanged": 0}
    assert report["created"] + report["updated"] + report["unchanged"] == report["accepted"]
    # row 5 of the file as Excel numbers it: the header is row 1
    assert report["errors"] == [{"row": 5, "field": "CF_NR_FK", "code": "negative_amount",
                                 "message": "罚款金额（万元）：金额不能为负数（-3）", "decision_number": "饶市监罚〔2026〕4号"}]
    assert report["batch"] == Batch.objects.get().pk


def test_a_gbk_file_with_field_code_headers_is_imported(tmp_path, capsys, penalty):
    path = write_csv(tmp_path / "gbk.csv", [penalty_row(1), penalty_row(2)], encoding="gbk")
    code, out, _ = run_import(capsys, path, "--json")
    assert (code, json.loads(out)["created"]) == (0, 2)
    assert CreditRecord.objects.get(decision_number="饶市监罚〔2026〕1号").party_name == "上饶市信江光伏科技有限公司"


def test_an_xlsx_file_with_real_dates_and_numbers_is_imported(tmp_path, capsys, penalty):
    import datetime as dt

    from openpyxl import Workbook

    row = penalty_row(1)
    row.update({"CF_JDRQ": dt.datetime(2026, 11, 20), "CF_YXQ": dt.datetime(2027, 11, 20), "CF_NR_FK": 2.5})
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(list(row))
    sheet.append(list(row.values()))
    workbook.save(tmp_path / "处罚.xlsx")
    code, out, _ = run_import(capsys, tmp_path / "处罚.xlsx", "--json")
    assert (code, json.loads(out)["created"]) == (0, 1), out
    record = CreditRecord.objects.get()
    assert (record.payload["CF_JDRQ"], record.payload["CF_NR_FK"]) == ("2026-11-20", "2.5")


def test_a_missing_required_column_exits_2_and_writes_nothing(tmp_path, capsys, penalty):
    rows = [{k: v for k, v in penalty_row(1).items() if k != "CF_YJ"}]
    code, _, err = run_import(capsys, write_csv(tmp_path / "x.csv", rows))
    assert code == 2
    assert "缺少必填列：处罚依据（CF_YJ）" in err
    assert not Batch.objects.exists() and not CreditRecord.objects.exists()


@pytest.mark.parametrize(("content", "words"), [
    (b"%PDF-1.4\x00\x00binary", "不是文本格式"),
    (b"\xff\xfe\xff\xfe\x80\x80\xff", "编码无法识别"),
])
def test_an_unreadable_file_or_unknown_encoding_exits_2_and_writes_nothing(tmp_path, capsys, penalty, content, words):
    path = tmp_path / "bad.csv"
    path.write_bytes(content)
    code, _, err = run_import(capsys, path)
    assert code == 2 and words in err
    assert not Batch.objects.exists()


def test_an_unknown_item_or_file_type_exits_2(tmp_path, capsys, db):
    path = write_csv(tmp_path / "x.csv", [penalty_row(1)])
    assert run_import(capsys, path, item="no_such_item")[0] == 2
    other = tmp_path / "x.pdf"
    other.write_text("x")
    code, _, err = run_import(capsys, other)
    assert code == 2 and "不支持的文件类型" in err


def test_a_dry_run_writes_no_records(tmp_path, capsys, penalty):
    code, out, _ = run_import(capsys, write_csv(tmp_path / "x.csv", [penalty_row(1)]), "--dry-run", "--json")
    assert (code, json.loads(out)["created"], json.loads(out)["status"]) == (0, 1, "dry_run")
    assert not CreditRecord.objects.exists()


def test_an_import_killed_half_way_can_be_re_run_and_ends_with_each_record_once(tmp_path, capsys, penalty,
                                                                             monkeypatch):
    path = write_csv(tmp_path / "big.csv", [penalty_row(n) for n in range(1, 26)])
    original_store, calls = intake.Intake.store, {"n": 0}

    def store_then_die(self, chunk):
        calls["n"] += 1
        if calls["n"] == 3:
            raise KeyboardInterrupt("进程被终止")
        return original_store(self, chunk)

    from publiccredit.collection import columnar

    monkeypatch.setattr(intake, "CHUNK_SIZE", 10)
    monkeypatch.setattr(columnar, "CHUNK_ROWS", 10)
    monkeypatch.setattr(intake.Intake, "store", store_then_die)
    with pytest.raises(KeyboardInterrupt):
        call_command("import", str(path), "--item", "penalty", "--provider", MARKET_REGULATION_CODE)
    assert CreditRecord.objects.count() == 20
    killed = Batch.objects.get()
    assert (killed.total, killed.accepted, killed.created, killed.updated, killed.unchanged) == (20, 20, 20, 0, 0)
    assert killed.created + killed.updated + killed.unchanged == killed.accepted
    monkeypatch.setattr(intake.Intake, "store", original_store)
    code, out, _ = run_import(capsys, path, "--json")
    report = json.loads(out)
    assert (code, report["created"], report["unchanged"]) == (0, 5, 20)
    assert CreditRecord.objects.count() == 25
    assert list(Batch.objects.order_by("id").values_list("status", flat=True)) == ["interrupted", "done"]


def test_an_xlsx_file_with_a_wrong_dimension_tag_is_read_to_its_last_row(tmp_path, capsys, penalty):
    import re
    import zipfile

    from openpyxl import Workbook

    rows = [penalty_row(n) for n in range(1, 6)]
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(list(rows[0]))
    for row in rows:
        sheet.append(list(row.values()))
    saved = tmp_path / "saved.xlsx"
    workbook.save(saved)
    wrong = tmp_path / "exported.xlsx"  # as some exporters write it: the dimension claims two rows
    with zipfile.ZipFile(saved) as source, zipfile.ZipFile(wrong, "w") as target:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == "xl/worksheets/sheet1.xml":
                data = re.sub(rb'<dimension ref="[^"]+"', b'<dimension ref="A1:R2"', data)
                assert b'ref="A1:R2"' in data
            target.writestr(info, data)
    code, out, _ = run_import(capsys, wrong, "--json")
    assert (code, json.loads(out)["created"], json.loads(out)["total"]) == (0, 5, 5), out


@pytest.mark.parametrize("extra", [(), ("--atomic",)])
def test_a_wrong_encoding_deep_in_a_large_csv_exits_2_with_a_message(tmp_path, capsys, penalty, extra):
    path = write_csv(tmp_path / "big.csv", [penalty_row(n) for n in range(1, 3001)])
    with path.open("ab") as handle:  # one row saved in GBK at the end of a UTF-8 file
        handle.write(",".join(penalty_row(3001).values()).encode("gbk") + b"\n")
    code, out, err = run_import(capsys, path, *extra)
    assert code == 2, out + err
    assert "编码" in err and "Traceback" not in err
