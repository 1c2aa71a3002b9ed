"""Settings come from the environment; secrets not given there are generated once under var/, never committed."""

import json
import os
import stat
import subprocess
import sys
from pathlib import Path

PRINT_SETTINGS = """
import json, django
from django.conf import settings
django.setup()
db = settings.DATABASES["default"]
print(json.dumps({"engine": db["ENGINE"], "name": str(db["NAME"]), "host": db.get("HOST", ""),
                  "eager": settings.CELERY_TASK_ALWAYS_EAGER, "broker": settings.CELERY_BROKER_URL,
                  "debug": settings.DEBUG, "hosts": settings.ALLOWED_HOSTS, "secret": settings.SECRET_KEY,
                  "language": settings.LANGUAGE_CODE, "var": str(settings.VAR_DIR)}))
"""


def settings_under(env: dict, home) -> dict:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("PUBLICCREDIT_", "DATABASE_URL", "CELERY_"))}
    clean.update({"PUBLICCREDIT_HOME": str(home), "DJANGO_SETTINGS_MODULE": "publiccredit.settings", **env})
    completed = subprocess.run([sys.executable, "-c", PRINT_SETTINGS], env=clean, capture_output=True, text=True,
                               timeout=120, check=True)
    return json.loads(completed.stdout.strip().splitlines()[-1])


def test_the_embedded_default_is_sqlite_under_var_with_inline_tasks_and_chinese(tmp_path):
    found = settings_under({}, tmp_path)
    assert found["engine"] == "django.db.backends.sqlite3"
    assert found["name"] == str(tmp_path / "var" / "publiccredit.sqlite3")
    assert found["eager"] is True and found["broker"] == ""
    assert found["debug"] is False
    assert found["language"] == "zh-hans"


def test_database_broker_debug_and_hosts_are_read_from_the_environment(tmp_path):
    found = settings_under({
        "DATABASE_URL": "postgres://credit@db.internal:5432/shangrao",
        "CELERY_BROKER_URL": "redis://127.0.0.1:6379/0",
        "PUBLICCREDIT_DEBUG": "1",
        "PUBLICCREDIT_ALLOWED_HOSTS": "credit.zgsr.gov.cn,127.0.0.1",
        "PUBLICCREDIT_SECRET_KEY": "from-the-environment",
    }, tmp_path)
    assert found["engine"] == "django.db.backends.postgresql"
    assert (found["name"], found["host"]) == ("shangrao", "db.internal")
    assert found["eager"] is False and found["broker"] == "redis://127.0.0.1:6379/0"
    assert found["debug"] is True
    assert found["hosts"] == ["credit.zgsr.gov.cn", "127.0.0.1"]
    assert found["secret"] == "from-the-environment"


def test_a_missing_secret_key_is_generated_once_and_kept_private(tmp_path):
    first = settings_under({}, tmp_path)["secret"]
    second = settings_under({}, tmp_path)["secret"]
    assert first == second and len(first) >= 64
    key_file = tmp_path / "var" / "secret_key"
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    assert stat.S_IMODE((tmp_path / "var" / "data_key").stat().st_mode) == 0o600


def test_no_secret_files_are_tracked_by_git():
    root = Path(__file__).resolve().parents[2]
    ignored = (root / ".gitignore").read_text(encoding="utf-8").split()
    assert "var/" in ignored
