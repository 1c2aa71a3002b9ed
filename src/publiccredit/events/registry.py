"""Handlers for outbox topics. Apps register in their ``AppConfig.ready`` (or module import) with ``@handles``."""

from collections import defaultdict
from collections.abc import Callable

Handler = Callable[[dict], None]
_handlers: dict[str, list[Handler]] = defaultdict(list)


def handles(topic: str) -> Callable[[Handler], Handler]:
    def register(func: Handler) -> Handler:
        if func not in _handlers[topic]:
            _handlers[topic].append(func)
        return func

    return register


def handlers_for(topic: str) -> list[Handler]:
    return list(_handlers.get(topic, ())) + list(_handlers.get("*", ()))


def unregister(topic: str, func: Handler) -> None:
    if func in _handlers.get(topic, []):
        _handlers[topic].remove(func)
