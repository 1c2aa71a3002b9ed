"""Playwright driving Debian's Chromium headless against pytest-django's live server.

`make test` and `.ci/run` install the `chromium` and `fonts-noto-cjk` packages when absent; the browser is never
downloaded. Screenshots are kept under var/test-artifacts/browser/ as test artifacts.
"""

import os
import shutil
from pathlib import Path

import pytest
from django.db import connections

# Playwright's sync API runs an event loop in the test thread; the test itself only prepares data through services
# before and between browser steps, so Django's async-safety guard is lifted for these tests alone.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]
ARTIFACTS = Path(__file__).resolve().parents[2] / "var" / "test-artifacts" / "browser"


def chromium_path() -> str:
    path = os.environ.get("PUBLICCREDIT_CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
    if not path:
        pytest.fail("没有找到 Chromium：请运行 make test（会安装 Debian 软件包 chromium），或设置 PUBLICCREDIT_CHROMIUM。")
    return path


@pytest.fixture
def chromium(live_server):
    """Started per test, after the database is set up: Playwright's sync API switches greenlets, each with its own
    context variables, and Django's per-context connections opened after that no longer carry the test database's
    serialized contents that ``serialized_rollback`` restores from."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS, headless=True)
        yield browser
        connections.close_all()  # the ones opened in Playwright's context, invisible to Django's own teardown
        browser.close()


@pytest.fixture
def browser_page(chromium, live_server, request):
    """A fresh browser context (no cookies) per test; every request leaving the live server is recorded."""
    context = chromium.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.outside_requests = []
    page.on("request", lambda req: None if req.url.startswith(live_server.url) or req.url.startswith("data:")
            else page.outside_requests.append(req.url))
    page.base = live_server.url
    yield page
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{request.node.name}-final.png"), full_page=True)
    context.close()


def screenshot(page, name: str) -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path
