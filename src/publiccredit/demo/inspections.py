"""Demo 双随机 supervision (docs/inspections.md): the market regulator's matters, an object directory of the city
centre's enterprises, eight inspectors (one with a declared conflict), and two plans — last quarter's drawn with its
first results recorded (one ordered to rectify and interviewed), this quarter's frozen and awaiting its draw — made
through the services, so that their draws verify."""

import datetime as dt

from django.utils import timezone

from publiccredit.inspections.models import (
    InspectionMatter,
    InspectionPlan,
    InspectionResult,
    Inspector,
    InspectorConflict,
    ObjectDirectory,
)
from publiccredit.inspections.queries import directory_subjects
from publiccredit.inspections.services import create_plan, draw_plan, freeze_plan, record_result
from publiccredit.organizations.models import Organization

MATTERS = [
    ("SCJG-GS-001", "企业公示信息抽查", "《企业信息公示暂行条例》第十四条", InspectionMatter.Method.DOCUMENTS),
    ("SCJG-SP-002", "食品经营者落实食品安全主体责任情况检查", "《中华人民共和国食品安全法》第一百一十条",
     InspectionMatter.Method.ON_SITE),
]


def seed_inspections() -> int:
    """Seed when no plan exists; returns the plans made."""
    if InspectionPlan.objects.exists():
        return 0
    regulator = Organization.objects.get(name="上饶市市场监督管理局")
    matters = [InspectionMatter.objects.get_or_create(department=regulator, code=code, defaults={
        "name": name, "legal_basis": basis, "method": method})[0] for code, name, basis, method in MATTERS]
    directory, _ = ObjectDirectory.objects.get_or_create(department=regulator, name="信州区企业（演示）",
                                                         defaults={"region_codes": ["361102"]})
    inspectors = [Inspector.objects.get_or_create(certificate_number=f"3611002026{n:04d}", defaults={
        "department": regulator, "name": name, "domains": "市场监管综合执法"})[0]
        for n, name in enumerate(["张建华", "李卫东", "王秀英", "刘志强", "陈丽娟", "杨国平", "赵敏", "黄海涛"], start=1)]
    first = directory_subjects(directory).order_by("pk").first()
    if first is None:  # a demo city too small to have enterprises in 信州区
        return 0
    InspectorConflict.objects.get_or_create(inspector=inspectors[0], subject=first,
                                            defaults={"reason": "配偶在该企业任职"})
    today = timezone.localdate()
    quarter = (today.month - 1) // 3
    this_start = dt.date(today.year, 3 * quarter + 1, 1)
    last_end = this_start - dt.timedelta(days=1)
    last_start = dt.date(last_end.year, 3 * ((last_end.month - 1) // 3) + 1, 1)
    last = create_plan(department=regulator, title=f"{last_start.year}年第{(last_start.month - 1) // 3 + 1}季度企业公示信息抽查",
                       matters=matters[:1], directory=directory, period_start=last_start, period_end=last_end,
                       actor=None)
    draw_plan(plan=freeze_plan(plan=last, actor=None), actor=None)
    report_results(last, today)
    current = create_plan(department=regulator, title=f"{today.year}年第{quarter + 1}季度食品经营和公示信息联合抽查",
                          matters=matters, directory=directory, period_start=max(today, this_start),
                          period_end=dt.date(today.year, 3 * quarter + 3, 28), actor=None)
    freeze_plan(plan=current, actor=None)
    return 2


# The first drawn subjects' results, in rank order: one ordered to rectify, most found in order, one failed, one not
# found at its registered address (the rest stay to be recorded).
RESULTS = [
    (InspectionResult.Outcome.RECTIFY, "年度报告中公示的从业人数、联系电话与实际不符，未及时更正。"),
    (InspectionResult.Outcome.NO_PROBLEM, "企业年度报告公示信息与登记、备案信息一致，未发现问题。"),
    (InspectionResult.Outcome.NO_PROBLEM, "公示的股东出资、行政许可信息真实，未发现问题。"),
    (InspectionResult.Outcome.FAILED, "隐瞒实际经营状况，公示的资产状况信息虚假，已立案调查。"),
    (InspectionResult.Outcome.NOT_FOUND, "通过登记的住所无法联系，现场无经营迹象。"),
    (InspectionResult.Outcome.NO_PROBLEM, "未发现问题。"),
]


def report_results(plan: InspectionPlan, today: dt.date) -> None:
    """Record the demo results through the service (so a problem found becomes a record and a rectification), and
    the 提示约谈 the regulator held on the rectification (谁认定、谁约谈)."""
    from publiccredit.rectification.models import Interview
    from publiccredit.rectification.services import record_interview

    tasks = list(plan.tasks.filter(subject__isnull=False).order_by("grade", "rank")[:len(RESULTS)])
    for task, (outcome, facts) in zip(tasks, RESULTS, strict=False):
        result = record_result(plan=plan, code=task.code, outcome=outcome, inspected_on=today, facts=facts, actor=None,
                               requirement="15个工作日内更正年度报告中的从业人数、联系电话，并书面报告整改情况。",
                               rectification_days=15, today=today)
        if result.rectification_id:
            record_interview(subject=task.subject, department=plan.department, kind=Interview.Kind.PROMPT,
                             held_on=today, participants="上饶市市场监督管理局信用监管科 张建华、李卫东；企业法定代表人",
                             content="提示企业依法如实公示年度报告信息，说明逾期未整改将记入信用记录并可能列入重点关注名单。",
                             undertakings="企业承诺15个工作日内更正公示信息并报送整改报告。",
                             task=result.rectification, actor=None, today=today)
