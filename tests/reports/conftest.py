"""Fixtures of credit reports: an account bound to the enterprise (the SM2 keys go to the test's own folder:
tests/conftest.py)."""

import pytest

from publiccredit.accounts.roles import Role
from publiccredit.accounts.services import create_user


@pytest.fixture
def owner(enterprise):
    return create_user(username="baogao-qy", role=Role.SUBJECT_USER, subject=enterprise, password="Qiye-2026!!x")
