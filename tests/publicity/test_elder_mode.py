"""Elder mode (适老化): larger type on every page, remembered, and never a redirect off the site."""


import pytest

from tests.builders import page_text

pytestmark = pytest.mark.django_db


def test_elder_mode_is_switched_on_every_page_and_remembered(client, db):
    html = page_text(client, "/news/")
    assert 'id="elder-switch"' in html and '<html lang="zh-Hans">' in html
    response = client.get("/elder-mode/", {"next": "/news/"})
    assert response.status_code == 302 and response["Location"] == "/news/"
    assert 'class="elder"' in page_text(client, "/news/")
    client.get("/elder-mode/", {"next": "/"})
    assert 'class="elder"' not in page_text(client, "/")


def test_elder_mode_never_redirects_off_the_site(client, db):
    assert client.get("/elder-mode/", {"next": "https://evil.example/"})["Location"] == "/"
