"""The writes every case shares: opening it under a fresh number with a query code, moving it under a row lock,
and recording each step with its audit entry and outbox event (docs/architecture.md, "One casework kernel")."""

import datetime as dt
from collections.abc import Callable

from django.db import IntegrityError, transaction

from publiccredit.audit.services import record_write
from publiccredit.core.crypto import lookup_hash
from publiccredit.core.errors import DomainError
from publiccredit.events.services import emit

from .evidence import new_query_code, next_number
from .models import Case

NUMBER_ATTEMPTS = 5


def open_case(model: type[Case], *, today: dt.date, create: Callable[..., Case],
              on_conflict: Callable[[], None] | None = None) -> tuple[Case, str]:
    """Run ``create(number=…, query_code_hash=…)`` in a transaction under the next free number; returns the case and
    its query code (shown once; only its keyed hash is kept). Two filings that took the same number: the later one
    takes the next, after ``on_conflict`` had its say (it raises when the conflict was another unique rule)."""
    code = new_query_code()
    for _ in range(NUMBER_ATTEMPTS):
        try:
            with transaction.atomic():
                case = create(number=next_number(model, prefix=model.NUMBER_PREFIX, day=today),
                              query_code_hash=lookup_hash(code))
            return case, code
        except IntegrityError:
            if on_conflict is not None:
                on_conflict()
    raise DomainError("系统繁忙，请稍后重试", code="busy")


def lock_case(case: Case, *states: str, doing: str, related: tuple[str, ...] = ("record__item",)) -> Case:
    """The case again, locked until the transaction ends, if it is in one of ``states``; otherwise a Chinese refusal
    naming the state it is in and the ones the act needs."""
    model = type(case)
    locked = model.objects.select_for_update(of=("self",)).select_related(*related).get(pk=case.pk)
    if locked.state not in states:
        labels = dict(model._meta.get_field("state").choices)
        allowed = "、".join(str(labels[state]) for state in states)
        raise DomainError(f"{model.NOUN}当前为“{locked.get_state_display()}”，不能{doing}（须为：{allowed}）",
                          code="wrong_state")
    return locked


def record_step(case: Case, *, action: str, actor, note: str = "", detail: dict | None = None,
                payload: dict | None = None) -> None:
    """The step into the case's current state, its audit entry and its event ``<TOPIC>.<action>``, in the caller's
    transaction."""
    case.steps.create(state=case.state, actor=actor if getattr(actor, "pk", None) else None, note=note)
    record_write(actor=actor, action=f"{case.TOPIC}.{action}", target=case, reason=note,
                 detail={"record": case.record_id, "state": case.state, **(detail or {})})
    emit(f"{case.TOPIC}.{action}", {case.EVENT_KEY: case.pk, "number": case.number, "record": case.record_id,
                                    **(payload or {}), "state": case.state})
