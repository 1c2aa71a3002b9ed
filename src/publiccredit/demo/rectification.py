"""Demo rectification and interviews (docs/rectification.md): the demo enterprise ordered to rectify by the market
regulator and its progress report waiting for confirmation, a rectification confirmed on time, and one found overdue
(a 逾期未整改 record, proposed for the watch list by the list rules), published as a typical case."""

import datetime as dt

from django.utils import timezone

from publiccredit.accounts.models import User
from publiccredit.organizations.models import Organization
from publiccredit.publicity.models import Article
from publiccredit.publicity.services import publish_article
from publiccredit.rectification.models import RectificationTask
from publiccredit.rectification.queries import typical_case
from publiccredit.rectification.services import (
    answer_report,
    open_rectification,
    record_interview,
    record_overdue,
    report_progress,
    sweep_rectifications,
)
from publiccredit.subjects.models import Subject

Source = RectificationTask.Source


def seed_rectification() -> int:
    """Seed when no department-found rectification exists; returns the rectifications made."""
    if RectificationTask.objects.filter(source=Source.FINDING).exists():
        return 0
    regulator = Organization.objects.get(name="上饶市市场监督管理局")
    account = User.objects.filter(username="demo-enterprise", subject__isnull=False).select_related("subject").first()
    others = (Subject.objects.filter(kind=Subject.Kind.LEGAL_PERSON, status=Subject.Status.ACTIVE, uscc__isnull=False)
              .exclude(pk=getattr(account, "subject_id", None)).order_by("pk"))
    subjects = [account.subject if account else others.first(), *others[1:3]]
    if any(subject is None for subject in subjects) or len(subjects) < 3:
        return 0
    today = timezone.localdate()
    reporting, on_time, overdue = subjects

    pending = open_rectification(
        subject=reporting, department=regulator, source=Source.FINDING, actor=None, working_days=20,
        source_reference="饶市监责改〔2026〕12号", issued_on=today - dt.timedelta(days=7), today=today,
        problem="经营场所未按规定公示营业执照，食品贮存区域与有毒有害物品未分开存放。",
        requirement="在经营场所醒目位置公示营业执照；整改食品贮存区域，分区存放并设置标识。")
    report_progress(task=pending, actor=account, text="已在门店入口公示营业执照，贮存区已分区并设置标识，附整改前后照片。")

    done = open_rectification(
        subject=on_time, department=regulator, source=Source.FINDING, actor=None, working_days=10,
        source_reference="饶市监责改〔2026〕8号", issued_on=today - dt.timedelta(days=30), today=today,
        problem="未按规定建立并执行进货查验记录制度。", requirement="建立进货查验记录台账，补录近三个月的进货记录。")
    report_progress(task=done, actor=None, text="已建立进货查验记录台账并补录三个月记录。")
    answer_report(task=done, accepted=True, note="现场复查，台账完整，整改到位。", actor=None,
                  today=today - dt.timedelta(days=20))

    late = open_rectification(
        subject=overdue, department=regulator, source=Source.FINDING, actor=None, working_days=10,
        source_reference="饶市监责改〔2026〕5号", issued_on=today - dt.timedelta(days=45), today=today,
        problem="超范围经营，销售未取得许可的预包装食品。", requirement="立即停止超范围经营，依法办理食品经营许可。")
    record_interview(subject=overdue, department=regulator, kind="warning", held_on=today - dt.timedelta(days=20),
                     participants="上饶市市场监督管理局 刘志强、陈丽娟；企业负责人", task=late, actor=None, today=today,
                     content="警示企业超范围经营的法律后果，督促限期整改。", undertakings="企业承诺一周内停止超范围经营并申请许可。")
    sweep_rectifications(today=today)
    late.refresh_from_db()
    record_overdue(task=late, decision_number="饶市监信认〔2026〕3号", actor=None, today=today)
    late.refresh_from_db()
    if not Article.objects.filter(kind=Article.Kind.CASE, title=typical_case(late)["title"]).exists():
        case = typical_case(late)
        publish_article(kind=Article.Kind.CASE, title=case["title"], body=case["body"], summary=case["summary"],
                        source=case["source"], actor=None)
    return 3
