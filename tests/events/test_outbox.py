from django.db import transaction

from publiccredit.events.models import OutboxEvent
from publiccredit.events.registry import handles, unregister
from publiccredit.events.services import drain, emit


def test_an_event_is_handled_right_after_commit_when_no_broker_is_configured(db, django_capture_on_commit_callbacks):
    seen = []
    handler = handles("test.happened")(lambda payload: seen.append(payload["n"]))
    try:
        with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
            emit("test.happened", {"n": 1})
            assert seen == []  # nothing runs before the transaction commits
        assert seen == [1]
        assert OutboxEvent.objects.get().processed_at is not None
    finally:
        unregister("test.happened", handler)


def test_a_rolled_back_transaction_leaves_no_event(db):
    try:
        with transaction.atomic():
            emit("test.happened", {"n": 2})
            raise RuntimeError("业务失败")
    except RuntimeError:
        pass
    assert not OutboxEvent.objects.exists()


def test_a_failing_handler_is_recorded_and_retried_without_blocking_others(db):
    calls = {"ok": 0, "bad": 0}

    def good(payload):
        calls["ok"] += 1

    def flaky(payload):
        calls["bad"] += 1
        if calls["bad"] == 1:
            raise ValueError("下游暂不可用")

    handles("test.good")(good)
    handles("test.flaky")(flaky)
    try:
        emit("test.flaky", {})
        emit("test.good", {})
        assert drain() == 1
        failed = OutboxEvent.objects.get(topic="test.flaky")
        assert failed.processed_at is None and "下游暂不可用" in failed.last_error and failed.attempts == 1
        assert drain() == 1
        failed.refresh_from_db()
        assert failed.processed_at is not None and calls == {"ok": 1, "bad": 2}
    finally:
        unregister("test.good", good)
        unregister("test.flaky", flaky)


def test_with_a_broker_configured_draining_is_handed_to_a_celery_worker(db, settings, monkeypatch):
    from publiccredit import celery_app
    from publiccredit.events import services, tasks

    queued = []
    monkeypatch.setattr(celery_app, "send_task", lambda name, **options: queued.append((name, options)))
    settings.CELERY_BROKER_URL = "redis://127.0.0.1:6379/15"
    emit("test.queued", {})
    services.schedule_drain()
    assert queued == [("events.drain_outbox", {"kwargs": {}})]
    assert tasks.drain_outbox.name in celery_app.tasks and tasks.drain_outbox.name == "events.drain_outbox"
    assert OutboxEvent.objects.get(topic="test.queued").processed_at is None


def test_the_celery_task_drains_pending_events(db):
    from publiccredit.events.tasks import drain_outbox

    emit("test.by_worker", {"n": 3})
    assert drain_outbox.apply().get() == 1
    assert OutboxEvent.objects.get(topic="test.by_worker").processed_at is not None
