from celery import shared_task

from .services import accept_overdue


@shared_task(name="objections.accept_overdue")
def accept_overdue_objections() -> int:
    return accept_overdue()
