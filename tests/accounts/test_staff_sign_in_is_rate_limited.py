"""The staff login (/admin/login/, where every back-office role signs in) is limited like the portal's: per address
and per user name, and during the lock even the right password does not get in."""

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


@pytest.fixture
def three_tries(settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "staff_login": "3/h", "login": "3/h"}


def sign_in(client, username, password, address="127.0.0.1"):
    return client.post("/admin/login/?next=/admin/", {"username": username, "password": password},
                       REMOTE_ADDR=address)


def test_after_too_many_wrong_passwords_the_right_one_is_refused_too(client, market_clerk, three_tries):
    for _ in range(3):
        assert sign_in(client, "clerk-wang", "wrong-password").status_code == 200
    refused = sign_in(client, "clerk-wang", "Baosong-2026!")
    assert refused.status_code == 429
    assert "操作过于频繁" in refused.content.decode()
    assert "_auth_user_id" not in client.session


def test_guessing_one_account_from_many_addresses_is_limited_by_its_name(market_clerk, three_tries):
    for number in range(3):
        sign_in(Client(), "clerk-wang", "wrong-password", address=f"10.0.0.{number}")
    assert sign_in(Client(), "clerk-wang", "Baosong-2026!", address="10.0.0.77").status_code == 429


def test_a_normal_sign_in_still_works(client, market_clerk, three_tries):
    response = sign_in(client, "clerk-wang", "Baosong-2026!")
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(market_clerk.pk)


def test_the_portal_login_counts_per_user_name_as_well(market_clerk, three_tries):
    for number in range(3):
        Client().post("/account/login/", {"username": "someone", "password": "x"}, REMOTE_ADDR=f"10.0.1.{number}")
    limited = Client().post("/account/login/", {"username": "someone", "password": "x"}, REMOTE_ADDR="10.0.1.9")
    assert limited.status_code == 429
