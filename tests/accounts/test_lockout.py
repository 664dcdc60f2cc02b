"""Login lockout matrix: a (username, address) pair after 5 failures, an address after many;
the web login and the token endpoint share it; forwarded headers only from trusted proxies."""

import pytest
from django.urls import reverse

from tests.factories import TEST_PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

TOKEN_URL = "/api/v1/auth/token/"


def web_login(client, username, password, address):
    return client.post(
        reverse("accounts:login"), {"username": username, "password": password}, REMOTE_ADDR=address
    )


def token_login(api_client, username, password, address, **headers):
    return api_client.post(
        TOKEN_URL, {"username": username, "password": password}, format="json", REMOTE_ADDR=address, **headers
    )


def logged_in(response) -> bool:
    return response.status_code == 302 and response.url == reverse("accounts:home")


@pytest.fixture
def staff(db):
    return UserFactory(username="secretariat-member")


def test_five_failures_lock_the_pair_not_the_account_elsewhere(client, api_client, staff):
    statuses = [web_login(client, staff.username, "wrong", "198.51.100.7").status_code for _ in range(5)]
    assert statuses == [200, 200, 200, 200, 429]
    assert web_login(client, staff.username, TEST_PASSWORD, "198.51.100.7").status_code == 429
    locked_token = token_login(api_client, staff.username, TEST_PASSWORD, "198.51.100.7")
    assert locked_token.status_code == 429 and "token" not in locked_token.json()
    # The real user, from their own address, is not locked out by someone else's guesses.
    assert logged_in(web_login(client, staff.username, TEST_PASSWORD, "203.0.113.20"))
    assert token_login(api_client, staff.username, TEST_PASSWORD, "203.0.113.21").status_code == 200


def test_the_attacker_address_keeps_other_users(client, staff):
    other = UserFactory()
    for _ in range(5):
        web_login(client, staff.username, "wrong", "198.51.100.8")
    assert logged_in(web_login(client, other.username, TEST_PASSWORD, "198.51.100.8"))


def test_token_failures_count_for_the_web_login(client, api_client, staff):
    statuses = [
        token_login(api_client, staff.username, "wrong", "198.51.100.9").status_code for _ in range(5)
    ]
    assert statuses == [400, 400, 400, 400, 429]
    assert web_login(client, staff.username, TEST_PASSWORD, "198.51.100.9").status_code == 429


def test_many_failures_from_one_address_lock_the_address(client, api_client, settings):
    settings.LOGIN_FAILURE_LIMIT_PER_ADDRESS = 12
    victims = UserFactory.create_batch(4)
    for victim in victims:
        for _ in range(3):  # below the pair limit for each username
            web_login(client, victim.username, "wrong", "192.0.2.50")
    bystander = UserFactory()
    assert web_login(client, bystander.username, TEST_PASSWORD, "192.0.2.50").status_code == 429
    assert token_login(api_client, bystander.username, TEST_PASSWORD, "192.0.2.50").status_code == 429
    assert logged_in(web_login(client, bystander.username, TEST_PASSWORD, "192.0.2.51"))


def test_rotating_x_forwarded_for_does_not_escape_the_lockout(client, staff):
    for number in range(5):
        client.post(
            reverse("accounts:login"),
            {"username": staff.username, "password": "wrong"},
            REMOTE_ADDR="198.51.100.10",
            HTTP_X_FORWARDED_FOR=f"10.9.9.{number}",
        )
    response = client.post(
        reverse("accounts:login"),
        {"username": staff.username, "password": TEST_PASSWORD},
        REMOTE_ADDR="198.51.100.10",
        HTTP_X_FORWARDED_FOR="10.9.9.99",
    )
    assert response.status_code == 429


def test_rotating_x_forwarded_for_does_not_escape_the_token_throttle(api_client, staff):
    statuses = [
        token_login(
            api_client, "nobody", "wrong", "198.51.100.11", HTTP_X_FORWARDED_FOR=f"10.8.8.{n}"
        ).status_code
        for n in range(12)
    ]
    assert statuses[-1] == 429


def test_a_trusted_proxy_forwards_the_client_address(client, settings, staff):
    settings.TRUSTED_PROXY_COUNT = 1
    for _ in range(5):
        client.post(
            reverse("accounts:login"),
            {"username": staff.username, "password": "wrong"},
            REMOTE_ADDR="10.0.0.1",  # the proxy
            HTTP_X_FORWARDED_FOR="spoofed, 198.51.100.12",
        )
    # Another client behind the same proxy is not locked out...
    other_client = client.post(
        reverse("accounts:login"),
        {"username": staff.username, "password": TEST_PASSWORD},
        REMOTE_ADDR="10.0.0.1",
        HTTP_X_FORWARDED_FOR="203.0.113.30",
    )
    assert logged_in(other_client)
    client.logout()
    # ...while the guessing client is, whatever it writes in front of the proxy's entry.
    guesser = client.post(
        reverse("accounts:login"),
        {"username": staff.username, "password": TEST_PASSWORD},
        REMOTE_ADDR="10.0.0.1",
        HTTP_X_FORWARDED_FOR="10.1.1.1, 198.51.100.12",
    )
    assert guesser.status_code == 429
