"""Fixtures of the sign-in tests: a real OpenID provider on 127.0.0.1, TOTP codes, enrolment."""

import base64
import hashlib
import hmac
import struct
import time
from urllib.parse import urlsplit

import pytest
import requests
from django.urls import reverse

from tests.factories import TEST_PASSWORD

from .oidc_issuer import LocalOpenIDProvider

SECRETARIAT_GROUP = "UNCCD-Secretariat"
GM_GROUP = "Global-Mechanism"


@pytest.fixture(scope="session")
def oidc_provider():
    provider = LocalOpenIDProvider().start()
    yield provider
    provider.stop()


@pytest.fixture
def sso(settings, oidc_provider):
    """Single sign-on configured as production would be from OIDC_* variables, to the local provider."""
    settings.SOCIALACCOUNT_PROVIDERS = {
        "openid_connect": {
            "OAUTH_PKCE_ENABLED": True,
            "APPS": [
                {
                    "provider_id": settings.OIDC_PROVIDER_ID,
                    "name": "UN staff sign-in",
                    "client_id": oidc_provider.client_id,
                    "secret": oidc_provider.client_secret,
                    "settings": {"server_url": oidc_provider.url, "fetch_userinfo": True},
                }
            ],
        }
    }
    settings.OIDC_GROUPS_CLAIM = "groups"
    settings.OIDC_SECRETARIAT_GROUPS = [SECRETARIAT_GROUP]
    settings.OIDC_GM_GROUPS = [GM_GROUP]
    settings.OIDC_SECRETARIAT_EMAIL_DOMAINS = []
    settings.OIDC_GM_EMAIL_DOMAINS = ["global-mechanism.example"]
    oidc_provider.requests.clear()
    return oidc_provider


def identity(sub: str, email: str, groups=(), verified=True, **claims) -> dict:
    return {
        "sub": sub,
        "email": email,
        "email_verified": verified,
        "given_name": "Ama",
        "family_name": "Staff",
        "name": "Ama Staff",
        "groups": list(groups),
        **claims,
    }


def sso_sign_in(client, provider, claims: dict):
    """The whole authorization code flow: the portal sends the browser to the provider, which
    signs in `claims` and sends it back with a code; the portal then fetches the tokens."""
    provider.identity = claims
    start = client.post(reverse("openid_connect_login", kwargs={"provider_id": "staff"}))
    assert start.status_code == 302, start.content[:500]
    assert start["Location"].startswith(f"{provider.url}/authorize?")
    at_provider = requests.get(start["Location"], allow_redirects=False, timeout=10)
    assert at_provider.status_code == 302, at_provider.text
    back = urlsplit(at_provider.headers["Location"])
    assert back.netloc == "testserver"
    return client.get(f"{back.path}?{back.query}")


def totp_code(secret: str, at: float | None = None) -> str:
    """RFC 6238 (30-second steps, 6 digits, SHA-1), as an authenticator app computes it."""
    counter = int((time.time() if at is None else at) // 30)
    key = base64.b32decode(secret.upper() + "=" * (-len(secret) % 8))
    digest = hmac.new(key, struct.pack(">Q", counter), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    value = struct.unpack(">I", digest[offset : offset + 4])[0] & 0x7FFFFFFF
    return f"{value % 1_000_000:06d}"


def password_login(client, user, password: str = TEST_PASSWORD, **extra):
    return client.post(reverse("accounts:login"), {"username": user.username, "password": password}, **extra)


def enrol_totp(client, user, password: str = TEST_PASSWORD) -> tuple[str, list[str]]:
    """Enrol an authenticator app through the pages, as a signed-in user does: confirm the
    password, scan the secret, type a code; returns the secret and the recovery codes shown."""
    activate = reverse("mfa_activate_totp")
    response = client.get(activate)
    if response.status_code == 302 and reverse("account_reauthenticate") in response["Location"]:
        confirmed = client.post(response["Location"], {"password": password})
        assert confirmed.status_code == 302, confirmed.content[:500]
        response = client.get(activate)
    assert response.status_code == 200, response.status_code
    secret = response.context["form"].secret
    done = client.post(activate, {"code": totp_code(secret)})
    assert done.status_code == 302 and done["Location"] == reverse("mfa_view_recovery_codes"), done
    codes = client.get(reverse("mfa_view_recovery_codes")).context["unused_codes"]
    assert len(codes) == 10
    return secret, list(codes)
