"""Demo integrity education (docs/education.md): completions of the reference courses by organisations, online and
at windows, over the last months — some of them the 专题培训 of subjects with records."""

import datetime as dt

from django.utils import timezone

from publiccredit.education.models import Completion, Course
from publiccredit.education.services import complete_course
from publiccredit.subjects.models import Subject


def right_answers(course: Course) -> dict:
    return {f"q{q.position}": str(q.answer) for q in course.questions.all()}


def seed_education() -> int:
    """Seed when no completion exists; returns the completions made."""
    if Completion.objects.exists():
        return 0
    courses = list(Course.objects.filter(is_active=True).order_by("sort_order", "code"))
    if not courses:
        return 0
    answers = {course.pk: right_answers(course) for course in courses}
    today = timezone.localdate()
    subjects = (Subject.objects.filter(kind=Subject.Kind.LEGAL_PERSON, status=Subject.Status.ACTIVE)
                .order_by("-pk")[:30])
    made = 0
    for index, subject in enumerate(subjects):
        course = courses[index % len(courses)]
        _, completion = complete_course(course=course, subject=subject, answers=answers[course.pk], actor=None,
                                        channel=("online", "window")[index % 2], learner_name="演示学员",
                                        today=today - dt.timedelta(days=7 * index))
        made += completion is not None
    return made
