"""Screening carries grades and measures conditioned on them (docs/lists.md, "Measures by grade"): every found
subject comes with its current grades; a D grade triggers the stricter review in bidding, an A grade the credit bonus
and the 容缺受理 green channel — for a subject that is otherwise clean."""

import pytest
from django.core.exceptions import ValidationError

from publiccredit.evaluation.models import EvaluationModel
from publiccredit.evaluation.services import regrade_subjects
from publiccredit.sanctions.models import Measure, ScreeningSubject
from tests.builders import deliver, penalty_row
from tests.conftest import ENTERPRISE_USCC

pytestmark = pytest.mark.django_db


def screen(client, headers, codes, matter):
    response = client.post("/api/v1/screening/", {"matter": matter, "subjects": [{"code": c} for c in codes]},
                           content_type="application/json", **headers)
    assert response.status_code == 201, response.json()
    return response.json()["results"]


def serious(number: int) -> dict:
    return penalty_row(number, CF_JDRQ="2026-11-01", CF_YXQ="2029-11-01", CF_CFLB="责令停产停业")


def test_an_a_grade_subject_clean_otherwise_gets_the_bidding_bonus_with_its_grade_as_the_reason(
        client, screening_token, enterprise, clean_enterprise):
    regrade_subjects(subject_ids=[enterprise.pk, clean_enterprise.pk])
    graded, _ = screen(client, screening_token, [ENTERPRISE_USCC, clean_enterprise.uscc], "bidding")
    assert graded["status"] == "clean"
    [grade] = graded["grades"]
    assert (grade["model"], grade["grade"], grade["score"]) == ("public", "A", 1000.0)
    [bonus] = [m for m in graded["measures"] if m["code"] == "JL-009"]
    assert bonus["effect"] == "incentive" and bonus["because"] == ["上饶市公共信用综合评价为A级"]
    row = ScreeningSubject.objects.get(position=0)
    assert row.result["measures"]  # kept: a measure applied to a clean subject


def test_a_d_grade_triggers_the_stricter_review_in_bidding_and_not_the_bonus(
        client, screening_token, enterprise, market_regulation):
    deliver("penalty", [serious(n) for n in range(1, 4)], market_regulation)  # −300 (cap) → 700: C
    regrade_subjects(subject_ids=[enterprise.pk])
    model = EvaluationModel.objects.get(code="public")
    Measure.objects.filter(code="CJ-016").update(grades="C,D")  # the office widens the stricter review to C
    from publiccredit.sanctions.screening import forget_contexts

    forget_contexts()
    [finding] = screen(client, screening_token, [ENTERPRISE_USCC], "bidding")
    codes = {m["code"] for m in finding["measures"]}
    assert finding["grades"][0]["grade"] == "C" and "CJ-016" in codes and "JL-009" not in codes
    assert model.measures.filter(code="CJ-016").exists()


def test_a_subject_without_a_grade_gets_no_grade_measure(client, screening_token, clean_enterprise):
    [finding] = screen(client, screening_token, [clean_enterprise.uscc], "bidding")
    assert finding["grades"] == [] and "measures" not in finding


def test_a_measure_naming_grades_the_model_does_not_have_is_refused_in_chinese():
    measure = Measure.objects.get(code="CJ-016")
    measure.grades = "D,E"
    with pytest.raises(ValidationError) as refused:
        measure.full_clean()
    assert "没有等级：E" in str(refused.value)
    measure.grades, measure.grade_model = "D", None
    with pytest.raises(ValidationError, match="须选择信用评价模型"):
        measure.full_clean()


def test_the_back_office_result_page_shows_the_grade_beside_the_subject(client, finance, enterprise):
    from publiccredit.accounts.roles import Role
    from publiccredit.accounts.services import create_user

    regrade_subjects(subject_ids=[enterprise.pk])
    client.force_login(create_user(username="clerk-zhaobiao", role=Role.REGULATOR, organization=finance,
                                   password="Zhaobiao-2026!", full_name="孙招标"))
    client.post("/backoffice/screening/", {"matter": "bidding", "subjects": ENTERPRISE_USCC})
    from publiccredit.sanctions.models import Screening

    page = client.get(f"/backoffice/screening/{Screening.objects.get().pk}/?show=all").content.decode()
    assert "上饶市公共信用综合评价：<strong>A</strong>级" in page and "JL-009" in page
