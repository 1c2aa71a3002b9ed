"""Fixtures of rectification and interviews: a regulator of the market regulation bureau, one of the tax bureau, and
an account bound to the enterprise."""

import pytest

from publiccredit.accounts.roles import Role
from publiccredit.accounts.services import create_user


@pytest.fixture
def regulator(market_regulation):
    return create_user(username="jianguan-sun", role=Role.REGULATOR, organization=market_regulation,
                       password="Jianguan-2026!", full_name="孙监管")


@pytest.fixture
def owner(enterprise):
    return create_user(username="xinjiang-zg", role=Role.SUBJECT_USER, subject=enterprise, password="Qiye-2026!!x")


@pytest.fixture
def tax_regulator():
    from publiccredit.organizations.models import Organization

    return create_user(username="shuiwu-qian", role=Role.REGULATOR,
                       organization=Organization.objects.get(name="国家税务总局上饶市税务局"), password="Shuiwu-2026!x")
