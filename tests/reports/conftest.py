"""Fixtures of credit reports: SM2 keys generated into the test's own folder, an account bound to the enterprise."""

import pytest

from publiccredit.accounts.roles import Role
from publiccredit.accounts.services import create_user


@pytest.fixture(autouse=True)
def report_keys(settings, tmp_path):
    settings.REPORT_KEY_DIR = tmp_path / "report-keys"
    settings.REPORT_KEY_ID = ""
    return settings.REPORT_KEY_DIR


@pytest.fixture
def owner(enterprise):
    return create_user(username="baogao-qy", role=Role.SUBJECT_USER, subject=enterprise, password="Qiye-2026!!x")
