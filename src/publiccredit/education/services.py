"""Integrity education (docs/education.md): scoring a course's quiz and recording the completion of a subject that
passed — online by its bound account, or at a department's window by a clerk for the subject's representative.
Nothing here is asked by any admission: commitments, the green channel, repair and approvals never read it as a
condition (docs/education.md, "Never a condition")."""

import datetime as dt
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.utils import timezone

from publiccredit.accounts.roles import require_writer, speaks_for
from publiccredit.audit.services import record_write
from publiccredit.core.errors import DomainError, PermissionDenied
from publiccredit.events.services import emit

from . import topics
from .models import Completion, Course


@dataclass(frozen=True)
class QuizResult:
    score: int
    passed: bool
    wrong: list[int]  # the positions of the questions answered wrongly


def course_by_code(code: str) -> Course:
    course = Course.objects.filter(code=str(code or "").strip(), is_active=True).first()
    if course is None:
        raise DomainError(f"没有编码为“{str(code or '').strip()}”的已发布课程", code="unknown_course", field="course")
    return course


def score_quiz(course: Course, answers: dict) -> QuizResult:
    """``answers`` maps a question's position (as given by a form: "q1" or 1) to the chosen option's index. Every
    question must be answered with one of its options; the score is the share answered right, out of 100."""
    questions = list(course.questions.order_by("position"))
    if not questions:
        raise DomainError(f"课程“{course.title}”尚未设置测验题", code="no_questions", field="course")
    chosen, unanswered = {}, []
    for question in questions:
        raw = answers.get(f"q{question.position}", answers.get(question.position, answers.get(str(question.position))))
        try:
            index = int(raw)
        except (TypeError, ValueError):
            unanswered.append(question.position)
            continue
        if not 0 <= index < len(question.options):
            unanswered.append(question.position)
            continue
        chosen[question.position] = index
    if unanswered:
        raise DomainError("请回答全部测验题，未作答或选项无效的题号：" + "、".join(f"第{n}题" for n in unanswered),
                          code="unanswered", field="answers")
    wrong = [question.position for question in questions if chosen[question.position] != question.answer]
    score = round(100 * (len(questions) - len(wrong)) / len(questions))
    return QuizResult(score=score, passed=score >= course.pass_score, wrong=wrong)


def complete_course(*, course: Course, subject, answers: dict, actor, channel: str, learner_name: str = "",
                    today: dt.date | None = None) -> tuple[QuizResult, Completion | None]:
    """Score the quiz; when it passes, record the completion for ``subject`` (once per course and day: the same
    answers sent again return the same completion). A failed quiz records nothing and may be retaken."""
    today = today or timezone.localdate()
    if channel not in Completion.Channel.values:
        raise DomainError("学习方式不正确", code="bad_channel", field="channel")
    _may_record(actor, subject, channel)
    result = score_quiz(course, answers)
    if not result.passed:
        return result, None
    existing = Completion.objects.filter(course=course, subject=subject, completed_on=today).first()
    if existing is not None:
        return result, existing
    user = actor if getattr(actor, "pk", None) else None
    try:
        with transaction.atomic():
            completion = Completion.objects.create(
                course=course, subject=subject, completed_on=today, score=result.score, channel=channel,
                learner_name=str(learner_name or "").strip()[:100], recorded_by=user,
                department_id=getattr(user, "organization_id", None) if channel == Completion.Channel.WINDOW else None)
            record_write(actor=actor, action=topics.COMPLETED, target=completion, detail={
                "course": course.code, "subject": subject.pk, "score": result.score, "channel": channel})
            emit(topics.COMPLETED, {"completion_id": completion.pk, "subject_id": subject.pk})
    except IntegrityError:  # the same sheet sent twice at once: the other request wrote it
        return result, Completion.objects.get(course=course, subject=subject, completed_on=today)
    return result, completion


def _may_record(actor, subject, channel: str) -> None:
    require_writer(actor)
    user = actor if getattr(actor, "pk", None) else None
    if user is None:
        return
    if channel == Completion.Channel.ONLINE:
        if not speaks_for(user, subject.pk):
            raise PermissionDenied("网上学习的完成记录只能记在已绑定的主体名下", code="not_subject_account")
        return
    if not (user.is_superuser or (user.is_staff and user.organization_id)):
        raise PermissionDenied("只有窗口工作人员可以登记窗口学习", code="not_a_window_clerk")
