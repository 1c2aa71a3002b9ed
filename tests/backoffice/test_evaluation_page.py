"""The back office's 信用评价 page: each model's grade distribution, the runs with their progress, and a lookup that
opens a subject's grade and explanation (its credit file as a department sees it)."""

import pytest

from publiccredit.evaluation.models import EvaluationModel
from publiccredit.evaluation.services import start_run
from tests.conftest import ENTERPRISE_USCC

pytestmark = pytest.mark.django_db


def test_the_page_shows_the_distribution_and_the_runs_progress(client, market_clerk, enterprise, citizen):
    run = start_run(model=EvaluationModel.objects.get(code="public"), chunk_size=1)
    run.refresh_from_db()
    client.force_login(market_clerk)
    page = client.get("/backoffice/evaluation/").content.decode()
    assert "上饶市公共信用综合评价" in page and f"{run.chunks_done}/{run.chunks_total}" in page
    assert '<td class="num">2</td><td class="num">100.0%</td>' in page  # both subjects graded A


def test_a_run_with_a_failed_chunk_shows_the_chunk_its_subjects_and_its_error(client, market_clerk, enterprise,
                                                                              monkeypatch):
    from publiccredit.evaluation import services

    def broken(*args, **kwargs):
        raise RuntimeError("磁盘已满")

    monkeypatch.setattr(services, "grade_frame", broken)
    run = start_run(model=EvaluationModel.objects.get(code="public"), chunk_size=10**9)
    chunk = run.chunks.get()
    client.force_login(market_clerk)
    page = client.get("/backoffice/evaluation/").content.decode()
    assert "失败的分块" in page and "RuntimeError: 磁盘已满" in page
    assert f"第1块，主体编号 {chunk.first_subject_id}–{chunk.last_subject_id}，已尝试3次" in page


def test_the_lookup_opens_the_subjects_file_at_its_grade_and_an_unknown_code_says_so(client, market_clerk,
                                                                                     enterprise):
    client.force_login(market_clerk)
    answer = client.get("/backoffice/evaluation/", {"code": ENTERPRISE_USCC})
    assert answer.status_code == 302 and answer["Location"] == f"/credit/{ENTERPRISE_USCC}/#evaluation"
    missing = client.get("/backoffice/evaluation/", {"code": "91361100MA35ZZZZ0X"}, follow=True).content.decode()
    assert "没有找到代码为" in missing


def test_the_page_is_for_staff_only(client, db):
    assert client.get("/backoffice/evaluation/").status_code in (302, 403)
