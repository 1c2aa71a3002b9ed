from celery import shared_task

from . import services


@shared_task(name=services.DELIVER_NOTIFICATIONS)
def deliver_notifications() -> dict:
    return services.deliver_pending()


@shared_task(name="notifications.retry_failed")
def retry_failed_notifications() -> dict:
    return services.deliver_pending(retry_failed=True)


@shared_task(name="notifications.remind_deadlines")
def remind_deadlines() -> int:
    return services.remind_deadlines()
