"""Outbox consumer: every event may call for messages; templates decide (most topics have none and cost one lookup)."""

from publiccredit.events.registry import handles


@handles("*")
def notify_on_event(payload: dict) -> None:
    from .occasions import resolver_for
    from .services import notify

    topic = payload.get("_topic", "")
    if resolver_for(topic) is not None:
        notify(topic=topic, payload=payload, key=f"event:{payload.get('_event')}")
