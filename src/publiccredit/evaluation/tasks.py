"""Celery tasks of evaluation: a chunk of a run (workers on several machines share a run's chunks), and the nightly
and quarterly city runs of every active model (docs/evaluation.md)."""

from celery import shared_task

from . import services
from .models import EvaluationModel


@shared_task(name="evaluation.grade_chunk", acks_late=True, autoretry_for=(Exception,), retry_backoff=30,
             max_retries=services.MAX_ATTEMPTS - 1)
def grade_chunk(chunk_id: int) -> int:
    """A failing chunk is marked failed with its error and tried again after 30 s, then 60 s; after
    ``MAX_ATTEMPTS`` it waits for ``publiccredit evaluate --resume RUN``."""
    return services.grade_chunk(chunk_id=chunk_id)


@shared_task(name="evaluation.regrade_subjects", acks_late=True)
def regrade_subjects(subject_ids: list[int]) -> int:
    return services.regrade_subjects(subject_ids=subject_ids)


@shared_task(name="evaluation.grade_city")
def grade_city() -> list[int]:
    versions = services.inputs_first([model.current_version for model in EvaluationModel.objects.filter(
        is_active=True, current_version__isnull=False).exclude(kind=EvaluationModel.Kind.IMPORTED)
        .select_related("current_version__model")])
    return [services.start_run(model=version.model).pk for version in versions]
