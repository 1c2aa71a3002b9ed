from celery import shared_task

from .services import sweep_rectifications


@shared_task(name="rectification.sweep")
def sweep() -> dict[str, int]:
    return sweep_rectifications()
