"""Personal API tokens: hashed, several per user, expiring, last use recorded, listed and revoked
by their owner (page and API), and revoked whenever the account's credentials or role change."""

import datetime

import pytest
import time_machine
from django.contrib.auth.tokens import default_token_generator
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from accounts.models import APIToken
from accounts.services import token_create, user_deactivate, user_revoke_role
from core.roles import Role
from tests.conftest import count_queries
from tests.factories import TEST_PASSWORD

pytestmark = pytest.mark.django_db

TOKEN_URL = "/api/v1/auth/token/"
TOKENS_URL = "/api/v1/auth/tokens/"
LOGIN_ONLY = "/api/v1/focal-points/"  # answers 401/403 unless the token identifies someone


def obtain(api_client, user, **extra) -> dict:
    response = api_client.post(
        TOKEN_URL, {"username": user.username, "password": TEST_PASSWORD, **extra}, format="json"
    )
    assert response.status_code == 200, response.json()
    return response.json()


def with_token(api_client, token: str):
    api_client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    return api_client


def test_the_endpoint_issues_expiring_tokens_stored_only_as_hashes(api_client, settings, nfp_kenya):
    settings.API_TOKEN_DAYS = 7
    first, second = obtain(api_client, nfp_kenya, name="script"), obtain(api_client, nfp_kenya)
    assert first["token"] != second["token"] and first["token"].startswith("unccd_")
    rows = APIToken.objects.filter(user=nfp_kenya)
    assert rows.count() == 2
    for row in rows:
        assert first["token"] not in (row.digest, row.token_key) and len(row.digest) == 128
        assert row.expiry - timezone.now() == pytest.approx(
            datetime.timedelta(days=7), abs=datetime.timedelta(minutes=1)
        )
    assert with_token(api_client, first["token"]).get(LOGIN_ONLY).status_code == 200
    assert with_token(api_client, second["token"]).get(LOGIN_ONLY).status_code == 200


def test_a_token_stops_working_when_it_expires(api_client, nfp_kenya):
    row, token = token_create(user=nfp_kenya, days=1)
    assert with_token(api_client, token).get(LOGIN_ONLY).status_code == 200
    with time_machine.travel(timezone.now() + datetime.timedelta(days=1, minutes=1)):
        response = with_token(api_client, token).get(LOGIN_ONLY)
        assert response.status_code == 401 and response.json()["detail"] == "Invalid token."
    assert not APIToken.objects.filter(pk=row.pk).exists()  # knox drops it when it is tried


def test_the_last_use_is_recorded_to_the_minute(api_client, nfp_kenya):
    row, token = token_create(user=nfp_kenya)
    assert row.last_used_at is None
    start = timezone.now()
    with_token(api_client, token).get(LOGIN_ONLY)
    row.refresh_from_db()
    first_use = row.last_used_at
    assert first_use is not None and first_use >= start
    with_token(api_client, token).get(LOGIN_ONLY)
    row.refresh_from_db()
    assert row.last_used_at == first_use  # not rewritten within the minute
    with time_machine.travel(timezone.now() + datetime.timedelta(minutes=2)):
        with_token(api_client, token).get(LOGIN_ONLY)
    row.refresh_from_db()
    assert row.last_used_at > first_use


def test_users_list_and_revoke_their_own_tokens_only(api_client, nfp_kenya, nfp_china):
    mine, token = token_create(user=nfp_kenya, name="laptop")
    other, _ = token_create(user=nfp_china, name="theirs")
    with_token(api_client, token)
    listed = api_client.get(TOKENS_URL).json()
    assert [row["id"] for row in listed["results"]] == [mine.pk]
    assert listed["results"][0]["name"] == "laptop" and listed["results"][0]["key"] == mine.token_key
    assert token not in str(listed)
    # Somebody else's token: not found, and still there.
    assert api_client.get(f"{TOKENS_URL}{other.pk}/").status_code == 404
    assert api_client.delete(f"{TOKENS_URL}{other.pk}/").status_code == 404
    assert APIToken.objects.filter(pk=other.pk).exists()
    assert api_client.delete(f"{TOKENS_URL}{mine.pk}/").status_code == 204
    assert api_client.get(LOGIN_ONLY).status_code == 401


def test_delete_on_the_list_revokes_all_of_the_callers_tokens(api_client, nfp_kenya, nfp_china):
    _, token = token_create(user=nfp_kenya)
    token_create(user=nfp_kenya)
    token_create(user=nfp_china)
    assert with_token(api_client, token).delete(TOKENS_URL).status_code == 204
    assert not APIToken.objects.filter(user=nfp_kenya).exists()
    assert APIToken.objects.filter(user=nfp_china).count() == 1


def test_anonymous_callers_have_no_tokens_to_see(api_client):
    assert api_client.get(TOKENS_URL).status_code in (401, 403)
    assert api_client.delete(TOKENS_URL).status_code in (401, 403)


def test_the_tokens_page_creates_shows_once_and_revokes(client, nfp_kenya, nfp_china):
    other, _ = token_create(user=nfp_china, name="not yours")
    client.force_login(nfp_kenya)
    response = client.post(reverse("accounts:tokens"), {"name": "data script", "days": "10", "create": ""})
    assert response.status_code == 201
    token = response.context["new_token"]
    assert token.startswith("unccd_") and token in response.content.decode()
    row = APIToken.objects.get(user=nfp_kenya)
    assert row.name == "data script"
    page = client.get(reverse("accounts:tokens")).content.decode()
    assert token not in page and row.token_key in page and "not yours" not in page
    assert client.post(reverse("accounts:tokens"), {"revoke": other.pk}).status_code == 404
    assert client.post(reverse("accounts:tokens"), {"revoke": "1 OR 1=1"}).status_code == 404
    assert client.post(reverse("accounts:tokens"), {"revoke": row.pk}).status_code == 302
    assert not APIToken.objects.filter(pk=row.pk).exists() and APIToken.objects.filter(pk=other.pk).exists()


def test_the_tokens_page_refuses_impossible_lifetimes(client, nfp_kenya):
    client.force_login(nfp_kenya)
    response = client.post(reverse("accounts:tokens"), {"name": "x", "days": "9999"})
    assert response.status_code == 400 and not APIToken.objects.exists()


def test_the_tokens_page_needs_a_login(client):
    response = client.get(reverse("accounts:tokens"))
    assert response.status_code == 302 and reverse("accounts:login") in response["Location"]


def test_a_password_change_revokes_every_token(client, api_client, nfp_kenya):
    _, token = token_create(user=nfp_kenya)
    client.force_login(nfp_kenya)
    response = client.post(
        reverse("accounts:password_change"),
        {
            "old_password": TEST_PASSWORD,
            "new_password1": "a new long passphrase",
            "new_password2": "a new long passphrase",
        },
    )
    assert response.status_code == 302
    assert not APIToken.objects.filter(user=nfp_kenya).exists()
    assert with_token(api_client, token).get(LOGIN_ONLY).status_code == 401
    assert client.get(reverse("accounts:home")).status_code == 200  # this session carries on


def test_a_password_reset_revokes_every_token(client, api_client, nfp_kenya):
    _, token = token_create(user=nfp_kenya)
    uid = urlsafe_base64_encode(force_bytes(nfp_kenya.pk))
    link = reverse(
        "accounts:password_reset_confirm", args=[uid, default_token_generator.make_token(nfp_kenya)]
    )
    form_page = client.get(link, follow=True)
    response = client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": "another passphrase 42", "new_password2": "another passphrase 42"},
    )
    assert response.status_code == 302
    assert with_token(api_client, token).get(LOGIN_ONLY).status_code == 401


def test_deactivation_revokes_tokens_and_ends_sessions(client, api_client, nfp_kenya):
    _, token = token_create(user=nfp_kenya)
    client.force_login(nfp_kenya)
    user_deactivate(user=nfp_kenya)
    assert with_token(api_client, token).get(LOGIN_ONLY).status_code == 401
    assert not APIToken.objects.filter(user=nfp_kenya).exists()
    assert client.get(reverse("accounts:home")).status_code == 302


def test_deactivating_in_the_administration_revokes_tokens(client, secretariat_user, nfp_kenya):
    secretariat_user.is_staff = True
    secretariat_user.is_superuser = True
    secretariat_user.save()
    token_create(user=nfp_kenya)
    client.force_login(secretariat_user)
    response = client.post(
        reverse("admin:accounts_user_changelist"),
        {"action": "deactivate", "_selected_action": [nfp_kenya.pk]},
    )
    assert response.status_code == 302
    nfp_kenya.refresh_from_db()
    assert not nfp_kenya.is_active and not APIToken.objects.filter(user=nfp_kenya).exists()


def test_the_end_of_a_focal_point_role_ends_sessions_and_tokens(client, api_client, nfp_kenya):
    _, token = token_create(user=nfp_kenya)
    client.force_login(nfp_kenya)
    assert client.get(reverse("accounts:home")).status_code == 200
    user_revoke_role(user=nfp_kenya, role=Role.NATIONAL_FOCAL_POINT)
    assert with_token(api_client, token).get(LOGIN_ONLY).status_code == 401
    assert client.get(reverse("accounts:home")).status_code == 302  # logged out everywhere
    # Logging in again works, without the role.
    response = client.post(
        reverse("accounts:login"), {"username": nfp_kenya.username, "password": TEST_PASSWORD}
    )
    assert response.status_code == 302 and "_auth_user_id" in client.session


def test_other_roles_ending_keep_tokens(coordinator_africa):
    token_create(user=coordinator_africa)
    user_revoke_role(user=coordinator_africa, role=Role.REGIONAL_COORDINATOR)
    assert APIToken.objects.filter(user=coordinator_africa).exists()


def test_the_token_list_runs_a_fixed_number_of_queries(api_client, nfp_kenya):
    _, token = token_create(user=nfp_kenya)
    with_token(api_client, token)

    def fetch():
        assert api_client.get(TOKENS_URL).status_code == 200

    fetch()
    few = count_queries(fetch)
    for number in range(8):
        token_create(user=nfp_kenya, name=f"token {number}")
    assert count_queries(fetch) == few


def test_the_tokens_page_runs_a_fixed_number_of_queries(client, nfp_kenya):
    token_create(user=nfp_kenya)
    client.force_login(nfp_kenya)

    def fetch():
        assert client.get(reverse("accounts:tokens")).status_code == 200

    fetch()
    few = count_queries(fetch)
    for number in range(8):
        token_create(user=nfp_kenya, name=f"token {number}")
    assert count_queries(fetch) == few


def test_a_password_set_in_the_administration_revokes_every_token(nfp_kenya):
    from accounts.admin import PortalAdminPasswordChangeForm

    token_create(user=nfp_kenya)
    form = PortalAdminPasswordChangeForm(
        nfp_kenya,
        {
            "password1": "set by an administrator 7",
            "password2": "set by an administrator 7",
            "usable_password": "true",
        },
    )
    assert form.is_valid(), form.errors
    form.save()
    assert not APIToken.objects.filter(user=nfp_kenya).exists()
