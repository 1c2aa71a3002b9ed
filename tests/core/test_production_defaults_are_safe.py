"""Production defaults: CSP, HSTS, Secure cookies unless in debug, no server version; `check --deploy` is clean
with the production settings docs/configuration.md documents."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

DOCS = Path(__file__).resolve().parents[2] / "docs" / "configuration.md"


def documented_production_environment() -> dict:
    """The variables of the "生产部署" block of docs/configuration.md, placeholders filled in."""
    block = DOCS.read_text(encoding="utf-8").split("## 生产部署", 1)[1].split("```sh", 1)[1].split("```", 1)[0]
    env = {}
    for line in block.strip().splitlines():
        name, value = line.split("#", 1)[0].strip().split("=", 1)
        env[name] = value
    env["PUBLICCREDIT_SECRET_KEY"] = "x7#kP2!vQ9@mL4$wR8^nT1&bZ6*cY3(dF5)gH0-jK2+sA9=eU4"
    env["PUBLICCREDIT_TRUSTED_PROXIES"] = "10.8.0.5"
    return env


def test_check_deploy_is_clean_with_the_documented_production_settings(tmp_path):
    environment = {key: value for key, value in os.environ.items() if not key.startswith("PUBLICCREDIT_")}
    environment.update(documented_production_environment(), PUBLICCREDIT_HOME=str(tmp_path))
    environment.pop("DATABASE_URL", None)
    environment.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)  # set by the browser tests for their own process only
    done = subprocess.run([sys.executable, "-m", "publiccredit.cli", "check", "--deploy", "--fail-level", "WARNING"],
                          env=environment, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "no issues" in done.stdout


@pytest.mark.django_db
def test_every_page_carries_a_strict_content_security_policy(client):
    response = client.get("/")
    policy = response.headers["Content-Security-Policy"]
    assert "default-src 'self'" in policy and "frame-ancestors 'none'" in policy
    script = re.search(r"script-src ([^;]+)", policy).group(1)
    assert "unsafe-inline" not in script and "unsafe-eval" not in script
    assert response.headers["X-Content-Type-Options"] == "nosniff"


def test_no_template_carries_an_inline_script_or_event_handler():
    templates = Path(__file__).resolve().parents[2] / "src" / "publiccredit"
    offenders = []
    for path in templates.rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        if re.search(r"<script(?![^>]*\bsrc=)[^>]*>", text) or re.search(r"\son[a-z]+=\"", text):
            offenders.append(str(path.relative_to(templates)))
    assert offenders == []


def test_cookies_are_secure_and_hsts_is_on_unless_in_debug():
    from django.conf import settings

    assert not settings.DEBUG
    assert settings.SESSION_COOKIE_SECURE and settings.CSRF_COOKIE_SECURE
    assert settings.SECURE_HSTS_SECONDS >= 31536000


@pytest.mark.django_db
def test_an_https_request_gets_hsts(client, settings):
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    response = client.get("/", HTTP_X_FORWARDED_PROTO="https")
    assert response.headers["Strict-Transport-Security"].startswith("max-age=31536000")


def test_the_demo_server_names_no_version():
    from django.core.servers.basehttp import ServerHandler

    assert ServerHandler.server_software == "publiccredit"
