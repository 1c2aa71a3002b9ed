"""A model change without its migration would work in tests (which build tables from migrations only when they exist)
and fail on a deployed database; this keeps them together."""

import io

import pytest
from django.core.management import call_command


@pytest.mark.django_db
def test_every_model_change_has_its_migration():
    out = io.StringIO()
    try:
        call_command("makemigrations", "--check", "--dry-run", stdout=out)
    except SystemExit as missing:
        pytest.fail(f"有模型变更没有迁移文件（exit {missing.code}）：\n{out.getvalue()}")
    assert "No changes detected" in out.getvalue()
