"""Outbox consumer: every event may call for messages. ``notify`` returns at once for topics no resolver knows
(``collection.records.change`` and the like); for the others the templates decide."""

from publiccredit.events.registry import handles


@handles("*")
def notify_on_event(payload: dict) -> None:
    from .services import notify

    notify(topic=payload.get("_topic", ""), payload=payload, key=f"event:{payload.get('_event')}")
