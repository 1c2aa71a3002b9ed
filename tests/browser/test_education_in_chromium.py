"""An enterprise's agent takes a free integrity course online in a real headless Chromium: reads it, answers the quiz
by clicking the options, and the pass is recorded under the enterprise."""

import pytest

from publiccredit.education.models import Completion, Course
from tests.browser.conftest import screenshot
from tests.browser.test_repair_in_chromium import bound_account, sign_in

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_an_agent_reads_a_course_answers_the_quiz_and_the_pass_is_recorded(enterprise, credit_office_admin,
                                                                           browser_page):
    bound_account(credit_office_admin)
    course = Course.objects.get(code="integrity-basics")
    page = browser_page
    sign_in(page)
    page.get_by_role("link", name="诚信教育").first.click()
    page.wait_for_url("**/education/")
    page.get_by_role("link", name=course.title).click()
    page.wait_for_url(f"**/education/{course.code}/")
    for question in course.questions.order_by("position"):
        page.get_by_role("group", name=f"第{question.position}题").get_by_label(question.options[question.answer]).check()
    screenshot(page, "education-quiz")
    page.get_by_role("button", name="提交测验").click()
    page.locator("#quiz-result").wait_for()
    assert "测验得分 100 分，合格" in page.locator("#quiz-result").inner_text()
    completion = Completion.objects.get()
    assert (completion.subject_id, completion.course_id, completion.channel) == (enterprise.pk, course.pk, "online")
    assert page.outside_requests == []
