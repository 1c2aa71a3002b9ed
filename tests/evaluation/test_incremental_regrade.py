"""The incremental re-grade (docs/evaluation.md, "Computing"): the events that change what a model counts — a
delivery, a repair, an objection, a listing — grade just the subjects concerned again, right after the commit."""

import pytest
from django.test import TestCase

from publiccredit.evaluation import services
from publiccredit.evaluation.models import EvaluationResult
from publiccredit.lists.models import ListEntry
from publiccredit.lists.services import exit_entry
from publiccredit.objections.services import decide_objection, file_objection
from publiccredit.repair.services import Applicant, accept_application, apply_for_repair, approve_application
from tests.builders import deliver, license_row, list_subject, proof, recent_penalty

pytestmark = pytest.mark.django_db


def after_commit():
    """Run the outbox right after each commit, as the platform does without a broker."""
    return TestCase.captureOnCommitCallbacks(execute=True)


def current(subject) -> EvaluationResult:
    return EvaluationResult.objects.get(subject=subject, model__code="public", is_current=True)


@pytest.fixture(autouse=True)
def media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def test_a_delivered_penalty_grades_its_subject_again_with_the_record_behind_the_deduction(
        enterprise, market_regulation):
    with after_commit():
        [record] = deliver("penalty", [recent_penalty(1, days_ago=100)], market_regulation)
    result = current(enterprise)
    assert float(result.score) == 970.0  # 1,000 − 30 for a 一般 penalty decided within the year
    [part] = result.contributions
    assert part["indicator"] == "penalty_general" and [s["id"] for s in part["sources"]] == [record.pk]


def test_a_delivery_of_an_item_no_model_counts_writes_no_grade(enterprise, market_regulation):
    with after_commit():
        deliver("license", [license_row(1)], market_regulation)
    assert not EvaluationResult.objects.filter(subject=enterprise).exists()


def test_an_approved_repair_removes_the_deduction_at_once(enterprise, market_regulation, credit_office_admin):
    with after_commit():
        records = deliver("penalty", [recent_penalty(1, days_ago=100), recent_penalty(2, days_ago=100)],
                          market_regulation)
    assert (float(current(enterprise).score), current(enterprise).grade) == (940.0, "B")
    applicant = Applicant(name="上饶市信江光伏科技有限公司", contact_name="刘经理", contact_phone="0793-8888888")
    with after_commit():
        application, _ = apply_for_repair(record=records[0], applicant=applicant, statement="已缴清罚款并完成整改",
                                          commitment_accepted=True, files=[proof()], actor=None, channel="portal")
        accept_application(application=application, actor=credit_office_admin)
        approve_application(application=application, reason="材料齐全", actor=credit_office_admin)
    assert (float(current(enterprise).score), current(enterprise).grade) == (970.0, "A")
    assert EvaluationResult.objects.filter(subject=enterprise, model__code="public").count() == 2  # the history


def test_a_subjects_own_objection_suspends_the_deduction_until_the_record_is_upheld(
        enterprise, market_regulation, market_clerk):
    with after_commit():
        [record] = deliver("penalty", [recent_penalty(1, days_ago=100)], market_regulation)
    with after_commit():
        objection, _ = file_objection(record=record, filer_kind="subject", filer_name="信江光伏",
                                      contact_phone="13912345678", reasons="罚款金额录入有误", actor=None,
                                      channel="window")
    assert float(current(enterprise).score) == 1000.0
    with after_commit():
        decide_objection(objection=objection, outcome="upheld", reason="经核查金额无误", actor=market_clerk,
                         organization=market_clerk.organization)
    assert float(current(enterprise).score) == 970.0


def test_a_published_listing_gives_d_and_its_exit_gives_the_grade_back(enterprise, credit_office_admin):
    with after_commit():
        entry = list_subject(enterprise, "serious_dishonesty", credit_office_admin)
    assert (current(enterprise).grade, current(enterprise).capped_by) == ("D", "列入严重失信主体名单的，评为D级")
    with after_commit():
        exit_entry(entry=ListEntry.objects.get(pk=entry.pk), reason="court", actor=credit_office_admin)
    assert (current(enterprise).grade, current(enterprise).capped_by) == ("A", "")


def test_many_subjects_are_graded_again_in_groups_each_its_own_transaction(enterprise, citizen, monkeypatch):
    monkeypatch.setattr(services, "REGRADE_GROUP", 1)
    calls = []
    original = services.write_grades
    monkeypatch.setattr(services, "write_grades", lambda **kw: calls.append(kw["subject_ids"]) or original(**kw))
    assert services.regrade_subjects(subject_ids=[enterprise.pk, citizen.pk, enterprise.pk]) == 2
    assert calls == [[min(enterprise.pk, citizen.pk)], [max(enterprise.pk, citizen.pk)]]
    assert {current(enterprise).grade, current(citizen).grade} == {"A"}


def test_with_a_broker_a_large_delivery_is_handed_to_the_workers_in_groups_by_task_name(settings, monkeypatch):
    settings.CELERY_BROKER_URL = "redis://127.0.0.1:6379/15"
    sent = []
    monkeypatch.setattr(services, "enqueue", lambda name, **kwargs: sent.append((name, kwargs["subject_ids"])))
    services.request_regrade(subject_ids=range(1, 1201))
    assert [(name, ids[0], ids[-1], len(ids)) for name, ids in sent] == [
        ("evaluation.regrade_subjects", 1, 500, 500), ("evaluation.regrade_subjects", 501, 1000, 500),
        ("evaluation.regrade_subjects", 1001, 1200, 200)]
    from publiccredit.celery import app
    from publiccredit.evaluation import tasks

    assert tasks.regrade_subjects.name == services.REGRADE and services.REGRADE in app.tasks
