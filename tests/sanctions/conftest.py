"""A listed enterprise, a department's screening token, and a helper that lists a subject through the real workflow."""

import datetime as dt

import pytest
from django.utils import timezone

from publiccredit.accounts.services import issue_token
from publiccredit.core.identifiers import make_uscc
from publiccredit.lists.models import ListEntry, ListKind
from publiccredit.lists.services import decide_entry, propose_entry, publish_entry
from publiccredit.organizations.models import Organization
from publiccredit.subjects.models import Subject
from publiccredit.subjects.services import SubjectSpec, register_subject
from tests.conftest import notify_and_serve, second_approver


def list_subject(subject: Subject, kind_code: str, actor, *, records=(), number: int = 1) -> ListEntry:
    """Propose, notify a month ago, decide today and publish: an entry in force from today."""
    kind = ListKind.objects.get(code=kind_code)
    today = timezone.localdate()
    entry = ListEntry.objects.filter(kind=kind, subject=subject, state__in=ListEntry.OPEN_STATES).first()
    if entry is None:
        entry = propose_entry(kind=kind, subject=subject, reason="测试列入事由", records=list(records), actor=actor)
    if entry.state == ListEntry.State.PROPOSED:
        entry = notify_and_serve(entry=entry, actor=actor, today=today - dt.timedelta(days=30))
    entry = decide_entry(entry=entry, decision_number=f"饶信决〔2026〕{number}号", approver=second_approver(), actor=actor,
                         today=today)
    return publish_entry(entry=entry, actor=actor, today=today)


@pytest.fixture
def finance(db) -> Organization:
    return Organization.objects.get(short_name="市财政局")


@pytest.fixture
def screening_token(finance):
    issued = issue_token(organization=finance, name="政府采购系统", scopes=["screening:write", "screening:feedback"])
    return {"HTTP_AUTHORIZATION": f"Bearer {issued.secret}"}


@pytest.fixture
def listed_enterprise(enterprise, credit_office_admin) -> Subject:
    list_subject(enterprise, "serious_dishonesty", credit_office_admin)
    return enterprise


@pytest.fixture
def clean_enterprise(db) -> Subject:
    return register_subject(spec=SubjectSpec(kind=Subject.Kind.LEGAL_PERSON, name="上饶市守信建材有限公司",
                                             code=make_uscc("91", "361102", "MA35CLEA")), actor=None)
