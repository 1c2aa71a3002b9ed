"""Which channel (web, admin, API, CLI, system) the current write or read came through."""

import contextlib
import contextvars

_channel: contextvars.ContextVar[str] = contextvars.ContextVar("audit_channel", default="system")


def current_channel() -> str:
    return _channel.get()


@contextlib.contextmanager
def channel(name: str):
    token = _channel.set(name)
    try:
        yield
    finally:
        _channel.reset(token)


def set_channel(name: str) -> None:
    """Set the channel for the rest of this context (a request, a command)."""
    _channel.set(name)
