"""A clerk screens by hand or by file in the back office, reads the hits, reports back and sees the effect report."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from publiccredit.accounts.roles import Role
from publiccredit.accounts.services import create_user
from publiccredit.core.identifiers import make_uscc
from publiccredit.sanctions.models import MeasureFeedback, Screening
from tests.conftest import CITIZEN_ID, ENTERPRISE_USCC

pytestmark = pytest.mark.django_db


@pytest.fixture
def finance_clerk(finance):
    return create_user(username="clerk-caizheng", role=Role.REGULATOR, organization=finance,
                       password="Caizheng-2026!", full_name="钱采购")


@pytest.fixture
def signed_in(client, finance_clerk):
    client.force_login(finance_clerk)
    return client


def test_a_clerk_screens_codes_and_names_typed_in_and_sees_the_hit_with_its_measures(signed_in, listed_enterprise,
                                                                                    clean_enterprise):
    response = signed_in.post("/backoffice/screening/", {
        "matter": "gov_procurement", "reference": "SRCG-2026-7",
        "subjects": f"{ENTERPRISE_USCC}\n{clean_enterprise.uscc} 上饶市守信建材有限公司\n上饶市不存在商贸有限公司\n"}, follow=True)
    page = response.content.decode()
    screening = Screening.objects.get()
    assert (screening.channel, screening.total, screening.hits, screening.not_found) == ("web", 3, 1, 1)
    assert "限制参加政府采购活动" in page and listed_enterprise.name in page
    everything = signed_in.get(f"/backoffice/screening/{screening.pk}/?show=all").content.decode()
    assert "未匹配到主体" in everything and "未发现失信信息" in everything


def test_an_uploaded_file_is_screened_with_bad_rows_reported_and_good_rows_kept(signed_in, listed_enterprise):
    unknown = make_uscc("91", "361102", "MA3XXXXX")
    content = f"代码,名称\n{ENTERPRISE_USCC},\n123,坏代码\n{unknown},\n,上饶市信江光伏科技有限公司\n".encode()
    upload = SimpleUploadedFile("applicants.csv", content, content_type="text/csv")
    signed_in.post("/backoffice/screening/", {"matter": "bidding", "file": upload})
    screening = Screening.objects.get()
    assert (screening.channel, screening.file_name) == ("file", "applicants.csv")
    assert (screening.total, screening.invalid, screening.not_found, screening.hits) == (4, 1, 1, 2)


def test_a_file_without_a_code_or_name_column_is_refused_with_a_reason(signed_in, db):
    upload = SimpleUploadedFile("wrong.csv", "电话,地址\n1,2\n".encode(), content_type="text/csv")
    page = signed_in.post("/backoffice/screening/", {"matter": "bidding", "file": upload}).content.decode()
    assert "缺少必填列" in page and not Screening.objects.exists()


def test_the_clerk_reports_back_on_a_measure_from_the_results_page(signed_in, listed_enterprise):
    signed_in.post("/backoffice/screening/", {"matter": "gov_procurement", "subjects": ENTERPRISE_USCC})
    screening = Screening.objects.get()
    page = signed_in.post(f"/backoffice/screening/{screening.pk}/feedback/",
                          {"index": 0, "measure": "CJ-001", "executed": "0", "note": ""}, follow=True).content.decode()
    assert "原因" in page and not MeasureFeedback.objects.exists()
    signed_in.post(f"/backoffice/screening/{screening.pk}/feedback/",
                   {"index": 0, "measure": "CJ-001", "executed": "1", "note": "已拒绝其投标"})
    assert MeasureFeedback.objects.get().executed is True
    report = signed_in.get("/backoffice/screening/report/").content.decode()
    assert "CJ-001" in report and "上饶市财政局" in report


def test_the_results_download_as_csv_without_full_id_numbers(signed_in, citizen, listed_enterprise):
    signed_in.post("/backoffice/screening/", {"matter": "public_office", "subjects": f"{CITIZEN_ID}\n{ENTERPRISE_USCC}"})
    screening = Screening.objects.get()
    body = signed_in.get(f"/backoffice/screening/{screening.pk}/results.csv").content.decode("utf-8-sig")
    assert body.startswith("序号,查询代码") and CITIZEN_ID not in body
    assert "担任法定代表人的单位" in body


def test_another_department_cannot_open_the_screening(client, signed_in, listed_enterprise, market_clerk):
    signed_in.post("/backoffice/screening/", {"matter": "gov_procurement", "subjects": ENTERPRISE_USCC})
    client.force_login(market_clerk)
    assert client.get(f"/backoffice/screening/{Screening.objects.get().pk}/").status_code == 404


def test_the_measure_catalog_shows_measures_by_matter_and_the_memoranda(signed_in, db):
    page = signed_in.get("/backoffice/screening/measures/?matter=land_transfer").content.decode()
    assert "限制参与国有土地使用权出让" in page and "限制参加政府采购活动" not in page
    assert "发改财金〔2016〕141号" in page and "行政性" in page


def test_the_public_website_publishes_the_measures_by_matter_and_the_memoranda(client, db):
    page = client.get("/joint-measures/?matter=honours").content.decode()
    assert "限制参加评先评优、取消已获荣誉称号" in page and "评优评先同等条件下优先考虑" in page
    assert "限制参与国有土地使用权出让" not in page
    assert "关于对失信被执行人实施联合惩戒的合作备忘录" in page and "发改财金〔2016〕141号" in page


def test_a_name_that_looks_like_a_formula_lands_in_results_csv_as_plain_text(signed_in, finance_clerk):
    from rest_framework.test import APIClient

    api = APIClient()
    api.force_login(finance_clerk)
    formula = '=HYPERLINK("http://evil.example/","点击查看")'
    response = api.post("/api/v1/screening/", {"matter": "gov_procurement", "subjects": [
        {"code": ENTERPRISE_USCC, "name": formula}, {"name": "@SUM(1+1)"}, {"name": "-2+3"}]}, format="json")
    assert response.status_code in (200, 201), response.content
    body = signed_in.get(f"/backoffice/screening/{Screening.objects.get().pk}/results.csv").content.decode("utf-8-sig")
    import csv
    import io

    cells = [cell for row in csv.reader(io.StringIO(body)) for cell in row]
    assert "'" + formula in cells and "'@SUM(1+1)" in cells and "'-2+3" in cells
    assert not any(cell.startswith(("=", "+", "@")) for cell in cells)
    assert not any(cell.startswith("-") and not cell.lstrip("-").replace(".", "").isdigit() for cell in cells)


def test_plain_numbers_stay_numbers_in_csv_cells():
    from publiccredit.core.spreadsheets import safe_cell

    assert [safe_cell(v) for v in ["-2.5", "+3", "12", 7, "\tcmd", "\r=1"]] == ["-2.5", "+3", "12", 7, "'\tcmd", "'\r=1"]
