"""The website's courses (read and answer without an account; a bound account's pass is recorded), the back
office's window, the credit file's 诚信教育 section and the repair handler's view of the 专题培训 route."""

import pytest

from publiccredit.education.models import Completion
from publiccredit.repair.services import Applicant, apply_for_repair
from tests.builders import proof

from .conftest import RIGHT, TWO_WRONG

pytestmark = pytest.mark.django_db


def test_anyone_reads_a_course_and_takes_the_quiz_but_only_a_bound_account_is_recorded(client, course, owner):
    page = client.get("/education/").content.decode()
    assert "合同履约诚信课" in page and "不是办理任何行政事项" in page
    answered = client.post(f"/education/{course.code}/", RIGHT).content.decode()
    assert "测验得分 100 分，合格" in answered and "登录并绑定主体" in answered and not Completion.objects.exists()
    client.force_login(owner)
    recorded = client.post(f"/education/{course.code}/", RIGHT).content.decode()
    assert "已记入上饶市信江光伏科技有限公司名下" in recorded
    assert Completion.objects.get().channel == "online"


def test_a_failed_or_incomplete_sheet_says_why_and_keeps_the_answers(client, course, owner):
    client.force_login(owner)
    failed = client.post(f"/education/{course.code}/", TWO_WRONG).content.decode()
    assert "未达到合格分 60 分（答错第1、2题）" in failed
    incomplete = client.post(f"/education/{course.code}/", {"q1": "1"})
    assert incomplete.status_code == 400 and "第2题、第3题" in incomplete.content.decode()
    assert 'name="q1" value="1" checked' in incomplete.content.decode() and not Completion.objects.exists()


def test_a_window_clerk_records_the_quiz_of_a_representative_at_the_counter(client, course, enterprise, market_clerk,
                                                                            market_regulation):
    client.force_login(market_clerk)
    page = client.get(f"/backoffice/education/?course={course.code}").content.decode()
    assert "合同履约诚信课" in page and "第1题" in page
    response = client.post("/backoffice/education/", {"course": course.code, "code": enterprise.uscc,
                                                      "learner_name": "刘经理", **RIGHT}, follow=True)
    assert "已完成“合同履约诚信课”，得分100分" in response.content.decode()
    completion = Completion.objects.get()
    assert (completion.channel, completion.department_id, completion.learner_name) == ("window", market_regulation.pk,
                                                                                         "刘经理")
    unknown = client.post("/backoffice/education/", {"course": course.code, "code": "91361102MA35ABCD4X", **RIGHT},
                          follow=True).content.decode()
    assert "没有找到代码为" in unknown and Completion.objects.count() == 1


def test_the_credit_file_shows_an_organisations_completions_to_the_public(client, course, enterprise, owner):
    assert 'id="courses"' not in client.get(f"/credit/{enterprise.uscc}/").content.decode()
    client.force_login(owner)
    client.post(f"/education/{course.code}/", RIGHT)
    client.logout()
    page = client.get(f"/credit/{enterprise.uscc}/").content.decode()
    assert 'id="courses"' in page and "合同履约诚信课" in page and "信用修复专题培训" in page


def test_the_repair_handler_sees_the_training_route_when_it_was_taken(client, course, old_penalty, owner,
                                                                      credit_office_admin):
    application, _ = apply_for_repair(
        record=old_penalty, applicant=Applicant(name="上饶市信江光伏科技有限公司", contact_name="刘经理",
                                                contact_phone="0793-8888888"),
        statement="已缴清罚款", commitment_accepted=True, files=[proof()], actor=None, channel="portal")
    client.force_login(credit_office_admin)
    before = client.get(f"/backoffice/repairs/{application.pk}/").content.decode()
    assert "未参加（自愿参加，不是修复的条件）" in before
    client.force_login(owner)
    client.post(f"/education/{course.code}/", RIGHT)
    client.force_login(credit_office_admin)
    after = client.get(f"/backoffice/repairs/{application.pk}/").content.decode()
    assert "完成“合同履约诚信课”（网上学习，测验100分）" in after
