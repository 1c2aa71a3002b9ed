from celery import shared_task

from .services import expire_entries


@shared_task(name="lists.expire_entries")
def expire_list_entries() -> int:
    return expire_entries()
