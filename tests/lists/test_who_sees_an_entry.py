"""One rule decides what each audience sees of a list entry (docs/portal.md, docs/architecture.md)."""

import datetime as dt

import pytest
from django.utils import timezone

from publiccredit.accounts.roles import Role
from publiccredit.accounts.services import create_user
from publiccredit.core.audience import Audience
from publiccredit.lists.models import ListEntry
from tests.builders import list_subject

pytestmark = pytest.mark.django_db
State = ListEntry.State


@pytest.fixture
def entry(enterprise, credit_office_admin) -> ListEntry:
    return list_subject(enterprise, "serious_dishonesty", credit_office_admin)


def seen_in_each_state(entry, audience) -> set[str]:
    seen = set()
    for state in State.values:
        ListEntry.objects.filter(pk=entry.pk).update(state=state)
        if ListEntry.objects.visible_to(audience).filter(pk=entry.pk).exists():
            seen.add(state)
    return seen


def test_the_public_sees_an_entry_only_while_it_is_published_and_in_its_term(entry):
    assert seen_in_each_state(entry, Audience.PUBLIC) == {State.PUBLISHED}
    today = timezone.localdate()
    ListEntry.objects.filter(pk=entry.pk).update(state=State.PUBLISHED, end=today - dt.timedelta(days=1))
    assert not ListEntry.objects.visible_to(Audience.PUBLIC).filter(pk=entry.pk).exists()
    ListEntry.objects.filter(pk=entry.pk).update(start=today + dt.timedelta(days=1), end=None)
    assert not ListEntry.objects.visible_to(Audience.PUBLIC).filter(pk=entry.pk).exists()
    assert ListEntry.objects.visible_to(Audience.PUBLIC, today=today + dt.timedelta(days=1)).filter(
        pk=entry.pk).exists()


def test_the_subject_sees_its_entry_from_the_prior_notice_on_but_never_a_mere_proposal(entry):
    assert seen_in_each_state(entry, Audience.SUBJECT) == {
        State.NOTIFIED, State.DECIDED, State.PUBLISHED, State.SUSPENDED, State.EXITED}


def test_departments_see_every_decided_entry_and_the_credit_office_every_entry(entry):
    assert seen_in_each_state(entry, Audience.DEPARTMENT) == {State.DECIDED, State.PUBLISHED, State.EXITED}
    assert seen_in_each_state(entry, Audience.CREDIT_OFFICE) == set(State.values)


def test_a_bound_account_sees_its_own_notice_and_only_the_public_entries_of_others(entry, enterprise, citizen):
    ListEntry.objects.filter(pk=entry.pk).update(state=State.NOTIFIED)
    owner = create_user(username="xinjiang-entries", role=Role.SUBJECT_USER, subject=enterprise,
                        password="Qiye-2026!!x")
    other = create_user(username="citizen-entries", role=Role.SUBJECT_USER, subject=citizen, password="Geren-2026!!x")
    assert list(ListEntry.objects.restrict(owner).values_list("pk", flat=True)) == [entry.pk]
    assert not ListEntry.objects.restrict(other).exists()
    ListEntry.objects.filter(pk=entry.pk).update(state=State.PUBLISHED)
    assert list(ListEntry.objects.restrict(other).values_list("pk", flat=True)) == [entry.pk]


def test_a_department_works_on_the_entries_it_proposed_and_the_credit_office_on_all(entry, market_clerk,
                                                                                    credit_office_admin):
    assert not ListEntry.objects.handled_by(market_clerk).exists()
    assert list(ListEntry.objects.handled_by(credit_office_admin).values_list("pk", flat=True)) == [entry.pk]
