"""Industry models and imported results (docs/evaluation.md, "Industry models", "Imported results"): a department's
model of its own takes the public score as an input and keeps its results apart; results that others compute (the
tax authority's 纳税信用等级) come in by file and API, good rows kept, bad rows named, re-sent rows changing nothing."""

import pytest
from django.core.management import call_command

from publiccredit.accounts.services import issue_token
from publiccredit.audit.models import AuditEntry
from publiccredit.evaluation.models import (
    EvaluationModel,
    EvaluationResult,
    GradeBand,
    Indicator,
    IndicatorFamily,
)
from publiccredit.evaluation.services import publish_model, regrade_subjects
from tests.builders import deliver, recent_penalty
from tests.conftest import CITIZEN_ID, ENTERPRISE_USCC

pytestmark = pytest.mark.django_db


@pytest.fixture
def tax_bureau(db):
    from publiccredit.organizations.models import Organization

    return Organization.objects.get(name="国家税务总局上饶市税务局")


@pytest.fixture
def food_model(market_regulation) -> EvaluationModel:
    """The market regulator's food-safety model: 10% of the public score, −80 per penalty of its own."""
    model = EvaluationModel.objects.create(code="food_safety", name="食品安全信用评价", kind="industry",
                                           owner=market_regulation, base_score=0, min_score=0, max_score=200)
    family = IndicatorFamily.objects.create(model=model, code="base", name="综合")
    public = EvaluationModel.objects.get(code="public")
    Indicator.objects.create(model=model, family=family, code="public_score", name="公共信用综合评价得分",
                             source="model_score", input_model=public, points="0.1")
    from publiccredit.catalog.models import CatalogItem

    Indicator.objects.create(model=model, family=family, code="penalties", name="行政处罚", source="record",
                             catalog_item=CatalogItem.objects.get(code="penalty"), points=-80)
    for grade, minimum in (("A", 90), ("B", 60), ("C", 0)):
        GradeBand.objects.create(model=model, grade=grade, min_score=minimum)
    publish_model(model=model, actor=None)
    return model


def current(subject, code) -> EvaluationResult:
    return EvaluationResult.objects.get(subject=subject, model__code=code, is_current=True)


def test_an_industry_model_takes_the_public_score_as_an_input_and_keeps_its_results_apart(
        enterprise, market_regulation, food_model):
    deliver("penalty", [recent_penalty(1, days_ago=100)], market_regulation)
    regrade_subjects(subject_ids=[enterprise.pk])
    public, food = current(enterprise, "public"), current(enterprise, "food_safety")
    assert (float(public.score), public.grade) == (970.0, "A")
    by_indicator = {part["indicator"]: part for part in food.contributions}
    assert by_indicator["public_score"]["points"] == 97.0  # 970 × 0.1, read after the public grade was written
    assert by_indicator["public_score"]["sources"][0]["type"] == "model_score"
    assert by_indicator["penalties"]["points"] == -80.0
    assert (float(food.score), food.grade) == (17.0, "C")
    assert EvaluationResult.objects.filter(subject=enterprise, is_current=True).count() == 2


TAX_CSV = ("代码,等级,得分,评价日期\n"
           f"{ENTERPRISE_USCC},A,95,2026-04-01\n"
           "91361100MA35XXXX00,B,80,2026-04-01\n"
           f"{CITIZEN_ID},E,,2026-04-01\n").encode("utf-8-sig")


def test_tax_grades_come_in_by_file_with_every_bad_row_named_and_a_resend_changes_nothing(
        enterprise, citizen, tmp_path, capsys):
    path = tmp_path / "纳税信用.csv"
    path.write_bytes(TAX_CSV)
    call_command("import-grades", "tax_credit", str(path))
    out = capsys.readouterr().out
    assert "导入 1" in out and "有误 2" in out
    assert "第3行：代码“91361100MA35XXXX00”不是有效的统一社会信用代码或身份证号码" in out
    assert "第4行：等级“E”不在本模型的等级中（A、B、M、C、D）" in out
    result = current(enterprise, "tax_credit")
    assert (result.grade, float(result.score), str(result.as_of)) == ("A", 95.0, "2026-04-01")
    call_command("import-grades", "tax_credit", str(path))
    assert "导入 0，未变化 1" in capsys.readouterr().out
    assert EvaluationResult.objects.filter(model__code="tax_credit").count() == 1
    assert AuditEntry.objects.filter(action="evaluation.result.import").count() == 2


def test_the_tax_authority_pushes_grades_through_the_api_and_a_department_reads_them(
        client, enterprise, tax_bureau, market_regulation):
    token = issue_token(organization=tax_bureau, name="纳税信用系统", scopes=["evaluations:write"])
    answer = client.post("/api/v1/evaluations/imports/", {"model": "tax_credit", "results": [
        {"code": ENTERPRISE_USCC, "grade": "M", "as_of": "2026-04-01"}, {"code": "", "grade": "A"}]},
        content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {token.secret}")
    assert answer.status_code == 200, answer.json()
    body = answer.json()
    assert (body["accepted"], body["rejected"]) == (1, 1) and body["errors"][0]["index"] == 2
    reader = issue_token(organization=market_regulation, name="审批系统", scopes=["subjects:read"])
    grades = client.get(f"/api/v1/evaluations/{ENTERPRISE_USCC}/",
                        HTTP_AUTHORIZATION=f"Bearer {reader.secret}").json()["results"]
    assert {(g["model"], g["grade"]) for g in grades} == {("tax_credit", "M")}


def test_only_the_models_owner_or_the_credit_office_may_import(client, enterprise, market_regulation):
    token = issue_token(organization=market_regulation, name="他人", scopes=["evaluations:write"])
    answer = client.post("/api/v1/evaluations/imports/", {"model": "tax_credit", "results": [
        {"code": ENTERPRISE_USCC, "grade": "A"}]}, content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {token.secret}")
    assert answer.status_code == 400 and "只有" in answer.json()["detail"]
    assert not EvaluationResult.objects.filter(model__code="tax_credit").exists()


def test_an_unknown_model_is_refused_naming_the_ones_that_can_be_imported(client, credit_office):
    token = issue_token(organization=credit_office, name="信用办", scopes=["evaluations:write"])
    answer = client.post("/api/v1/evaluations/imports/", {"model": "public", "results": []},
                         content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {token.secret}")
    assert answer.status_code == 400 and "national" in answer.json()["detail"] and "tax_credit" in answer.json()["detail"]


def test_an_imported_grade_shows_on_the_credit_file_for_a_department_as_an_outside_result(
        client, enterprise, credit_office, market_clerk, tmp_path):
    path = tmp_path / "tax.csv"
    path.write_bytes(f"代码,等级\n{ENTERPRISE_USCC},B\n".encode())
    call_command("import-grades", "tax_credit", str(path))
    client.force_login(market_clerk)
    page = client.get(f"/credit/{ENTERPRISE_USCC}/").content.decode()
    part = page[page.index('id="evaluation"'):]
    assert 'data-model="tax_credit"' in part and "由国家税务总局上饶市税务局评定" in part


def test_an_imported_model_is_not_computed_by_a_run(db):
    from publiccredit.core.errors import DomainError
    from publiccredit.evaluation.services import start_run

    with pytest.raises(DomainError, match="由外部计算后导入"):
        start_run(model=EvaluationModel.objects.get(code="tax_credit"))


@pytest.fixture
def food_regulator(market_regulation):
    from publiccredit.accounts.roles import Role
    from publiccredit.accounts.services import create_user

    return create_user(username="jianguan-li", role=Role.REGULATOR, organization=market_regulation,
                       password="Jianguan-2026!", full_name="李监管")


def test_a_department_edits_only_its_own_industry_models_in_the_admin(client, food_regulator, food_model):
    client.force_login(food_regulator)
    listing = client.get("/admin/evaluation/evaluationmodel/").content.decode()
    assert "食品安全信用评价" in listing and "上饶市公共信用综合评价" not in listing
    assert client.get(f"/admin/evaluation/evaluationmodel/{food_model.pk}/change/").status_code == 200
    public = EvaluationModel.objects.get(code="public")
    assert client.get(f"/admin/evaluation/evaluationmodel/{public.pk}/change/").status_code in (302, 403, 404)
    assert client.get("/admin/evaluation/evaluationmodel/add/").status_code == 200


def test_a_model_a_department_saves_is_its_own_industry_model_whatever_the_form_says(rf, food_regulator):
    from django.contrib.admin.sites import site

    from publiccredit.evaluation.admin import EvaluationModelAdmin

    request = rf.post("/admin/evaluation/evaluationmodel/add/")
    request.user = food_regulator
    model_admin = EvaluationModelAdmin(EvaluationModel, site)
    form = model_admin.get_form(request)(data={"code": "food_two", "name": "食品经营信用评价", "disclosure": "government",
                                               "base_score": "1000", "min_score": "0", "max_score": "1200",
                                               "is_active": "on"})
    assert form.is_valid(), form.errors
    model = form.save(commit=False)
    model_admin.save_model(request, model, form=form, change=False)
    model.refresh_from_db()
    assert (model.kind, model.owner_id) == ("industry", food_regulator.organization_id)


def test_a_body_or_rows_of_the_wrong_shape_are_refused_in_chinese_not_a_server_error(client, credit_office, enterprise):
    token = issue_token(organization=credit_office, name="信用办", scopes=["evaluations:write"])
    headers = {"HTTP_AUTHORIZATION": f"Bearer {token.secret}"}
    listed = client.post("/api/v1/evaluations/imports/", [1, 2], content_type="application/json", **headers)
    assert listed.status_code == 400 and "请求体应为对象" in listed.json()["detail"]
    rows = client.post("/api/v1/evaluations/imports/", {"model": "tax_credit", "results": ["A", {"code": ENTERPRISE_USCC,
                                                                                                   "grade": "A"}]},
                       content_type="application/json", **headers).json()
    assert (rows["accepted"], rows["rejected"]) == (1, 1) and "每条结果应为对象" in rows["errors"][0]["message"]
