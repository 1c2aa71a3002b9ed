"""Fixtures of integrity education: a three-question course, an account bound to the enterprise."""

import pytest

from publiccredit.accounts.roles import Role
from publiccredit.accounts.services import create_user
from publiccredit.education.models import Course, Question


@pytest.fixture
def course(db):
    course = Course.objects.create(code="test-course", title="合同履约诚信课", summary="按约履行合同。",
                                   body="第一段。\n\n第二段。", pass_score=60, repair_route=True)
    for position, (text, options, answer) in enumerate([
            ("合同应当怎样履行？", ["全面履行", "选择性履行"], 0),
            ("失信会被记入信用记录吗？", ["不会", "会"], 1),
            ("信用修复收费吗？", ["收费", "免费"], 1)], start=1):
        Question.objects.create(course=course, position=position, text=text, options=options, answer=answer)
    return course


RIGHT = {"q1": "0", "q2": "1", "q3": "1"}
ONE_WRONG = {"q1": "0", "q2": "1", "q3": "0"}
TWO_WRONG = {"q1": "1", "q2": "0", "q3": "1"}


@pytest.fixture
def owner(enterprise):
    return create_user(username="jiaoyu-qy", role=Role.SUBJECT_USER, subject=enterprise, password="Qiye-2026!!x")
