"""One delivered file has stated limits — rows, an XLSX's unpacked size, errors listed per batch (the rest counted)
— and meeting one is a clear Chinese refusal before anything is written, on both import paths."""

import pytest
from openpyxl import Workbook

from publiccredit.collection.models import Batch, BatchError, CreditRecord
from publiccredit.collection.services import import_file
from publiccredit.core.files import FileProblem
from tests.builders import penalty_row, write_csv
from tests.collection.test_file_import import run_import

pytestmark = pytest.mark.django_db


def xlsx(path, rows: list[dict]):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(list(rows[0]))
    for row in rows:
        sheet.append(list(row.values()))
    workbook.save(path)
    return path


@pytest.mark.parametrize("path_kind", ["columnar", "row", "atomic", "xlsx"])
def test_a_file_with_more_rows_than_allowed_is_refused_before_anything_is_written(
        tmp_path, penalty, market_regulation, settings, path_kind):
    settings.UPLOAD_MAX_ROWS = 3
    rows = [penalty_row(n) for n in range(1, 5)]
    path = xlsx(tmp_path / "p.xlsx", rows) if path_kind == "xlsx" else write_csv(tmp_path / "p.csv", rows)
    with pytest.raises(FileProblem) as refused:
        import_file(item=penalty, provider=market_regulation, path=path, actor=None,
                    atomic=path_kind == "atomic", columnar=path_kind != "row")
    assert refused.value.code == "too_many_rows"
    assert "文件有4行数据，超过每个文件3行的上限" in refused.value.message
    assert CreditRecord.objects.count() == 0


def test_a_file_at_the_row_limit_is_taken_whole(tmp_path, penalty, market_regulation, settings):
    settings.UPLOAD_MAX_ROWS = 3
    path = write_csv(tmp_path / "p.csv", [penalty_row(n, CF_SY="多行\n事实") for n in range(1, 4)])
    result = import_file(item=penalty, provider=market_regulation, path=path, actor=None, columnar=False)
    assert result.created == 3  # line breaks inside quoted cells are not rows


def test_an_xlsx_that_unpacks_beyond_the_limit_is_refused_unread(tmp_path, penalty, market_regulation, settings):
    settings.XLSX_MAX_UNPACKED_BYTES = 1024
    path = xlsx(tmp_path / "p.xlsx", [penalty_row(1)])
    with pytest.raises(FileProblem) as refused:
        import_file(item=penalty, provider=market_regulation, path=path, actor=None)
    assert refused.value.code == "file_too_large" and "解压后" in refused.value.message
    assert Batch.objects.count() == 0


def test_a_file_named_xlsx_that_is_not_one_says_so_in_chinese(tmp_path, capsys, penalty):
    path = tmp_path / "p.xlsx"
    path.write_bytes(b"not a zip at all")
    code, _, err = run_import(capsys, path)
    assert code == 2 and "不是有效的 XLSX 文件" in err


@pytest.mark.parametrize("columnar", [True, False])
def test_errors_beyond_the_listing_limit_are_counted_not_listed(tmp_path, penalty, market_regulation, settings,
                                                                columnar):
    settings.MAX_LISTED_ERRORS = 2
    rows = [penalty_row(1)] + [penalty_row(n, CF_NR_FK="-1") for n in range(2, 7)]
    path = write_csv(tmp_path / "p.csv", rows)
    result = import_file(item=penalty, provider=market_regulation, path=path, actor=None, columnar=columnar)
    assert (result.accepted, result.rejected, len(result.errors), result.unlisted_errors) == (1, 5, 2, 3)
    batch = Batch.objects.get()
    assert batch.unlisted_errors == 3 and BatchError.objects.filter(batch=batch).count() == 2
    assert "另有3个未逐条列出" in batch.message
    assert result.as_dict()["unlisted_errors"] == 3


def test_the_error_report_says_how_many_errors_it_leaves_out(client, market_clerk, penalty, market_regulation,
                                                             tmp_path, settings):
    settings.MAX_LISTED_ERRORS = 1
    path = write_csv(tmp_path / "p.csv", [penalty_row(n, CF_NR_FK="-1") for n in range(1, 4)])
    batch = import_file(item=penalty, provider=market_regulation, path=path, actor=None).batch
    client.force_login(market_clerk)
    report = client.get(f"/backoffice/collection/batches/{batch.pk}/errors.csv").content.decode("utf-8-sig")
    lines = report.splitlines()
    assert lines[1].startswith("2,饶市监罚〔2026〕1号,CF_NR_FK,negative_amount,")
    assert lines[-1] == ",,,unlisted,另有2个错误未逐条列出，请修正以上错误后重新报送"
    page = client.get(f"/backoffice/collection/batches/{batch.pk}/").content.decode()
    assert "另有 2 个错误未逐条列出" in page


def test_the_upload_page_states_the_limits_before_anyone_meets_them(client, market_clerk, settings):
    settings.UPLOAD_MAX_ROWS = 1000000
    client.force_login(market_clerk)
    page = client.get("/backoffice/collection/").content.decode()
    assert "1,000,000行数据" in page and "XLSX 解压后不超过" in page and "逐条列出10,000个错误" in page


@pytest.mark.parametrize("extra", [["--atomic"], []])
def test_an_oversize_cell_is_a_row_error_on_both_paths_never_a_traceback(tmp_path, capsys, penalty, extra):
    path = write_csv(tmp_path / "p.csv", [penalty_row(1), penalty_row(2, CF_SY="长" * 200_000)])
    code, out, err = run_import(capsys, path, "--json", *extra)
    assert code == 0 and "Traceback" not in err
    import json

    report = json.loads(out)
    assert [(e["row"], e["field"], e["code"]) for e in report["errors"]] == [(3, "CF_SY", "too_long")]
