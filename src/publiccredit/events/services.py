"""The transactional outbox: ``emit`` inside a service's transaction, ``drain`` after commit.

With a Celery broker configured, draining runs on a worker; without one it runs inline right after
commit, so the embedded default behaves like production.
"""

import logging

from django.conf import settings
from django.db import connection, transaction
from django.db.models import F
from django.utils import timezone

from publiccredit.core.queueing import enqueue

from .models import OutboxEvent
from .registry import handlers_for

logger = logging.getLogger(__name__)
MAX_ATTEMPTS = 10
DRAIN_OUTBOX = "events.drain_outbox"  # the Celery task draining the outbox


def emit(topic: str, payload: dict) -> OutboxEvent:
    """Write an event in the caller's transaction and schedule draining for after commit."""
    event = OutboxEvent.objects.create(topic=topic, payload=payload)
    transaction.on_commit(schedule_drain)
    return event


def schedule_drain() -> None:
    if settings.CELERY_BROKER_URL:
        enqueue(DRAIN_OUTBOX)
    else:
        drain(limit=10_000)


def _handle(event: OutboxEvent) -> None:
    # handlers that serve many topics (notifications) need to know which event they handle; the stored payload stays
    payload = {**event.payload, "_topic": event.topic, "_event": event.pk}
    for handler in handlers_for(event.topic):
        handler(payload)


def drain(*, limit: int = 1000) -> int:
    """Process up to ``limit`` pending events in order; return how many were handled successfully.

    On PostgreSQL rows are claimed with SKIP LOCKED so several workers can drain side by side.
    """
    done = 0
    pending = OutboxEvent.objects.filter(processed_at__isnull=True, attempts__lt=MAX_ATTEMPTS).order_by("id")
    batch_size = min(limit, 200)
    while done < limit:
        with transaction.atomic():
            query = pending
            if connection.features.has_select_for_update_skip_locked:
                query = query.select_for_update(skip_locked=True)
            batch = list(query[:batch_size])
            if not batch:
                break
            succeeded, failed = [], []
            for event in batch:
                try:
                    with transaction.atomic():
                        _handle(event)
                except Exception as exc:  # a failing handler must not block the others; it is retried later
                    logger.exception("outbox event %s (%s) failed", event.pk, event.topic)
                    event.attempts += 1
                    event.last_error = f"{type(exc).__name__}: {exc}"[:2000]
                    failed.append(event)
                else:
                    succeeded.append(event.pk)
            if succeeded:
                OutboxEvent.objects.filter(pk__in=succeeded).update(processed_at=timezone.now(), last_error="",
                                                                    attempts=F("attempts") + 1)
            if failed:
                OutboxEvent.objects.bulk_update(failed, ["attempts", "last_error"])
            done += len(succeeded)
        if len(batch) < batch_size:
            break
    return done
