"""Handing work to a Celery worker by the task's registered name, so that a service never imports a tasks module
(tasks import services, never the reverse: docs/architecture.md). Task names follow one style, ``<app>.<verb>``."""

from celery import current_app


def enqueue(name: str, **kwargs) -> None:
    """Send the task ``name`` to the broker with keyword arguments; callers decide first that a broker is set."""
    current_app.send_task(name, kwargs=kwargs)
