"""The registrations domain's fixtures: evidence files kept under the test's own directory, and an account bound to
the enterprise."""

import pytest

from publiccredit.accounts.roles import Role
from publiccredit.accounts.services import create_user


@pytest.fixture(autouse=True)
def media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def owner(enterprise):
    return create_user(username="xinjiang-reg", role=Role.SUBJECT_USER, subject=enterprise, password="Qiye-2026!!x")
