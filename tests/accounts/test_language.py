"""The interface language: switched in the header, remembered per user, followed by the API."""

import pytest
from django.conf import settings
from django.urls import reverse

from tests.factories import TEST_PASSWORD

pytestmark = pytest.mark.django_db


def test_switching_language_remembers_it_for_the_user(client, nfp_kenya):
    client.force_login(nfp_kenya)
    response = client.post(reverse("accounts:switch_language"), {"language": "zh-hans", "next": "/"})
    assert response.status_code == 302
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "zh-hans"
    nfp_kenya.refresh_from_db()
    assert nfp_kenya.preferred_language == "zh-hans"


def test_the_remembered_language_comes_back_at_login(client, nfp_kenya):
    nfp_kenya.preferred_language = "ar"
    nfp_kenya.save()
    response = client.post(
        reverse("accounts:login"), {"username": nfp_kenya.username, "password": TEST_PASSWORD}
    )
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "ar"
    page = client.get(reverse("accounts:home"))
    assert 'dir="rtl"' in page.content.decode()


def test_unknown_language_is_ignored_and_not_stored(client, nfp_kenya):
    client.force_login(nfp_kenya)
    client.post(reverse("accounts:switch_language"), {"language": "klingon", "next": "/"})
    nfp_kenya.refresh_from_db()
    assert nfp_kenya.preferred_language == ""


def test_anonymous_switch_sets_only_the_cookie(client):
    response = client.post(reverse("accounts:switch_language"), {"language": "fr", "next": "/"})
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "fr"


def test_api_errors_follow_accept_language(api_client):
    response = api_client.get("/api/v1/countries/ZZZ/", HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert response.status_code == 404
    assert response.json()["detail"] != "Not found."


def test_login_form_fields_are_styled_and_labelled_in_the_language(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "zh-hans"
    body = client.get(reverse("accounts:login")).content.decode()
    assert body.count('class="form-control"') == 2
    assert ">Password" not in body  # the label follows the language like the username's


def test_language_chosen_before_login_is_remembered(client, nfp_kenya):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "es"
    client.post(reverse("accounts:login"), {"username": nfp_kenya.username, "password": TEST_PASSWORD})
    nfp_kenya.refresh_from_db()
    assert nfp_kenya.preferred_language == "es"
