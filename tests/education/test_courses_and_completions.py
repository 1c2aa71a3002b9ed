"""Integrity education (docs/education.md): free courses read and answered online or at a window; a pass is one
completion per course, subject and day, counted by evaluation, shown on the credit file and beside a repair
application as the 专题培训 route."""

import pytest
from django.test import TestCase
from django.utils import timezone

from publiccredit.audit.models import AuditEntry
from publiccredit.core.errors import DomainError, PermissionDenied
from publiccredit.education import services
from publiccredit.education.models import Completion, Course
from publiccredit.evaluation.models import EvaluationResult

from .conftest import ONE_WRONG, RIGHT, TWO_WRONG

pytestmark = pytest.mark.django_db


def after_commit():
    return TestCase.captureOnCommitCallbacks(execute=True)


def test_the_reference_courses_are_published_with_their_quizzes():
    courses = {course.code: course for course in Course.objects.filter(is_active=True)}
    assert {"integrity-basics", "repair-training"} <= set(courses)
    assert courses["repair-training"].repair_route and not courses["integrity-basics"].repair_route
    for course in courses.values():
        questions = list(course.questions.all())
        assert len(questions) >= 5 and all(0 <= q.answer < len(q.options) for q in questions)


def test_the_score_is_the_share_answered_right_and_names_the_wrong_questions(course):
    assert services.score_quiz(course, RIGHT) == services.QuizResult(score=100, passed=True, wrong=[])
    assert services.score_quiz(course, ONE_WRONG) == services.QuizResult(score=67, passed=True, wrong=[3])
    assert services.score_quiz(course, TWO_WRONG) == services.QuizResult(score=33, passed=False, wrong=[1, 2])


@pytest.mark.parametrize(("answers", "named"), [({"q1": "0", "q3": "1"}, "第2题"), ({**RIGHT, "q1": "7"}, "第1题"),
                                                 ({**RIGHT, "q2": "是"}, "第2题")])
def test_an_unanswered_or_invalid_answer_is_named_in_chinese_and_nothing_is_recorded(course, enterprise, owner,
                                                                                      answers, named):
    with pytest.raises(DomainError) as refused:
        services.complete_course(course=course, subject=enterprise, answers=answers, actor=owner, channel="online")
    assert "请回答全部测验题" in refused.value.message and named in refused.value.message
    assert not Completion.objects.exists()


def test_a_pass_online_is_one_completion_a_day_audited_and_a_resent_sheet_writes_nothing(course, enterprise, owner):
    result, completion = services.complete_course(course=course, subject=enterprise, answers=RIGHT, actor=owner,
                                                  channel="online")
    again, same = services.complete_course(course=course, subject=enterprise, answers=ONE_WRONG, actor=owner,
                                           channel="online")
    assert result.passed and again.passed and same.pk == completion.pk and Completion.objects.count() == 1
    assert (completion.completed_on, completion.score, completion.channel) == (timezone.localdate(), 100, "online")
    assert AuditEntry.objects.filter(action="education.completion.complete", actor_id=owner.pk).count() == 1


def test_a_failed_quiz_records_nothing(course, enterprise, owner):
    result, completion = services.complete_course(course=course, subject=enterprise, answers=TWO_WRONG, actor=owner,
                                                  channel="online")
    assert not result.passed and completion is None and not Completion.objects.exists()


def test_an_account_records_only_for_its_own_subject_and_a_window_needs_a_clerk(course, enterprise, citizen, owner):
    with pytest.raises(PermissionDenied):
        services.complete_course(course=course, subject=citizen, answers=RIGHT, actor=owner, channel="online")
    with pytest.raises(PermissionDenied):
        services.complete_course(course=course, subject=enterprise, answers=RIGHT, actor=owner, channel="window")
    assert not Completion.objects.exists()


def test_a_completion_adds_the_course_indicator_to_the_public_grade(course, enterprise, owner):
    with after_commit():
        _, completion = services.complete_course(course=course, subject=enterprise, answers=RIGHT, actor=owner,
                                                 channel="online")
    result = EvaluationResult.objects.get(subject=enterprise, model__code="public", is_current=True)
    assert float(result.score) == 1010.0  # base 1000 + 10 (default model: 完成诚信教育, 10 points, cap 20)
    [part] = result.contributions
    assert part["indicator"] == "course" and part["sources"] == [{
        "type": "course", "id": completion.pk, "label": "合同履约诚信课", "date": str(timezone.localdate()),
        "points": 10.0}]


def test_the_course_indicator_is_capped_at_twenty_points(course, enterprise, owner):
    other = Course.objects.get(code="integrity-basics")
    third = Course.objects.get(code="repair-training")
    right = {course_.pk: {f"q{q.position}": str(q.answer) for q in course_.questions.all()} for course_ in (other, third)}
    with after_commit():
        services.complete_course(course=course, subject=enterprise, answers=RIGHT, actor=owner, channel="online")
        services.complete_course(course=other, subject=enterprise, answers=right[other.pk], actor=owner,
                                 channel="online")
        services.complete_course(course=third, subject=enterprise, answers=right[third.pk], actor=owner,
                                 channel="online")
    assert float(EvaluationResult.objects.get(subject=enterprise, model__code="public", is_current=True).score) == 1020.0
