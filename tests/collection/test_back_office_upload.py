"""A clerk uploads a file in the back office, sees what was rejected and why, downloads the error report, links
records that could not be linked by code, and reads the timeliness ranking."""

from django.core.files.uploadedfile import SimpleUploadedFile

from publiccredit.collection.models import Batch, CreditRecord
from tests.builders import penalty_row, write_csv
from tests.conftest import ENTERPRISE_USCC


def upload(client, path, name, **options):
    data = {"item": "penalty", "file": SimpleUploadedFile(name, path.read_bytes()), **options}
    return client.post("/backoffice/collection/", data)


def test_a_clerk_uploads_a_file_and_sees_the_rejected_rows(client, market_clerk, penalty, tmp_path):
    client.force_login(market_clerk)
    path = write_csv(tmp_path / "p.csv", [penalty_row(1), penalty_row(2, CF_NR_FK="-1")], encoding="gbk")
    response = upload(client, path, "十一月处罚.csv")
    batch = Batch.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/backoffice/collection/batches/{batch.pk}/"
    assert (batch.channel, batch.file_name, batch.accepted, batch.rejected) == ("upload", "十一月处罚.csv", 1, 1)
    assert batch.submitted_by == market_clerk
    page = client.get(response["Location"]).content.decode()
    assert "金额不能为负数" in page and "下载错误报告" in page
    report = client.get(f"/backoffice/collection/batches/{batch.pk}/errors.csv").content.decode("utf-8-sig")
    assert "3,饶市监罚〔2026〕2号,CF_NR_FK,negative_amount" in report  # Excel row 3: the header is row 1


def test_an_unusable_upload_shows_why_and_writes_nothing(client, market_clerk, penalty, tmp_path):
    client.force_login(market_clerk)
    path = write_csv(tmp_path / "p.csv", [{k: v for k, v in penalty_row(1).items() if k != "CF_SY"}])
    response = upload(client, path, "p.csv")
    assert response.status_code == 200
    assert "缺少必填列：违法事实（CF_SY）" in response.content.decode()
    assert not Batch.objects.exists()


def test_only_csv_and_xlsx_files_are_accepted(client, market_clerk, penalty, tmp_path):
    client.force_login(market_clerk)
    path = tmp_path / "x.exe"
    path.write_bytes(b"MZ")
    assert "只接受 CSV 或 XLSX 文件" in upload(client, path, "x.exe").content.decode()


def test_a_department_sees_only_its_own_batches(client, market_clerk, penalty, tmp_path, credit_office):
    from publiccredit.accounts.services import create_user

    client.force_login(market_clerk)
    upload(client, write_csv(tmp_path / "p.csv", [penalty_row(1)]), "p.csv")
    batch = Batch.objects.get()
    tax_clerk = create_user(username="tax", role="provider_clerk", password="Shuiwu-2026!!",
                            organization=credit_office.__class__.objects.get(name="国家税务总局上饶市税务局"))
    client.force_login(tax_clerk)
    assert client.get(f"/backoffice/collection/batches/{batch.pk}/").status_code == 404
    assert "p.csv" not in client.get("/backoffice/collection/").content.decode()


def test_the_back_office_is_closed_to_the_public(client, db):
    response = client.get("/backoffice/collection/")
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_a_clerk_links_an_unlinked_record_after_checking_candidates(client, market_clerk, penalty, enterprise,
                                                                     tmp_path):
    from publiccredit.audit.models import AuditEntry

    client.force_login(market_clerk)
    row = penalty_row(1, CF_XDR_SHXYM=None, CF_XDR_GSZC="361102000012345", CF_XDR_MC="上饶市信江光伏科技有限责任公司")
    upload(client, write_csv(tmp_path / "p.csv", [row]), "p.csv")
    record = CreditRecord.objects.get()
    assert record.subject is None
    page = client.get(f"/backoffice/collection/unlinked/{record.pk}/").content.decode()
    assert "上饶市信江光伏科技有限公司" in page  # suggested, not linked
    response = client.post(f"/backoffice/collection/unlinked/{record.pk}/",
                           {"subject_code": ENTERPRISE_USCC, "reason": "经核对营业执照，原注册号对应该企业"})
    assert response.status_code == 302
    record.refresh_from_db()
    assert record.subject == enterprise
    assert AuditEntry.objects.filter(action="collection.record.link").exists()


def test_linking_to_an_unknown_code_is_refused(client, market_clerk, penalty, tmp_path):
    client.force_login(market_clerk)
    row = penalty_row(1, CF_XDR_SHXYM=None, CF_XDR_GSZC="361102000012345")
    upload(client, write_csv(tmp_path / "p.csv", [row]), "p.csv")
    record = CreditRecord.objects.get()
    response = client.post(f"/backoffice/collection/unlinked/{record.pk}/",
                           {"subject_code": "91361102MA35ABCD4C", "reason": "核对"})
    assert "主体库中没有这个代码的主体" in response.content.decode()
    assert CreditRecord.objects.get().subject is None


def test_the_timeliness_page_ranks_departments_and_counties(client, market_clerk, penalty, tmp_path):
    client.force_login(market_clerk)
    upload(client, write_csv(tmp_path / "p.csv", [penalty_row(1, CF_JDRQ="2026-01-05", CF_YXQ="2027-01-05")]), "p.csv")
    page = client.get("/backoffice/collection/stats/").content.decode()
    assert "上饶市市场监督管理局" in page and "市本级" in page and "饶市监罚〔2026〕1号" in page
    assert "已忽略日期条件" in client.get("/backoffice/collection/stats/?since=bad", follow=True).content.decode()
