"""Grades on the credit file (docs/evaluation.md, "Explanation", "Who sees a grade"): the subject sees its grade,
the contributions behind it, what would raise it and the history; a department sees grade and explanation; the
public sees a grade only where the model discloses it, never a person's, and never the explanation."""

import datetime as dt

import pytest

from publiccredit.accounts.roles import Role
from publiccredit.accounts.services import create_user, issue_token
from publiccredit.evaluation.models import EvaluationModel
from publiccredit.evaluation.services import publish_model, regrade_subjects
from tests.builders import deliver, recent_penalty

pytestmark = pytest.mark.django_db


@pytest.fixture
def graded(enterprise, market_regulation, old_penalty):
    """Two 一般 penalties (−30 each): one old enough to repair now, one too recent; graded twice (history)."""
    regrade_subjects(subject_ids=[enterprise.pk])
    [recent] = deliver("penalty", [recent_penalty(2, days_ago=10)], market_regulation)
    regrade_subjects(subject_ids=[enterprise.pk])
    return {"old": old_penalty, "recent": recent}


def disclose_grades():
    """The credit office sets the public model to 向社会公开等级 (saving publishes a new version)."""
    model = EvaluationModel.objects.get(code="public")
    model.disclosure = EvaluationModel.Disclosure.PUBLIC
    model.save(update_fields=["disclosure"])
    publish_model(model=model, actor=None, reason="等级向社会公开")


def page_of(client, subject) -> str:
    response = client.get(f"/credit/{subject.uscc}/")
    assert response.status_code == 200
    return response.content.decode()


def evaluation_part(page: str) -> str:
    return page[page.index('id="evaluation"'):page.index("</section>", page.index('id="evaluation"'))]


def test_the_subject_sees_its_grade_the_deductions_and_what_would_raise_it(client, enterprise, graded):
    owner = create_user(username="xinjiang-grade", role=Role.SUBJECT_USER, subject=enterprise,
                        password="Qiye-2026!!x")
    client.force_login(owner)
    part = evaluation_part(page_of(client, enterprise))
    assert 'data-grade="B"' in part and "得分 <strong>940.0</strong>" in part and "各项合计 -60.0" in part
    assert graded["old"].decision_number in part and graded["recent"].decision_number in part
    assert f'href="/account/repair/{graded["old"].pk}/"' in part and "修复后加回 30.0 分" in part
    repairable_from = graded["recent"].repairable_from
    assert f"自{repairable_from.year}年{repairable_from.month}月{repairable_from.day}日起可申请信用修复" in part
    halves_on = graded["recent"].decision_date + dt.timedelta(days=round(12 * 30.436875))
    assert f"自{halves_on.year}年{halves_on.month}月{halves_on.day}日起按 -15.0 分计" in part
    assert "守信荣誉" in part  # a positive item with room under its cap, and how it is earned
    assert "评价历史（2）" in part


def test_a_department_sees_the_grade_and_its_explanation_but_no_advice(client, enterprise, graded, market_clerk):
    client.force_login(market_clerk)
    part = evaluation_part(page_of(client, enterprise))
    assert 'data-grade="B"' in part and graded["old"].decision_number in part and "评价历史" in part
    assert "如何提升" not in part and "不向社会公开" in part


def test_the_public_sees_a_grade_only_where_the_model_discloses_it_and_without_the_explanation(
        client, enterprise, graded):
    assert "data-grade" not in evaluation_part(page_of(client, enterprise))
    assert "评价等级不向社会公开" in evaluation_part(page_of(client, enterprise))
    disclose_grades()
    part = evaluation_part(page_of(client, enterprise))
    assert 'data-grade="B"' in part and "940.0" in part
    assert graded["old"].decision_number not in part and "评价历史" not in part and "各项合计" not in part


def test_a_natural_persons_grade_is_never_public(client, citizen, market_regulation):
    from publiccredit.publicity.queries import credit_file

    disclose_grades()
    regrade_subjects(subject_ids=[citizen.pk])
    assert credit_file(citizen, "public")["evaluation"]["results"] == []
    assert [r["grade"] for r in credit_file(citizen, "department")["evaluation"]["results"]] == ["A"]


def test_a_regrade_changes_the_cached_public_page(client, enterprise, market_regulation):
    disclose_grades()
    regrade_subjects(subject_ids=[enterprise.pk])
    assert 'data-grade="A"' in evaluation_part(page_of(client, enterprise))
    deliver("penalty", [recent_penalty(n, days_ago=10) for n in range(1, 4)], market_regulation)
    regrade_subjects(subject_ids=[enterprise.pk])
    assert 'data-grade="B"' in evaluation_part(page_of(client, enterprise))


def test_the_credit_file_api_carries_the_grades_with_the_explanation_for_a_department(
        client, enterprise, graded, market_regulation):
    token = issue_token(organization=market_regulation, name="审批系统", scopes=["subjects:read"])
    answer = client.get(f"/api/v1/subjects/{enterprise.uscc}/", HTTP_AUTHORIZATION=f"Bearer {token.secret}").json()
    [grade] = answer["grades"]
    assert (grade["model"], grade["grade"], grade["score"]) == ("public", "B", 940.0)
    assert {part["indicator"] for part in grade["contributions"]} == {"penalty_general"}
    assert client.get(f"/api/v1/subjects/{enterprise.uscc}/").json()["grades"] == []
