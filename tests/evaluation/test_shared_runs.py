"""Several machines share a run without a broker (docs/evaluation.md, "Computing"): one prepares the run's chunks,
each machine claims the next free chunk until none is left; a chunk a live worker holds is never graded twice at
once, one abandoned past its lease is taken over."""

import datetime as dt

import pytest
from django.core.management import call_command
from django.utils import timezone

from publiccredit.evaluation import services
from publiccredit.evaluation.models import EvaluationModel, EvaluationResult, EvaluationRun, RunChunk

pytestmark = pytest.mark.django_db


@pytest.fixture
def prepared(enterprise, citizen) -> EvaluationRun:
    run = services.start_run(model=EvaluationModel.objects.get(code="public"), chunk_size=1, dispatch_chunks=False)
    assert run.chunks.count() >= 2 and not run.chunks.exclude(state="pending").exists()
    return run


def test_a_machine_joining_a_prepared_run_grades_every_chunk_and_closes_it(prepared, enterprise, citizen):
    graded = services.work_on(run=prepared)
    prepared.refresh_from_db()
    assert graded == 2 and prepared.state == "done" and prepared.chunks_done == prepared.chunks_total
    assert EvaluationResult.objects.filter(is_current=True, model__code="public").count() == 2


def test_a_chunk_a_live_worker_holds_is_left_to_it_and_an_abandoned_one_is_taken_over(prepared):
    first, second = prepared.chunks.order_by("number")[:2]
    RunChunk.objects.filter(pk=first.pk).update(state="claimed", claimed_at=timezone.now())
    RunChunk.objects.filter(pk=second.pk).update(state="claimed",
                                                 claimed_at=timezone.now() - services.CLAIM_LEASE - dt.timedelta(1))
    assert services.grade_chunk(chunk_id=first.pk) == 0  # someone is grading it
    assert services.grade_chunk(chunk_id=second.pk) == 1  # its worker died: taken over
    assert RunChunk.objects.get(pk=first.pk).state == "claimed" and RunChunk.objects.get(pk=second.pk).state == "done"


def test_the_evaluate_command_prepares_a_run_and_another_invocation_works_on_it(enterprise, citizen, capsys):
    call_command("evaluate", "--chunk-size", "1", "--prepare")
    run = EvaluationRun.objects.get()
    assert run.state == "running" and "分块 0/" in capsys.readouterr().out
    call_command("evaluate", "--work", str(run.pk))
    out = capsys.readouterr().out
    assert "本机评价 2 个主体" in out and "已完成" in out
