"""Fixtures of associations: the city's photovoltaic industry association, its account, and the enterprise's bound
account."""

import pytest

from publiccredit.accounts.roles import Role
from publiccredit.accounts.services import create_user
from publiccredit.organizations.models import Organization, Region

# A valid USCC of a social organisation (authority 5, type 1, 上饶市): check characters computed from GB 32100.
ASSOCIATION_USCC = "51361100MJD12345XP"


@pytest.fixture
def association(db) -> Organization:
    return Organization.objects.create(code=ASSOCIATION_USCC, name="上饶市光伏行业协会", kind=Organization.Kind.ASSOCIATION,
                                       region=Region.objects.get(code="361100"))


@pytest.fixture
def association_user(association):
    return create_user(username="guangfu-xh", role=Role.ASSOCIATION, organization=association,
                       password="Xiehui-2026!!", full_name="协会秘书处")


@pytest.fixture
def owner(enterprise):
    return create_user(username="guangfu-qy", role=Role.SUBJECT_USER, subject=enterprise, password="Qiye-2026!!x")
