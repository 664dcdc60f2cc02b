"""Keeping the user's work when a session ends: the session's remaining time on every page, the
keep-alive endpoint, the friendly CSRF failure page that keeps the posted values, and the marker
that tells the page's script a form was saved."""

import re

import pytest
from django.conf import settings
from django.test import Client

from accounts.sessions import REFRESHED_AT

pytestmark = pytest.mark.django_db


def test_every_signed_in_page_knows_when_its_session_ends(client, nfp_kenya):
    client.force_login(nfp_kenya)
    page = client.get("/accounts/home/").content.decode()
    left = int(re.search(r'data-seconds-left="(\d+)"', page).group(1))
    assert settings.SESSION_COOKIE_AGE - 60 <= left <= settings.SESSION_COOKIE_AGE
    assert 'data-keep-alive-url="/accounts/session/keep-alive/"' in page and "js/session.js" in page
    assert 'id="session-labels"' in page
    assert "session-keeper" not in Client().get("/").content.decode()


def test_a_session_is_refreshed_at_most_once_per_interval(client, nfp_kenya, settings):
    settings.SESSION_REFRESH_INTERVAL = 300
    client.force_login(nfp_kenya)
    first = client.session[REFRESHED_AT]
    client.get("/accounts/home/")
    assert client.session[REFRESHED_AT] == first  # within the interval: the session is not written
    session = client.session
    session[REFRESHED_AT] = first - 301
    session.save()
    client.get("/accounts/home/")
    assert client.session[REFRESHED_AT] > first - 1  # past it: the request keeps the session alive


def test_keep_alive_extends_the_session_of_a_signed_in_user_only(client, nfp_kenya):
    response = client.post("/accounts/session/keep-alive/")
    assert response.status_code == 401 and response.json()["seconds_left"] == 0
    assert client.get("/accounts/session/keep-alive/").status_code == 405
    client.force_login(nfp_kenya)
    session = client.session
    session[REFRESHED_AT] = session[REFRESHED_AT] - 120
    session.save()
    before = client.session[REFRESHED_AT]
    response = client.post("/accounts/session/keep-alive/")
    assert response.status_code == 200 and response.json() == {"seconds_left": settings.SESSION_COOKIE_AGE}
    assert client.session[REFRESHED_AT] >= before + 119


@pytest.fixture
def csrf_client(nfp_kenya):
    client = Client(enforce_csrf_checks=True)
    client.force_login(nfp_kenya)
    client.get("/accounts/notifications/")  # sets the CSRF cookie, as a page would
    return client


def test_a_stale_csrf_token_shows_a_friendly_page_that_keeps_the_values(csrf_client):
    response = csrf_client.post(
        "/accounts/password/",
        {"old_password": "secret-1", "note": "58 120", "csrfmiddlewaretoken": "x" * 64},
        HTTP_ORIGIN="http://testserver",
    )
    page = response.content.decode()
    assert response.status_code == 403 and "Your form has expired" in page
    assert "CSRF verification failed" not in page
    assert '<input type="hidden" name="note" value="58 120">' in page  # to send again
    assert "secret-1" not in page  # never a password
    assert 'action="/accounts/password/"' in page
    fresh = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    assert fresh != "x" * 64


def test_a_post_from_another_site_gets_no_values_back(csrf_client):
    response = csrf_client.post(
        "/accounts/password/", {"note": "attacker-text"}, HTTP_ORIGIN="https://evil.example"
    )
    page = response.content.decode()
    assert response.status_code == 403 and "Your form has expired" in page
    assert "attacker-text" not in page and 'id="csrf-resend"' not in page


def test_an_anonymous_stale_post_is_sent_to_log_in_and_the_api_answers_json(nfp_kenya):
    client = Client(enforce_csrf_checks=True)
    client.get("/accounts/login/")
    response = client.post(
        "/accounts/password/reset/", {"email": "someone@example.org"}, HTTP_ORIGIN="http://testserver"
    )
    page = response.content.decode()
    assert response.status_code == 403 and "someone@example.org" not in page
    assert "/accounts/login/?next=" in page
    client.force_login(nfp_kenya)
    response = client.post("/api/v1/notifications/read-all/", {}, HTTP_ORIGIN="http://testserver")
    assert response.status_code == 403 and response["Content-Type"] == "application/json"


def test_a_saved_form_tells_the_page_its_copy_may_go(client, secretariat_user, kenya):
    client.force_login(secretariat_user)
    assert "data-keep-input" in client.get("/regions/host-institutions/new/").content.decode()
    data = {"name": "Host X", "kind": "government", "country": kenya.pk}
    response = client.post("/regions/host-institutions/new/", data, follow=True)
    assert response.redirect_chain  # saved: the message carries the marker
    assert 'class="alert alert-success form-saved"' in response.content.decode()
