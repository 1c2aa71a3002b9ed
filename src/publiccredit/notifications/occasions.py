"""Who is told what on an event: each resolver turns an outbox payload into the template context and the recipients
of each audience. The template (``MessageTemplate``) decides whether an audience is told at all and by which channels.
"""

import datetime as dt
from collections.abc import Callable
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


def _filer(submitted_by: User | None, phone: str, email: str) -> list[Recipient]:
    user = submitted_by if submitted_by is not None and submitted_by.role == Role.SUBJECT_USER else None
    return [Recipient(user=user, phone=phone, email=email)]


def _staff(users: list[User]) -> list[Recipient]:
    return [Recipient(user=user, email=user.email) for user in users]


def _day(value: dt.date | None) -> str:
    return f"{value:%Y年%m月%d日}" if value else ""


@resolves("repair.application", variables=("number", "applicant", "item", "decision_number", "provider", "state",
                                            "decide_by", "push_by", "return_reason", "reason"))
def repair_application(topic: str, payload: dict) -> Occasion | None:
    from publiccredit.repair.models import RepairApplication

    application = (RepairApplication.objects.select_related("record__item", "record__provider", "submitted_by")
                   .filter(pk=payload.get("application")).first())
    if application is None:
        return None
    record = application.record
    action = topic.rsplit(".", 1)[1]
    if action == "approve":
        staff = staff_of(record.provider_id)  # any clerk of the deciding department acknowledges the result
    elif action in ("submit", "resubmit"):
        staff = holders_of("repair.handle_repair")
    else:
        staff = []
    return Occasion(
        context={"number": application.number, "applicant": application.applicant_name, "item": record.item.name,
                 "decision_number": record.decision_number, "provider": record.provider.name,
                 "state": application.get_state_display(), "decide_by": _day(application.decide_by),
                 "push_by": _day(application.push_by), "return_reason": application.return_reason,
                 "reason": application.decision_reason},
        recipients={FILER: _filer(application.submitted_by, application.contact_phone, application.contact_email),
                    SUBJECT: accounts_of(application.subject_id, besides=application.submitted_by),
                    DEPARTMENT: _staff(staff)},
        # the page asks for the query code unless the reader is the subject's account or showed the code already
        links={FILER: f"/repairs/{application.number}/", SUBJECT: f"/repairs/{application.number}/",
               DEPARTMENT: f"/backoffice/repairs/{application.pk}/"})


@resolves("objections.objection", variables=("number", "filer", "item", "decision_number", "provider", "state",
                                              "decide_by", "accept_by", "reason", "review_by", "review_outcome", "review_reason"))
def objection(topic: str, payload: dict) -> Occasion | None:
    from publiccredit.objections.models import Objection

    found = (Objection.objects.select_related("record__item", "provider", "submitted_by")
             .filter(pk=payload.get("objection")).first())
    if found is None:
        return None
    record = found.record
    if topic.endswith(".review"):  # the request goes to the credit office, which reviews
        staff = holders_of("objections.review_objection")
    else:
        staff = holders_of("objections.handle_objection", organization_id=found.provider_id)
    return Occasion(
        context={"number": found.number, "filer": found.filer_name, "item": record.item.name,
                 "decision_number": record.decision_number, "provider": found.provider.name,
                 "state": found.get_state_display(), "decide_by": _day(found.decide_by),
                 "accept_by": _day(found.flag_by), "reason": found.decision_reason, "review_by": _day(found.review_by),
                 "review_outcome": found.get_review_outcome_display(), "review_reason": found.review_reason},
        recipients={FILER: _filer(found.submitted_by, found.contact_phone, found.contact_email),
                    SUBJECT: accounts_of(record.subject_id, besides=found.submitted_by),
                    DEPARTMENT: _staff(staff)},
        links={FILER: f"/objections/{found.number}/", SUBJECT: "/account/",
               DEPARTMENT: f"/backoffice/objections/{found.pk}/"})


@resolves("lists.entry", variables=("kind", "subject", "state", "notice_number", "decision_number", "objection_until",
                                     "filer", "adopted", "answer", "basis_note"))
def list_entry(topic: str, payload: dict) -> Occasion | None:
    from publiccredit.lists.models import ListEntry

    entry = ListEntry.objects.select_related("kind", "subject").filter(pk=payload.get("entry_id")).first()
    if entry is None:
        return None
    statement = entry.statements.order_by("-pk").first() if topic.endswith((".statement", ".answer")) else None
    return Occasion(
        context={"kind": entry.kind.name, "subject": entry.subject.name, "state": entry.get_state_display(),
                 "notice_number": entry.notice_number, "decision_number": entry.decision_number,
                 "objection_until": _day(entry.objection_until),
                 "filer": statement.filer_name if statement else "",
                 "adopted": ("采纳" if statement.adopted else "不予采纳") if statement and statement.answered_at else "",
                 "answer": statement.answer if statement else "", "basis_note": entry.basis_note},
        recipients={SUBJECT: accounts_of(entry.subject_id),
                    DEPARTMENT: (_staff(holders_of("lists.manage_entries"))
                                 if topic.endswith((".statement", ".basis", ".suspend")) else [])},
        links={SUBJECT: "/account/", DEPARTMENT: f"/backoffice/lists/{entry.pk}/"})
