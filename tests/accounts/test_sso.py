"""OpenID Connect single sign-on for staff, against a real provider on 127.0.0.1.

The portal's own code runs unchanged: the test client plays the browser (to the portal and,
with `requests`, to the provider), the portal fetches discovery, keys, tokens and userinfo
from the provider over HTTP.
"""

from urllib.parse import urlsplit

import pytest
import requests
from allauth.socialaccount.models import SocialAccount
from django.contrib.auth.tokens import default_token_generator
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from accounts.models import APIToken, User
from accounts.services import token_create
from core.roles import Role, roles_of
from tests.factories import UserFactory

from .conftest import GM_GROUP, SECRETARIAT_GROUP, identity, password_login, sso_sign_in

pytestmark = pytest.mark.django_db


def signed_in_user(client):
    user_id = client.session.get("_auth_user_id")
    return User.objects.get(pk=user_id) if user_id else None


def test_the_login_page_offers_sso_only_when_it_is_configured(client, settings):
    assert "sso-login" not in client.get(reverse("accounts:login")).content.decode()
    settings.SOCIALACCOUNT_PROVIDERS = {
        "openid_connect": {
            "APPS": [
                {
                    "provider_id": "staff",
                    "name": "UN staff sign-in",
                    "client_id": "x",
                    "secret": "y",
                    "settings": {"server_url": "http://127.0.0.1:9"},
                }
            ]
        }
    }
    response = client.get(reverse("accounts:login"))
    page = response.content.decode()
    assert 'id="sso-login"' in page and "UN staff sign-in" in page
    # The browser may follow the sign-in form's redirect to the identity provider.
    form_action = next(
        part
        for part in response["Content-Security-Policy"].split(";")
        if part.strip().startswith("form-action")
    )
    assert "'self'" in form_action and "http://127.0.0.1:9" in form_action


def test_a_secretariat_group_member_signs_in_and_becomes_secretariat(client, sso):
    response = sso_sign_in(client, sso, identity("sub-1", "ama@un.example", groups=[SECRETARIAT_GROUP]))
    assert response.status_code == 302 and response["Location"] == reverse("accounts:home")
    user = signed_in_user(client)
    assert user is not None and user.email == "ama@un.example"
    assert roles_of(user) == {Role.SECRETARIAT} and user.is_staff
    assert not user.has_usable_password()
    assert SocialAccount.objects.get(user=user).uid == "sub-1"
    assert client.get(reverse("accounts:home")).status_code == 200
    # The protocol, as the provider saw it: PKCE with S256, the client's secret, the verifier.
    authorize = next(query for method, path, query in sso.requests if path == "/authorize")
    assert authorize["code_challenge_method"] == "S256" and "openid" in authorize["scope"].split()
    token_request = next(form for method, path, form in sso.requests if path == "/token")
    assert token_request["code_verifier"] and token_request["grant_type"] == "authorization_code"
    assert any(path == "/userinfo" for _, path, _ in sso.requests)


def test_a_verified_email_domain_maps_to_the_gm(client, sso):
    sso_sign_in(client, sso, identity("sub-2", "gus@global-mechanism.example"))
    assert roles_of(signed_in_user(client)) == {Role.GM}


def test_an_unverified_email_domain_maps_to_nothing(client, sso):
    response = sso_sign_in(client, sso, identity("sub-3", "eve@global-mechanism.example", verified=False))
    assert response.status_code == 403
    assert "for secretariat and GM staff" in response.content.decode()
    assert signed_in_user(client) is None
    assert not User.objects.filter(email="eve@global-mechanism.example").exists()


def test_an_identity_without_a_mapped_group_is_refused(client, sso):
    response = sso_sign_in(client, sso, identity("sub-4", "visitor@un.example", groups=["Other-Team"]))
    assert response.status_code == 403
    assert signed_in_user(client) is None
    assert not User.objects.filter(email="visitor@un.example").exists()
    assert client.get(reverse("accounts:home")).status_code == 302


def test_the_role_follows_the_provider_at_every_sign_in(client, sso):
    sso_sign_in(client, sso, identity("sub-5", "moves@un.example", groups=[SECRETARIAT_GROUP]))
    user = signed_in_user(client)
    client.logout()
    sso_sign_in(client, sso, identity("sub-5", "moves@un.example", groups=[GM_GROUP]))
    assert signed_in_user(client) == user
    user.refresh_from_db()
    assert roles_of(user) == {Role.GM}
    token_create(user=user)
    client.logout()
    # Left both groups: refused, the staff roles and the API tokens are gone.
    response = sso_sign_in(client, sso, identity("sub-5", "moves@un.example", groups=[]))
    assert response.status_code == 403 and signed_in_user(client) is None
    user = User.objects.get(pk=user.pk)
    assert roles_of(user) == frozenset() and not user.is_staff
    assert not APIToken.objects.filter(user=user).exists()


def test_an_existing_local_account_is_found_by_its_verified_email(client, sso):
    local = UserFactory(username="sara", email="sara@un.example", role=Role.GM)
    token_create(user=local)
    sso_sign_in(client, sso, identity("sub-6", "sara@un.example", groups=[SECRETARIAT_GROUP]))
    user = signed_in_user(client)
    assert user == local and user.username == "sara"
    assert roles_of(user) == {Role.SECRETARIAT}
    assert SocialAccount.objects.filter(user=local, uid="sub-6").exists()
    # Whoever else knew the local password (or held its tokens) is locked out.
    assert not user.has_usable_password() and not APIToken.objects.filter(user=local).exists()


def test_focal_points_keep_logging_in_with_their_portal_password(client, sso, nfp_kenya):
    response = password_login(client, nfp_kenya)
    assert response.status_code == 302 and response["Location"] == reverse("accounts:home")
    assert signed_in_user(client) == nfp_kenya


def test_a_wrong_state_is_refused(client, sso):
    sso.identity = identity("sub-7", "ama@un.example", groups=[SECRETARIAT_GROUP])
    client.post(reverse("openid_connect_login", kwargs={"provider_id": "staff"}))
    response = client.get(
        reverse("openid_connect_callback", kwargs={"provider_id": "staff"}), {"code": "x", "state": "forged"}
    )
    assert signed_in_user(client) is None
    assert response.status_code == 401
    assert not User.objects.filter(email="ama@un.example").exists()


@pytest.mark.parametrize(("sso_counts", "home_status"), [(False, 302), (True, 200)])
def test_sso_counts_as_second_factor_only_when_configured(client, sso, settings, sso_counts, home_status):
    settings.TWO_FACTOR_REQUIRED_FOR_STAFF = True
    settings.SSO_COUNTS_AS_TWO_FACTOR = sso_counts
    sso_sign_in(client, sso, identity("sub-8", "strict@un.example", groups=[SECRETARIAT_GROUP]))
    response = client.get(reverse("accounts:home"))
    assert response.status_code == home_status
    if home_status == 302:
        assert response["Location"] == reverse("mfa_activate_totp")
        # An account that only signs in by SSO confirms with a fresh sign-in, not a password.
        assert client.get(reverse("mfa_activate_totp")).status_code == 200


# --- no way around the single sign-on: no sign-up, no linking, no local password -------------


def test_local_sign_up_is_closed(client):
    for method in (client.get, client.post):
        response = method(reverse("account_signup"), {"username": "self", "email": "self@example.org"})
        assert response.status_code == 302 and response["Location"].startswith(reverse("accounts:login"))
    # allauth's own sign-up form is closed too, and without a staff sign-in waiting there is
    # nothing to complete on the single sign-on's.
    response = client.post(reverse("socialaccount_signup"), {"username": "self", "email": "self@example.org"})
    assert response.status_code == 302 and response["Location"].startswith(reverse("accounts:login"))
    assert not User.objects.filter(email="self@example.org").exists()


def test_an_identity_cannot_be_linked_to_a_signed_in_account(client, sso, nfp_kenya):
    """A focal point who links a staff identity would get the staff roles at its next sign-in,
    and keep the local password beside the single sign-on."""
    client.force_login(nfp_kenya)
    sso.identity = identity("sub-9", "linker@un.example", groups=[SECRETARIAT_GROUP])
    start = client.post(
        reverse("openid_connect_login", kwargs={"provider_id": "staff"}), {"process": "connect"}
    )
    assert start.status_code == 302
    at_provider = requests.get(start["Location"], allow_redirects=False, timeout=10)
    back = urlsplit(at_provider.headers["Location"])
    response = client.get(f"{back.path}?{back.query}")
    assert response.status_code == 403
    assert not SocialAccount.objects.exists()
    assert not User.objects.filter(email="linker@un.example").exists()
    nfp_kenya.refresh_from_db()
    assert roles_of(nfp_kenya) == {Role.NATIONAL_FOCAL_POINT} and nfp_kenya.has_usable_password()
    # Nor does a page offer it.
    assert client.get(reverse("socialaccount_connections"))["Location"] == reverse("mfa_index")


@pytest.fixture
def sso_only_user(client, sso):
    """A secretariat member who signs in only by single sign-on (signed out again)."""
    sso_sign_in(client, sso, identity("sub-10", "only-sso@un.example", groups=[SECRETARIAT_GROUP]))
    client.logout()
    user = User.objects.get(email="only-sso@un.example")
    assert user.signs_in_by_sso and not user.has_usable_password()
    return user


def test_an_sso_account_gets_no_password_reset_link(client, mailoutbox, sso_only_user):
    response = client.post(reverse("accounts:password_reset"), {"email": "only-sso@un.example"})
    # The same answer as for an unknown address: nothing tells whether the account exists.
    assert response.status_code == 302 and response.url == reverse("accounts:password_reset_done")
    assert mailoutbox == []


def test_an_sso_account_cannot_use_a_reset_link(client, sso_only_user):
    uid = urlsafe_base64_encode(force_bytes(sso_only_user.pk))
    token = default_token_generator.make_token(sso_only_user)
    link = reverse("accounts:password_reset_confirm", kwargs={"uidb64": uid, "token": token})
    page = client.get(link, follow=True)
    assert page.context["validlink"] is False
    new = {"new_password1": "Land-degradation-neutral-2030", "new_password2": "Land-degradation-neutral-2030"}
    client.post(page.redirect_chain[-1][0] if page.redirect_chain else link, new)
    client.post(link.replace(token, "set-password"), new)
    sso_only_user.refresh_from_db()
    assert not sso_only_user.has_usable_password()


def test_an_sso_account_cannot_set_a_password_on_the_password_page(client, sso_only_user):
    client.force_login(sso_only_user)
    new = {"old_password": "", "new_password1": "Land-2030-neutral!", "new_password2": "Land-2030-neutral!"}
    for name in ("accounts:password_change", "account_change_password"):
        assert client.get(reverse(name)).status_code == 403
        assert client.post(reverse(name), new).status_code == 403
    sso_only_user.refresh_from_db()
    assert not sso_only_user.has_usable_password()


def test_a_local_account_linked_by_email_loses_its_reset_path(client, sso, mailoutbox):
    UserFactory(username="kofi", email="kofi@un.example", role=Role.GM)
    sso_sign_in(client, sso, identity("sub-11", "kofi@un.example", groups=[GM_GROUP]))
    client.logout()
    client.post(reverse("accounts:password_reset"), {"email": "kofi@un.example"})
    assert mailoutbox == []
