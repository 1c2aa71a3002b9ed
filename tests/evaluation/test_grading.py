"""Grading subjects (docs/evaluation.md, "Computing"): base + the capped, decayed points of each indicator is the
score, the bands give the grade, a listing caps it; a full run goes in chunks, replaces current grades and keeps the
history; a failing chunk leaves the previous grades and is resumed."""

import datetime as dt

import pytest
from django.core.management import call_command
from django.utils import timezone

from publiccredit.collection.models import CreditRecord
from publiccredit.evaluation import services
from publiccredit.evaluation.models import EvaluationModel, EvaluationResult, EvaluationRun, RunChunk
from publiccredit.evaluation.scoring import grade_subjects
from tests.builders import deliver, list_subject, penalty_row

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 12, 3)
DEFINITION = {
    "base": 1000, "min": 0, "max": 1200,
    "grades": [{"grade": "A", "min": 950}, {"grade": "B", "min": 850}, {"grade": "C", "min": 700},
               {"grade": "D", "min": 0}],
    "indicators": [
        {"code": "serious", "name": "严重失信行政处罚", "family": "law", "source": "record", "item": "penalty",
         "severity": "serious", "list_kind": None, "points": -100, "cap": 250, "decay": [[12, 1], [36, 0.5]]},
        {"code": "any_penalty", "name": "行政处罚", "family": "law", "source": "record", "item": "penalty",
         "severity": "", "list_kind": None, "points": -10, "cap": None, "decay": []},
        {"code": "red", "name": "红名单", "family": "honour", "source": "list_entry", "item": None, "severity": "",
         "list_kind": "red_list", "points": 50, "cap": 50, "decay": []},
    ],
    "hard_rules": [{"name": "列入严重失信主体名单的，评为D级", "list_kind": "serious_dishonesty", "item": None,
                    "severity": "", "grade": "D"}],
}


def months_ago(months: float) -> dt.date:
    return TODAY - dt.timedelta(days=round(months * 30.436875))


def test_a_score_is_the_base_plus_each_indicators_decayed_and_capped_points():
    records = [(1, 7, "penalty", "serious", months_ago(2), "罚1"),    # serious: −100 in full; any: −10
               (2, 7, "penalty", "serious", months_ago(20), "罚2"),   # serious: half, −50; any: −10
               (3, 7, "penalty", "serious", months_ago(40), "罚3"),   # serious: faded, 0; any: −10
               (4, 7, "penalty", "general", months_ago(1), "罚4")]    # any: −10
    [graded] = grade_subjects(DEFINITION, today=TODAY, subject_ids=[7], records=records, entries=[])
    by_indicator = {part["indicator"]: part for part in graded.contributions}
    assert by_indicator["serious"]["points"] == -150.0
    assert [source["label"] for source in by_indicator["serious"]["sources"]] == ["罚2", "罚1"]
    assert by_indicator["any_penalty"]["points"] == -40.0
    assert graded.score == 1000 - 150 - 40 == 810.0
    assert graded.grade == "C"  # 810 < 850
    assert graded.score == 1000 + sum(part["points"] for part in graded.contributions)


def test_an_indicators_total_is_capped_and_the_score_kept_in_the_models_range():
    records = [(n, 8, "penalty", "serious", months_ago(1), f"罚{n}") for n in range(1, 5)]  # 4 × −100
    [graded] = grade_subjects(DEFINITION, today=TODAY, subject_ids=[8], records=records, entries=[])
    serious = next(part for part in graded.contributions if part["indicator"] == "serious")
    assert (serious["uncapped"], serious["points"]) == (-400.0, -250.0)
    lowered = {**DEFINITION, "base": 200}
    [floor] = grade_subjects(lowered, today=TODAY, subject_ids=[8], records=records, entries=[])
    assert floor.score == 0.0 and floor.grade == "D"


def test_a_serious_dishonesty_listing_gives_d_whatever_the_points_and_says_why():
    entries = [(1, 9, "serious_dishonesty", months_ago(1), "饶信决〔2026〕1号"), (2, 9, "red_list", months_ago(1), "")]
    [graded] = grade_subjects(DEFINITION, today=TODAY, subject_ids=[9], records=[], entries=entries)
    assert graded.score == 1050.0 and graded.grade == "D"
    assert graded.capped_by == "列入严重失信主体名单的，评为D级"


def test_a_subject_without_anything_counted_gets_the_base_and_its_grade():
    [graded] = grade_subjects(DEFINITION, today=TODAY, subject_ids=[10], records=[], entries=[])
    assert (graded.score, graded.grade, graded.contributions, graded.capped_by) == (1000.0, "A", [], "")


@pytest.fixture
def public_model() -> EvaluationModel:
    return EvaluationModel.objects.get(code="public")


def serious_penalty(number: int, days_ago: int) -> dict:
    decided = timezone.localdate() - dt.timedelta(days=days_ago)
    return penalty_row(number, CF_JDRQ=str(decided), CF_YXQ=str(decided + dt.timedelta(days=1000)),
                       CF_CFLB="责令停产停业")


def test_a_full_run_grades_every_subject_in_chunks_and_keeps_only_changed_grades_as_history(
        public_model, enterprise, citizen, market_regulation, credit_office_admin):
    [record] = deliver("penalty", [serious_penalty(1, 30)], market_regulation)
    assert CreditRecord.objects.get(pk=record.pk).severity == "serious"
    run = services.start_run(model=public_model, actor=credit_office_admin, chunk_size=1)
    run.refresh_from_db()
    assert run.state == EvaluationRun.State.DONE and run.chunks_done == run.chunks_total >= 2
    current = EvaluationResult.objects.get(subject=enterprise, model=public_model, is_current=True)
    assert current.grade == "B" and float(current.score) == 900.0  # 1,000 − 100 for one serious penalty
    [contribution] = current.contributions
    assert contribution["indicator"] == "penalty_serious" and contribution["sources"][0]["id"] == record.pk
    assert EvaluationResult.objects.get(subject=citizen, is_current=True).grade == "A"
    services.start_run(model=public_model, chunk_size=1000)  # nothing changed: the grade stays as computed
    assert list(EvaluationResult.objects.filter(subject=enterprise, model=public_model)) == [current]
    deliver("penalty", [serious_penalty(2, 10)], market_regulation)
    services.start_run(model=public_model, chunk_size=1000)
    history = list(EvaluationResult.objects.filter(subject=enterprise, model=public_model).order_by("computed_at"))
    assert [(float(r.score), r.is_current) for r in history] == [(900.0, False), (800.0, True)]
    assert EvaluationResult.objects.get(subject=citizen, is_current=True).run_id == run.pk  # unchanged since run 1


def test_a_repaired_record_no_longer_counts_and_a_listing_moves_the_grade_to_d(
        public_model, enterprise, market_regulation, credit_office_admin):
    [record] = deliver("penalty", [serious_penalty(1, 30)], market_regulation)
    services.regrade_subjects(subject_ids=[enterprise.pk])
    assert EvaluationResult.objects.get(subject=enterprise, is_current=True).grade == "B"
    CreditRecord.objects.filter(pk=record.pk).update(state=CreditRecord.State.REPAIRED)
    services.regrade_subjects(subject_ids=[enterprise.pk])
    assert EvaluationResult.objects.get(subject=enterprise, is_current=True).grade == "A"
    list_subject(enterprise, "serious_dishonesty", credit_office_admin)
    services.regrade_subjects(subject_ids=[enterprise.pk])
    current = EvaluationResult.objects.get(subject=enterprise, is_current=True)
    assert current.grade == "D" and current.capped_by == "列入严重失信主体名单的，评为D级"


def test_a_failing_chunk_is_tried_three_times_keeps_the_previous_grades_and_the_run_is_resumed(
        public_model, enterprise, monkeypatch, market_regulation):
    services.regrade_subjects(subject_ids=[enterprise.pk])
    deliver("penalty", [serious_penalty(1, 30)], market_regulation)
    before = EvaluationResult.objects.get(subject=enterprise, is_current=True)
    real, calls = services.grade_frame, []

    def broken(*args, **kwargs):
        calls.append(1)
        raise RuntimeError("磁盘已满")

    monkeypatch.setattr(services, "grade_frame", broken)
    run = services.start_run(model=public_model, chunk_size=10**9)
    assert run.state == EvaluationRun.State.FAILED and len(calls) == services.MAX_ATTEMPTS
    chunk = run.chunks.get()
    assert (chunk.state, chunk.attempts) == (RunChunk.State.FAILED, services.MAX_ATTEMPTS)
    assert "磁盘已满" in chunk.error
    assert EvaluationResult.objects.get(subject=enterprise, is_current=True) == before
    monkeypatch.setattr(services, "grade_frame", real)
    run = services.resume_run(run=run)
    assert run.state == EvaluationRun.State.DONE and run.chunks.get().attempts == services.MAX_ATTEMPTS + 1
    after = EvaluationResult.objects.get(subject=enterprise, is_current=True)
    assert after != before and (after.grade, after.run_id) == ("B", run.pk)


def test_a_chunk_that_fails_once_is_graded_on_its_next_attempt_and_the_others_go_on(public_model, enterprise,
                                                                                    citizen, monkeypatch):
    real, failures = services.grade_frame, []

    def fails_first_time(*args, **kwargs):
        if not failures:
            failures.append(1)
            raise RuntimeError("连接中断")
        return real(*args, **kwargs)

    monkeypatch.setattr(services, "grade_frame", fails_first_time)
    run = services.start_run(model=public_model, chunk_size=1)
    run.refresh_from_db()
    assert run.state == EvaluationRun.State.DONE and run.chunks_done == run.chunks_total > 1
    retried = run.chunks.get(attempts=2)
    assert retried.finished_at == max(run.chunks.values_list("finished_at", flat=True))  # after the others
    assert EvaluationResult.objects.filter(is_current=True, subject__in=[enterprise, citizen]).count() == 2


def test_the_celery_task_retries_a_failing_chunk_until_its_attempts_are_spent(public_model, enterprise, monkeypatch):
    from publiccredit.evaluation import tasks

    run = services.start_run(model=public_model, chunk_size=10**9, dispatch_chunks=False)
    chunk = run.chunks.get()
    calls = []

    def broken(*args, **kwargs):
        calls.append(1)
        raise RuntimeError("数据库连接中断")

    monkeypatch.setattr(services, "grade_frame", broken)
    # run in process, its retries too, as a worker would run them (an error is kept on the outcome, not raised)
    monkeypatch.setitem(tasks.grade_chunk.app.conf, "task_eager_propagates", False)
    outcome = tasks.grade_chunk.apply(kwargs={"chunk_id": chunk.pk})
    assert outcome.failed() and len(calls) == services.MAX_ATTEMPTS
    chunk.refresh_from_db()
    assert (chunk.state, chunk.attempts) == (RunChunk.State.FAILED, services.MAX_ATTEMPTS)
    assert services.grade_chunk(chunk_id=chunk.pk) == 0  # spent: only a resume takes it up again


def test_the_evaluate_command_names_the_failed_chunks_and_how_to_resume_in_chinese(public_model, enterprise,
                                                                                   monkeypatch):
    from django.core.management.base import CommandError

    def broken(*args, **kwargs):
        raise RuntimeError("磁盘已满")

    monkeypatch.setattr(services, "grade_frame", broken)
    with pytest.raises(CommandError) as raised:
        call_command("evaluate", "--chunk-size", str(10**9))
    run = EvaluationRun.objects.latest("started_at")
    message = str(raised.value)
    assert "有1个分块评价失败" in message and "第1块" in message and "磁盘已满" in message
    assert f"publiccredit evaluate --resume {run.pk}" in message


def test_the_evaluate_command_runs_and_resumes_and_names_a_bad_model_in_chinese(public_model, enterprise, capsys):
    call_command("evaluate", "--chunk-size", "5")
    assert "已完成" in capsys.readouterr().out
    run = EvaluationRun.objects.latest("started_at")
    RunChunk.objects.filter(run=run).update(state=RunChunk.State.PENDING)
    call_command("evaluate", "--resume", str(run.pk))
    assert "已完成" in capsys.readouterr().out
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="没有代码为“moon”的评价模型"):
        call_command("evaluate", "--model", "moon")


def test_a_department_reads_a_subjects_grades_with_their_explanation_through_the_api_and_the_read_is_audited(
        client, public_model, enterprise, market_regulation):
    from publiccredit.accounts.services import issue_token
    from publiccredit.audit.models import AuditEntry
    from tests.conftest import ENTERPRISE_USCC

    [record] = deliver("penalty", [serious_penalty(1, 30)], market_regulation)
    services.regrade_subjects(subject_ids=[enterprise.pk])
    assert client.get(f"/api/v1/evaluations/{ENTERPRISE_USCC}/").status_code in (401, 403)
    token = issue_token(organization=market_regulation, name="审批系统", scopes=["subjects:read"])
    headers = {"HTTP_AUTHORIZATION": f"Bearer {token.secret}"}
    body = client.get(f"/api/v1/evaluations/{ENTERPRISE_USCC.lower()}/", **headers).json()
    assert body["code"] == ENTERPRISE_USCC
    [result] = body["results"]
    assert (result["model"], result["version"], result["grade"], result["base"]) == ("public", 1, "B", 1000.0)
    assert result["score"] == result["base"] + sum(part["points"] for part in result["contributions"]) == 900.0
    [part] = result["contributions"]
    assert (part["indicator"], part["points"], part["sources"][0]["id"]) == ("penalty_serious", -100.0, record.pk)
    assert AuditEntry.objects.filter(action="evaluation.result.read", target_id=str(enterprise.pk)).exists()
    missing = client.get("/api/v1/evaluations/not-a-code/", **headers)
    assert missing.status_code == 404 and "没有找到" in missing.json()["detail"]


def test_the_api_answers_the_grade_as_it_stood_on_a_day_the_quarterly_grade(client, enterprise, market_regulation):
    import datetime as dt

    from django.utils import timezone

    from publiccredit.accounts.services import issue_token
    from publiccredit.evaluation.models import EvaluationResult
    from publiccredit.evaluation.services import regrade_subjects
    from tests.builders import deliver, recent_penalty

    regrade_subjects(subject_ids=[enterprise.pk])
    first = EvaluationResult.objects.get(subject=enterprise, is_current=True)
    EvaluationResult.objects.filter(pk=first.pk).update(computed_at=timezone.now() - dt.timedelta(days=100))
    deliver("penalty", [recent_penalty(1, days_ago=10)], market_regulation)
    regrade_subjects(subject_ids=[enterprise.pk])
    token = issue_token(organization=market_regulation, name="审批系统", scopes=["subjects:read"])
    headers = {"HTTP_AUTHORIZATION": f"Bearer {token.secret}"}
    quarter_end = (timezone.localdate() - dt.timedelta(days=50)).isoformat()
    then = client.get(f"/api/v1/evaluations/{enterprise.uscc}/?as_of={quarter_end}", **headers).json()
    now = client.get(f"/api/v1/evaluations/{enterprise.uscc}/", **headers).json()
    assert [r["score"] for r in then["results"]] == [1000.0] and [r["score"] for r in now["results"]] == [970.0]
    bad = client.get(f"/api/v1/evaluations/{enterprise.uscc}/?as_of=2026-13-40", **headers)
    assert bad.status_code == 400 and "不是有效日期" in bad.json()["detail"]
