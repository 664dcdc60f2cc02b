"""Two-factor authentication: enrolment, the login's second step, recovery codes, and staff
who may do nothing without a second factor when the setting requires one (production)."""

import datetime
import json

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from accounts.services import token_create
from tests.factories import TEST_PASSWORD
from tests.platform.test_settings import run_python

from .conftest import enrol_totp, password_login, totp_code

pytestmark = pytest.mark.django_db

TOKEN_URL = "/api/v1/auth/token/"


def signed_in(client) -> bool:
    return "_auth_user_id" in client.session


def later(seconds: int = 31):
    """Past the current 30-second step: a TOTP code is accepted once only."""
    return time_machine.travel(timezone.now() + datetime.timedelta(seconds=seconds), tick=True)


def test_totp_enrolment_then_the_login_asks_for_a_code(client, nfp_kenya):
    password_login(client, nfp_kenya)
    secret, _codes = enrol_totp(client, nfp_kenya)
    client.logout()

    with later():
        response = password_login(client, nfp_kenya)
        assert response.status_code == 302 and response["Location"] == reverse("mfa_authenticate")
        assert not signed_in(client)
        page = client.get(reverse("mfa_authenticate"))
        assert page.status_code == 200 and 'autocomplete="one-time-code"' in page.content.decode()
        wrong = client.post(reverse("mfa_authenticate"), {"code": "000000"})
        assert wrong.status_code == 200 and not signed_in(client)
        right = client.post(reverse("mfa_authenticate"), {"code": totp_code(secret)})
        assert right.status_code == 302 and right["Location"] == reverse("accounts:home")
        assert signed_in(client)


def test_a_recovery_code_signs_in_once(client, nfp_kenya):
    password_login(client, nfp_kenya)
    _secret, codes = enrol_totp(client, nfp_kenya)
    client.logout()
    password_login(client, nfp_kenya)
    response = client.post(reverse("mfa_authenticate"), {"code": codes[0]})
    assert response.status_code == 302 and signed_in(client)
    client.logout()
    password_login(client, nfp_kenya)
    again = client.post(reverse("mfa_authenticate"), {"code": codes[0]})
    assert again.status_code == 200 and not signed_in(client)
    assert client.post(reverse("mfa_authenticate"), {"code": codes[1]}).status_code == 302


def test_the_next_address_survives_the_second_step(client, nfp_kenya):
    password_login(client, nfp_kenya)
    secret, _codes = enrol_totp(client, nfp_kenya)
    client.logout()
    with later():
        client.post(
            reverse("accounts:login"),
            {"username": nfp_kenya.username, "password": TEST_PASSWORD, "next": "/regions/focal-points/"},
        )
        response = client.post(reverse("mfa_authenticate"), {"code": totp_code(secret)})
    assert response["Location"] == "/regions/focal-points/"


def test_two_factor_is_optional_for_focal_points_even_when_required_for_staff(client, settings, nfp_kenya):
    settings.TWO_FACTOR_REQUIRED_FOR_STAFF = True
    password_login(client, nfp_kenya)
    assert client.get(reverse("accounts:home")).status_code == 200


def test_the_account_page_disables_two_factor(client, nfp_kenya):
    password_login(client, nfp_kenya)
    enrol_totp(client, nfp_kenya)
    index = client.get(reverse("mfa_index")).content.decode()
    assert reverse("mfa_deactivate_totp") in index
    response = client.post(reverse("mfa_deactivate_totp"))
    assert response.status_code == 302
    client.logout()
    assert password_login(client, nfp_kenya)["Location"] == reverse("accounts:home")


class TestStaffWithoutSecondFactorUnderProductionSettings:
    @pytest.fixture(autouse=True)
    def _required(self, settings):
        settings.TWO_FACTOR_REQUIRED_FOR_STAFF = True

    def test_the_session_reaches_only_the_enrolment(self, client, secretariat_user):
        password_login(client, secretariat_user)
        for url in (
            reverse("accounts:home"),
            reverse("regions:nomination_list"),
            reverse("accounts:api_client_list"),
            reverse("accounts:tokens"),
            "/admin/",
        ):
            response = client.get(url)
            assert response.status_code == 302, url
            assert response["Location"] == reverse("mfa_activate_totp"), url
        api = client.get("/api/v1/nominations/")
        assert api.status_code == 403 and "Two-factor authentication is required" in api.json()["detail"]
        assert client.get(reverse("mfa_index")).status_code == 200

    def test_no_token_for_the_password_alone(self, api_client, secretariat_user):
        response = api_client.post(
            TOKEN_URL, {"username": secretariat_user.username, "password": TEST_PASSWORD}, format="json"
        )
        assert response.status_code == 403 and "token" not in response.json()

    def test_a_token_issued_before_stops_working(self, api_client, secretariat_user):
        _row, token = token_create(user=secretariat_user)
        api_client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
        response = api_client.get("/api/v1/nominations/")
        assert response.status_code in (401, 403) and "Two-factor" in response.json()["detail"]

    def test_after_enrolment_everything_opens(self, client, api_client, secretariat_user):
        password_login(client, secretariat_user)
        secret, _codes = enrol_totp(client, secretariat_user)
        assert client.get(reverse("accounts:home")).status_code == 200
        assert client.get(reverse("regions:nomination_list")).status_code == 200
        with later():
            response = api_client.post(
                TOKEN_URL,
                {"username": secretariat_user.username, "password": TEST_PASSWORD, "code": totp_code(secret)},
                format="json",
            )
        assert response.status_code == 200
        api_client.credentials(HTTP_AUTHORIZATION=f"Token {response.json()['token']}")
        assert api_client.get("/api/v1/nominations/").status_code == 200

    def test_the_administration_login_goes_through_the_portal_login(self, client):
        response = client.get("/admin/login/?next=/admin/")
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("accounts:login"))


def test_the_token_endpoint_asks_accounts_with_two_factor_for_a_code(client, api_client, nfp_kenya):
    password_login(client, nfp_kenya)
    secret, codes = enrol_totp(client, nfp_kenya)
    credentials = {"username": nfp_kenya.username, "password": TEST_PASSWORD}
    missing = api_client.post(TOKEN_URL, credentials, format="json")
    assert missing.status_code == 400 and "code" in missing.json()
    wrong = api_client.post(TOKEN_URL, {**credentials, "code": "123456"}, format="json")
    assert wrong.status_code == 400 and "token" not in wrong.json()
    with later():
        right = api_client.post(TOKEN_URL, {**credentials, "code": totp_code(secret)}, format="json")
    assert right.status_code == 200 and right.json()["token"]
    recovery = api_client.post(TOKEN_URL, {**credentials, "code": codes[0]}, format="json")
    assert recovery.status_code == 200


PROBE = (
    "import json, django; from django.conf import settings; django.setup(); "
    "print(json.dumps({'required': settings.TWO_FACTOR_REQUIRED_FOR_STAFF, "
    "'sso': bool(settings.SOCIALACCOUNT_PROVIDERS['openid_connect']['APPS'])}))"
)
PRODUCTION = {
    "SECRET_KEY": "x" * 60,
    "ALLOWED_HOSTS": "portal.unccd.int",
    "DATABASE_URL": "postgres://portal@db/portal",
    "REDIS_URL": "redis://redis:6379/0",
}


def probe(settings_module: str, **env_vars) -> dict:
    result = run_python(PROBE, settings_module, **env_vars)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_production_requires_two_factor_of_staff_and_development_does_not():
    assert probe("unccd_portal.settings.production", **PRODUCTION) == {"required": True, "sso": False}
    assert probe("unccd_portal.settings.development") == {"required": False, "sso": False}
    configured = probe(
        "unccd_portal.settings.production",
        **PRODUCTION,
        OIDC_ISSUER_URL="https://login.example.org/tenant/v2.0",
        OIDC_CLIENT_ID="portal",
        OIDC_CLIENT_SECRET="secret",
    )
    assert configured == {"required": True, "sso": True}
