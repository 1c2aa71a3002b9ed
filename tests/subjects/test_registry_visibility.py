from django.contrib.auth.models import AnonymousUser

from publiccredit.accounts.roles import Role
from publiccredit.accounts.services import create_user
from publiccredit.subjects.queries import subject_by_code, subjects_for
from tests.conftest import CITIZEN_ID


def test_the_public_sees_organisations_but_not_natural_persons(enterprise, citizen):
    visible = set(subjects_for(AnonymousUser()))
    assert enterprise in visible
    assert citizen not in visible
    assert subject_by_code(CITIZEN_ID, viewer=AnonymousUser()) is None


def test_department_staff_see_persons_too(enterprise, citizen, market_clerk):
    assert {enterprise, citizen} <= set(subjects_for(market_clerk))


def test_a_subject_user_sees_only_its_own_subject(enterprise, citizen):
    owner = create_user(username="xinjiang-pv", role=Role.SUBJECT_USER, subject=enterprise, password="Qiye-2026!!")
    assert list(subjects_for(owner)) == [enterprise]
