"""Who is told what on an event: each resolver turns an outbox payload into the template context and the recipients
of each audience. The template (``MessageTemplate``) decides whether an audience is told at all and by which channels.
"""

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import wraps

from django.core.exceptions import ImproperlyConfigured
from django.db.models import Q

from publiccredit.accounts.models import User
from publiccredit.accounts.roles import ROLE_PERMISSIONS, Role

FILER, SUBJECT, DEPARTMENT = "filer", "subject", "department"


@dataclass(frozen=True)
class Recipient:
    user: User | None = None
    phone: str = ""
    email: str = ""


@dataclass
class Occasion:
    context: dict
    recipients: dict[str, list[Recipient]] = field(default_factory=dict)
    links: dict[str, str] = field(default_factory=dict)


Resolver = Callable[[str, dict], Occasion | None]
_resolvers: dict[str, Resolver] = {}
_variables: dict[str, frozenset[str]] = {}


def resolves(prefix: str, *, variables: tuple[str, ...]) -> Callable[[Resolver], Resolver]:
    """Register the resolver of ``prefix.*`` topics with the variables its context offers to message templates:
    the admin refuses a template naming any other (``variables_for``), and a resolver handing out a variable it did
    not declare is a programming error caught by the tests."""
    declared = frozenset(variables)

    def register(func: Resolver) -> Resolver:
        @wraps(func)
        def checked(topic: str, payload: dict) -> Occasion | None:
            occasion = func(topic, payload)
            if occasion is not None and not set(occasion.context) <= declared:
                raise ImproperlyConfigured(f"{prefix}: undeclared variables {sorted(set(occasion.context) - declared)}")
            return occasion

        _resolvers[prefix], _variables[prefix] = checked, declared
        return checked

    return register


def variables_for(topic: str) -> frozenset[str] | None:
    """The variables a template for ``topic`` may use, or None for a topic no resolver handles."""
    return _variables.get(topic.rsplit(".", 1)[0])


def resolver_for(topic: str) -> Resolver | None:
    prefix = topic.rsplit(".", 1)[0]
    return _resolvers.get(prefix)


def holders_of(permission: str, *, organization_id: int | None = None) -> list[User]:
    """Active staff who hold ``permission`` through their role or individually, optionally of one organization."""
    app_label, codename = permission.split(".")
    roles = [role for role, perms in ROLE_PERMISSIONS.items() if permission in perms]
    users = User.objects.filter(is_active=True).exclude(role__in=[Role.SUBJECT_USER, Role.SYSTEM]).filter(
        Q(role__in=roles) | Q(user_permissions__codename=codename, user_permissions__content_type__app_label=app_label))
    if organization_id is not None:
        users = users.filter(organization_id=organization_id)
    return list(users.distinct().order_by("pk"))


def staff_of(organization_id: int) -> list[User]:
    return list(User.objects.filter(is_active=True, organization_id=organization_id)
                .exclude(role__in=[Role.SUBJECT_USER, Role.SYSTEM]).order_by("pk"))


def accounts_of(subject_id: int | None, *, besides: User | None = None) -> list[Recipient]:
    """The portal accounts bound to a subject (site messages only: their phones were given for verification)."""
    if subject_id is None:
        return []
    users = User.objects.filter(subject_id=subject_id, is_active=True, role=Role.SUBJECT_USER)
    if besides is not None:
        users = users.exclude(pk=besides.pk)
    return [Recipient(user=user) for user in users.order_by("pk")]


def filer_recipients(submitted_by: User | None, phone: str, email: str) -> list[Recipient]:
    user = submitted_by if submitted_by is not None and submitted_by.role == Role.SUBJECT_USER else None
    return [Recipient(user=user, phone=phone, email=email)]


def staff_recipients(users: list[User]) -> list[Recipient]:
    return [Recipient(user=user, email=user.email) for user in users]


def day_text(value: dt.date | None) -> str:
    return f"{value:%Y年%m月%d日}" if value else ""


Reminder = Callable[[dt.date], Iterable[tuple[list[User], tuple[str, dt.date, str]]]]
_reminders: list[Reminder] = []


def reminds(func: Reminder) -> Reminder:
    """Register a source of the daily deadline digest: given the horizon (the next working day), it yields each
    item due by then as (the staff who handle it, (kind, due date, number)). Each casework app registers its own
    from ``ready``, so that notifications never imports the apps it reminds about (docs/architecture.md)."""
    _reminders.append(func)
    return func


def due_items(horizon: dt.date) -> Iterable[tuple[list[User], tuple[str, dt.date, str]]]:
    for source in _reminders:
        yield from source(horizon)
