"""Results (一公开): recorded per drawn subject within 20 working days of the inspection, published with the plan and on
the credit file; a problem found becomes a 行政检查 record through the catalog and, when ordered, a rectification;
bad results are refused in Chinese and a re-sent one creates nothing new."""

import datetime as dt

import pytest
from django.utils import timezone

from publiccredit.accounts.roles import Role
from publiccredit.accounts.services import create_user, issue_token
from publiccredit.collection.models import CreditRecord
from publiccredit.core.errors import DomainError, PermissionDenied
from publiccredit.inspections.models import InspectionResult
from publiccredit.inspections.services import draw_plan, freeze_plan, record_result
from publiccredit.rectification.models import RectificationTask

pytestmark = pytest.mark.django_db
Outcome = InspectionResult.Outcome


@pytest.fixture
def inspector_clerk(market_regulation):
    return create_user(username="jiancha-liu", role=Role.REGULATOR, organization=market_regulation,
                       password="Jiancha-2026!", full_name="刘检查")


@pytest.fixture
def tax_inspector():
    from publiccredit.organizations.models import Organization

    return create_user(username="tax-zhou", role=Role.REGULATOR, password="Shuiwu-2026!x",
                       organization=Organization.objects.get(name="国家税务总局上饶市税务局"))


@pytest.fixture
def drawn(plan, credit_office_admin):
    return draw_plan(plan=freeze_plan(plan=plan, actor=credit_office_admin), actor=credit_office_admin)


def first_codes(plan, count: int) -> list[str]:
    return list(plan.tasks.order_by("grade", "rank").values_list("code", flat=True)[:count])


def december_working_day_after(day: dt.date, days: int) -> dt.date:
    """Counted by hand for this test: Monday to Friday, no public holiday falls between December and New Year's Eve."""
    current = day
    while days:
        current += dt.timedelta(days=1)
        if current.weekday() < 5:
            days -= 1
    return current


def test_a_result_is_published_on_the_plan_and_the_credit_file_without_its_facts(client, drawn, inspector_clerk):
    code = first_codes(drawn, 1)[0]
    today = timezone.localdate()
    record_result(plan=drawn, code=code, outcome=Outcome.NO_PROBLEM, inspected_on=today.isoformat(),
                  facts="公示信息与实际一致，仓库保密标记AUTHONLY", actor=inspector_clerk)
    body = client.get(f"/api/v1/inspections/plans/{drawn.number}/").json()
    assert body["reported"] == 1
    assert body["results"] == [{"code": code, "outcome": "no_problem", "outcome_label": "未发现问题",
                                "inspected_on": today.isoformat()}]
    page = client.get(f"/inspections/{drawn.number}/").content.decode()
    assert "已录入 1 / " in page and 'data-outcome="no_problem"' in page
    credit_file = client.get(f"/credit/{code}/").content.decode()
    assert "双随机抽查" in credit_file and drawn.title in credit_file and "未发现问题" in credit_file
    assert "AUTHONLY" not in credit_file and "AUTHONLY" not in page


def test_an_order_to_rectify_becomes_an_inspection_record_and_a_rectification_with_its_deadline(drawn,
                                                                                              inspector_clerk):
    code = first_codes(drawn, 1)[0]
    today = timezone.localdate()
    result = record_result(plan=drawn, code=code, outcome=Outcome.RECTIFY, inspected_on=today,
                           facts="年度报告从业人数与实际不符", requirement="更正年度报告", rectification_days=10,
                           actor=inspector_clerk)
    record = CreditRecord.objects.get(pk=result.record_id)
    assert (record.item.code, record.provider.name, record.subject.uscc) == (
        "administrative_inspection", "上饶市市场监督管理局", code)
    assert record.payload["JC_JG_JG"] == "发现问题已责令整改" and record.decision_number == f"{drawn.number}-{code}"
    task = RectificationTask.objects.get(pk=result.rectification_id)
    assert (task.source, task.department.name, task.issued_on, task.state) == (
        "inspection", "上饶市市场监督管理局", today, "open")
    assert task.due_on == december_working_day_after(today, 10)


def test_a_failed_inspection_is_recorded_as_a_case_opened_and_no_problem_makes_no_record(drawn, inspector_clerk):
    failed, fine = first_codes(drawn, 2)
    today = timezone.localdate()
    result = record_result(plan=drawn, code=failed, outcome=Outcome.FAILED, inspected_on=today,
                           facts="公示资产信息虚假", actor=inspector_clerk)
    assert result.record.payload["JC_JG_JG"] == "发现问题已立案查处" and result.rectification_id is None
    quiet = record_result(plan=drawn, code=fine, outcome=Outcome.NO_PROBLEM, inspected_on=today, facts="未发现问题",
                          actor=inspector_clerk)
    assert quiet.record_id is None
    assert CreditRecord.objects.filter(item__code="administrative_inspection").count() == 1


def test_a_result_after_twenty_working_days_on_an_undrawn_subject_or_plan_is_refused_in_chinese(
        drawn, plan, inspector_clerk, graded_entities):
    code = first_codes(drawn, 1)[0]
    inspected = timezone.localdate()
    late = december_working_day_after(inspected, 21)
    with pytest.raises(DomainError, match="20个工作日内录入") as refused:
        record_result(plan=drawn, code=code, outcome=Outcome.NO_PROBLEM, inspected_on=inspected, facts="未发现问题",
                      actor=inspector_clerk, today=late)
    assert f"最迟{december_working_day_after(inspected, 20):%Y年%m月%d日}" in refused.value.message
    record_result(plan=drawn, code=code, outcome=Outcome.NO_PROBLEM, inspected_on=inspected, facts="未发现问题",
                  actor=inspector_clerk, today=december_working_day_after(inspected, 20))
    undrawn = next(s.uscc for s in graded_entities if not drawn.tasks.filter(code=s.uscc).exists())
    with pytest.raises(DomainError, match=r"不是计划.*抽中的检查对象"):
        record_result(plan=drawn, code=undrawn, outcome=Outcome.NO_PROBLEM, inspected_on=inspected, facts="x",
                      actor=inspector_clerk)
    with pytest.raises(DomainError, match="检查日期不能晚于今天"):
        record_result(plan=drawn, code=first_codes(drawn, 2)[1], outcome=Outcome.NO_PROBLEM,
                      inspected_on=inspected + dt.timedelta(days=1), facts="x", actor=inspector_clerk)
    with pytest.raises(DomainError, match=r"责令整改的，请填写整改要求.*整改期限"):
        record_result(plan=drawn, code=first_codes(drawn, 2)[1], outcome=Outcome.RECTIFY, inspected_on=inspected,
                      facts="发现问题", actor=inspector_clerk)
    assert InspectionResult.objects.count() == 1


def test_a_result_on_a_plan_not_yet_drawn_is_refused(plan, credit_office_admin, inspector_clerk, graded_entities):
    frozen = freeze_plan(plan=plan, actor=credit_office_admin)
    with pytest.raises(DomainError, match="尚未抽取，不能录入检查结果"):
        record_result(plan=frozen, code=graded_entities[0].uscc, outcome=Outcome.NO_PROBLEM,
                      inspected_on=timezone.localdate(), facts="x", actor=inspector_clerk)


def test_the_same_result_sent_again_is_the_one_recorded_and_a_different_one_is_refused(drawn, inspector_clerk):
    code = first_codes(drawn, 1)[0]
    today = timezone.localdate()
    first = record_result(plan=drawn, code=code, outcome=Outcome.FAILED, inspected_on=today, facts="虚假公示",
                          actor=inspector_clerk)
    again = record_result(plan=drawn, code=code.lower(), outcome=Outcome.FAILED, inspected_on=today.isoformat(),
                          facts=" 虚假公示 ", actor=inspector_clerk)
    assert again.pk == first.pk
    assert CreditRecord.objects.filter(item__code="administrative_inspection").count() == 1
    with pytest.raises(DomainError, match=r"检查结果已于.*录入.*不能重复录入"):
        record_result(plan=drawn, code=code, outcome=Outcome.NO_PROBLEM, inspected_on=today, facts="未发现问题",
                      actor=inspector_clerk)


def test_only_the_plans_departments_inspectors_record_results_and_clerks_and_auditors_cannot(
        drawn, auditor, market_clerk, tax_inspector):
    code = first_codes(drawn, 1)[0]
    with pytest.raises(PermissionDenied, match="只有执法检查、监管人员可以录入检查结果"):
        record_result(plan=drawn, code=code, outcome=Outcome.NO_PROBLEM, inspected_on=timezone.localdate(),
                      facts="x", actor=market_clerk)  # the department's data clerk
    for actor in (tax_inspector, auditor):
        with pytest.raises(PermissionDenied):
            record_result(plan=drawn, code=code, outcome=Outcome.NO_PROBLEM, inspected_on=timezone.localdate(),
                          facts="x", actor=actor)
    assert not InspectionResult.objects.exists()


def test_a_clerk_records_a_result_with_its_files_in_the_back_office_and_sees_it_published(client, drawn,
                                                                                        inspector_clerk):
    from django.core.files.uploadedfile import SimpleUploadedFile

    code = first_codes(drawn, 1)[0]
    client.force_login(inspector_clerk)
    listing = client.get("/backoffice/inspections/").content.decode()
    assert drawn.number in listing
    work = client.get(f"/backoffice/inspections/{drawn.number}/?show=pending").content.decode()
    assert code in work and "录入结果" in work
    response = client.post(f"/backoffice/inspections/{drawn.number}/results/{code}/", {
        "outcome": "rectify", "inspected_on": timezone.localdate().isoformat(), "facts": "未按规定公示即时信息",
        "requirement": "10个工作日内补充公示", "rectification_days": "10",
        "files": SimpleUploadedFile("现场笔录.pdf", b"%PDF-1.4 record", content_type="application/pdf")})
    assert response.status_code == 302
    result = InspectionResult.objects.get(task__code=code)
    assert result.attachments.count() == 1 and result.rectification is not None
    shown = client.get(f"/backoffice/inspections/{drawn.number}/results/{code}/").content.decode()
    assert "未按规定公示即时信息" in shown and result.rectification.number in shown
    attachment = result.attachments.get()
    download = client.get(f"/backoffice/inspections/{drawn.number}/results/{code}/files/{attachment.pk}/")
    assert download.status_code == 200 and b"".join(download.streaming_content).startswith(b"%PDF")
    bad = client.post(f"/backoffice/inspections/{drawn.number}/results/{first_codes(drawn, 2)[1]}/", {
        "outcome": "no_problem", "inspected_on": "2026-13-01", "facts": ""}, follow=True).content.decode()
    assert "不是有效日期" in bad and "请填写检查情况" in bad


def test_statistics_show_coverage_by_grade_results_and_rectifications_on_time(client, drawn, inspector_clerk,
                                                                               credit_office):
    codes = first_codes(drawn, 2)
    today = timezone.localdate()
    record_result(plan=drawn, code=codes[0], outcome=Outcome.RECTIFY, inspected_on=today, facts="问题",
                  requirement="整改", rectification_days=5, actor=inspector_clerk)
    record_result(plan=drawn, code=codes[1], outcome=Outcome.NO_PROBLEM, inspected_on=today, facts="无",
                  actor=inspector_clerk)
    token = issue_token(organization=credit_office, name="监测", scopes=["stats:read"])
    body = client.get("/api/v1/inspections/stats/", HTTP_AUTHORIZATION=f"Bearer {token.secret}").json()
    strata = {s.grade: s for s in drawn.strata.all()}
    assert body["inspections"]["coverage"] == [
        {"grade": grade, "candidates": s.candidates, "selected": s.selected,
         "coverage": round(s.selected / s.candidates, 4)} for grade, s in sorted(strata.items())]
    assert body["inspections"]["selected"] == drawn.tasks.count() and body["inspections"]["reported"] == 2
    assert body["inspections"]["outcomes"]["发现问题已责令整改"] == 1
    assert body["inspections"]["outcomes"]["未发现问题"] == 1
    assert body["rectifications"]["ordered"] == 1 and body["rectifications"]["open"] == 1
    assert client.get("/api/v1/inspections/stats/").status_code in (401, 403)
    client.force_login(inspector_clerk)
    page = client.get("/backoffice/inspections/statistics/").content.decode()
    assert "按信用等级的抽查覆盖" in page and "责令整改 1 件" in page


def test_the_admin_shows_a_department_the_results_of_its_own_plans_only(client, drawn, inspector_clerk,
                                                                         tax_inspector):
    code = first_codes(drawn, 1)[0]
    record_result(plan=drawn, code=code, outcome=Outcome.NO_PROBLEM, inspected_on=timezone.localdate(),
                  facts="未发现问题", actor=inspector_clerk)
    client.force_login(inspector_clerk)
    assert code in client.get("/admin/inspections/inspectionresult/").content.decode()
    client.force_login(tax_inspector)
    assert code not in client.get("/admin/inspections/inspectionresult/").content.decode()
