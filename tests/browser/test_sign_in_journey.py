"""Sign-in journeys in a real browser: an authenticator app, a passkey (Chromium's virtual
authenticator), staff single sign-on through a local OpenID provider, and a personal API token."""

import pytest
from playwright.sync_api import expect

from accounts.models import User
from core.roles import Role, roles_of
from tests.accounts.conftest import GM_GROUP, identity, totp_code
from tests.accounts.oidc_issuer import LocalOpenIDProvider

from .conftest import log_in

PASSWORD = "unccd-demo"


def open_account_menu(page, entry: str) -> None:
    page.locator(".user-menu").click()
    page.get_by_role("link", name=entry, exact=True).click()


def log_out(page) -> None:
    page.locator(".user-menu").click()
    page.get_by_role("button", name="Log out").click()


def confirm_password_if_asked(page) -> None:
    if "/reauthenticate/" in page.url:
        page.fill("#id_password", PASSWORD)
        page.locator("main button[type=submit]").first.click()


def test_nfp_enrols_an_authenticator_app_and_logs_in_with_a_code(page, demo_site):
    log_in(page, "nfp-kenya")
    open_account_menu(page, "Two-factor authentication")
    expect(page.locator("h1")).to_have_text("Two-Factor Authentication")
    page.get_by_role("link", name="Activate").first.click()
    confirm_password_if_asked(page)
    secret = page.locator("#authenticator_secret").input_value()
    page.fill("#id_code", totp_code(secret))
    page.get_by_role("button", name="Activate").click()
    page.wait_for_url("**/2fa/recovery-codes/")
    expect(page.locator("main")).to_contain_text("Recovery Codes")

    log_out(page)
    page.goto("/accounts/login/")
    page.fill("#id_username", "nfp-kenya")
    page.fill("#id_password", PASSWORD)
    page.click("main button[type=submit]")
    page.wait_for_url("**/2fa/authenticate/")
    page.fill("#id_code", totp_code(secret))
    page.locator("main button[type=submit]").first.click()
    page.wait_for_url("**/accounts/home/")
    expect(page.locator("h1")).to_have_text("Kenya")


def test_a_passkey_signs_in_without_a_password(page, demo_site):
    cdp = page.context.new_cdp_session(page)
    cdp.send("WebAuthn.enable")
    cdp.send(
        "WebAuthn.addVirtualAuthenticator",
        {
            "options": {
                "protocol": "ctap2",
                "transport": "internal",
                "hasResidentKey": True,
                "hasUserVerification": True,
                "isUserVerified": True,
            }
        },
    )
    log_in(page, "stc-kenya")
    page.goto("/accounts/2fa/webauthn/add/")
    confirm_password_if_asked(page)
    page.fill("#id_name", "Laptop passkey")
    page.check("#id_passwordless")
    page.click("#mfa_webauthn_add")
    page.wait_for_url(lambda url: "/webauthn/add/" not in url)
    page.goto("/accounts/2fa/webauthn/")
    expect(page.locator("main")).to_contain_text("Laptop passkey")

    log_out(page)
    page.goto("/accounts/login/")
    page.click("#passkey_login")
    page.wait_for_url("**/accounts/home/")
    expect(page.locator(".user-menu")).to_contain_text("Kenya STC")


@pytest.fixture
def oidc_provider():
    provider = LocalOpenIDProvider().start()
    yield provider
    provider.stop()


def test_gm_staff_sign_in_through_the_identity_provider(page, demo_site, settings, oidc_provider):
    settings.SOCIALACCOUNT_PROVIDERS = {
        "openid_connect": {
            "OAUTH_PKCE_ENABLED": True,
            "APPS": [
                {
                    "provider_id": "staff",
                    "name": "UN staff sign-in",
                    "client_id": oidc_provider.client_id,
                    "secret": oidc_provider.client_secret,
                    "settings": {"server_url": oidc_provider.url},
                }
            ],
        }
    }
    settings.OIDC_GM_GROUPS = [GM_GROUP]
    oidc_provider.identity = identity("gm-77", "lena.gm@un.example", groups=[GM_GROUP])
    page.goto("/accounts/login/")
    page.get_by_role("button", name="Secretariat and GM staff: UN staff sign-in").click()
    page.wait_for_url("**/accounts/home/")
    expect(page.locator("h1")).to_contain_text("Global Mechanism")
    user = User.objects.get(email="lena.gm@un.example")
    assert roles_of(user) == {Role.GM}


def test_a_user_creates_an_api_token_seen_once(page, demo_site):
    log_in(page, "nfp-china")
    open_account_menu(page, "API tokens")
    page.fill("#id_name", "Reporting script")
    page.get_by_role("button", name="Create a token").click()
    token = page.locator("#new-token .token-once").inner_text().strip()
    assert token.startswith("unccd_")
    expect(page.locator("#token-list")).to_contain_text("Reporting script")
    page.goto("/accounts/tokens/")
    expect(page.locator("main")).not_to_contain_text(token)
    response = page.request.get("/api/v1/auth/tokens/", headers={"Authorization": f"Token {token}"})
    assert response.ok and response.json()["count"] == 1
