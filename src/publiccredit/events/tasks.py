from celery import shared_task

from . import services


@shared_task(name=services.DRAIN_OUTBOX)
def drain_outbox(limit: int = 10_000) -> int:
    return services.drain(limit=limit)
