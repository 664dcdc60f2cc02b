"""API clients: created by the secretariat with a scope, token shown once, expiry, last use,
renewal and revocation; what a published-data client and a one-Party client may read."""

import datetime

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from accounts.choices import APIClientScope
from accounts.models import APIClient, APIToken, User
from accounts.services import api_client_create
from core.roles import Role, roles_of
from tests.conftest import count_queries
from tests.factories import ObservationFactory, SubmissionFactory, api_token_for
from unccd_portal.demo import accounts as demo_accounts

pytestmark = pytest.mark.django_db

URL = "/api/v1/api-clients/"


def as_user(api_client, user):
    if user is not None:
        api_client.credentials(HTTP_AUTHORIZATION=f"Token {api_token_for(user)}")
    return api_client


def with_token(api_client, token):
    api_client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    return api_client


@pytest.fixture
def submissions(kenya, china):
    """Kenya and China each with a validated submission and a draft (one value each)."""
    rows = {}
    for country in (kenya, china):
        for state in ("validated", "draft"):
            submission = SubmissionFactory(country=country, state=state)
            ObservationFactory(submission=submission)
            rows[country.iso3, state] = submission.pk
    return rows


def submission_ids(api_client) -> set[int]:
    response = api_client.get("/api/v1/submissions/?page_size=100")
    assert response.status_code == 200
    return {row["id"] for row in response.json()["results"]}


def result_countries(api_client) -> set[str]:
    response = api_client.get("/api/v1/results/?page_size=100")
    assert response.status_code == 200
    return {row["country"] for row in response.json()["results"]}


@pytest.mark.parametrize(
    ("who", "read", "write"),
    [
        (None, 401, 401),
        ("nfp_kenya", 403, 403),
        ("coordinator_africa", 403, 403),
        ("api_reader", 403, 403),
        ("gm_user", 200, 403),
        ("secretariat_user", 200, 201),
    ],
)
def test_who_may_see_and_create_api_clients(request, api_client, who, read, write):
    existing, _ = api_client_create(user=None, name="Existing", scope=APIClientScope.PUBLISHED)
    user = request.getfixturevalue(who) if who else None
    as_user(api_client, user)
    response = api_client.get(URL)
    assert response.status_code == read
    if read == 200:
        assert [row["name"] for row in response.json()["results"]] == ["Existing"]
    else:
        assert "Existing" not in str(response.content)
    created = api_client.post(URL, {"name": "FAO data hub", "scope": "published"}, format="json")
    assert created.status_code == write
    assert APIClient.objects.filter(name="FAO data hub").exists() == (write == 201)
    revoked = api_client.post(f"{URL}{existing.pk}/revoke/")
    assert revoked.status_code == (200 if write == 201 else write)
    existing.refresh_from_db()
    assert existing.is_revoked == (write == 201)


def test_the_token_is_shown_once_and_expires_after_the_default(api_client, settings, secretariat_user):
    settings.API_CLIENT_TOKEN_DAYS = 90
    as_user(api_client, secretariat_user)
    response = api_client.post(
        URL, {"name": "World Bank", "purpose": "Land indicators", "scope": "published"}, format="json"
    )
    assert response.status_code == 201
    body = response.json()
    token = body["token"]
    client = APIClient.objects.get(pk=body["id"])
    assert body["account"] == client.account.username and roles_of(client.account) == {Role.API_READER}
    assert not client.account.has_usable_password()
    row = APIToken.objects.get(client=client)
    assert row.expiry - timezone.now() == pytest.approx(
        datetime.timedelta(days=90), abs=datetime.timedelta(minutes=1)
    )
    assert token not in api_client.get(URL).content.decode()
    assert "token" not in api_client.get(f"{URL}{client.pk}/").json()
    assert with_token(api_client, token).get("/api/v1/submissions/").status_code == 200
    with time_machine.travel(timezone.now() + datetime.timedelta(days=91)):
        assert with_token(api_client, token).get("/api/v1/submissions/").status_code == 401


def test_a_party_client_needs_a_party_and_a_published_client_none(api_client, secretariat_user):
    as_user(api_client, secretariat_user)
    assert api_client.post(URL, {"name": "A", "scope": "party"}, format="json").status_code == 400
    assert (
        api_client.post(URL, {"name": "B", "scope": "published", "country": "KEN"}, format="json").status_code
        == 400
    )
    assert (
        api_client.post(URL, {"name": "C", "scope": "party", "country": "XXX"}, format="json").status_code
        == 400
    )
    assert (
        api_client.post(URL, {"name": "D", "scope": "party", "country": "KEN"}, format="json").status_code
        == 201
    )
    assert api_client.post(URL, {"name": "d", "scope": "published"}, format="json").status_code == 400
    assert list(APIClient.objects.values_list("name", flat=True)) == ["D"]
    assert not User.objects.filter(username__startswith="api-a").exists()


def test_a_published_data_client_reads_validated_data_only(api_client, submissions):
    _, token = api_client_create(user=None, name="Published", scope=APIClientScope.PUBLISHED)
    with_token(api_client, token)
    assert submission_ids(api_client) == {submissions["KEN", "validated"], submissions["CHN", "validated"]}
    assert result_countries(api_client) == {"KEN", "CHN"}
    assert api_client.get(f"/api/v1/submissions/{submissions['KEN', 'draft']}/").status_code == 404
    assert api_client.get("/api/v1/focal-points/").json()["count"] == 0
    assert api_client.get("/api/v1/finance-snapshots/").json()["count"] == 0


def test_a_party_client_reads_that_partys_data_only(api_client, kenya, submissions):
    _, token = api_client_create(user=None, name="Kenya NRS", scope=APIClientScope.PARTY, country=kenya)
    with_token(api_client, token)
    assert submission_ids(api_client) == {submissions["KEN", "validated"], submissions["KEN", "draft"]}
    assert result_countries(api_client) == {"KEN"}
    for state in ("validated", "draft"):
        assert api_client.get(f"/api/v1/submissions/{submissions['CHN', state]}/").status_code == 404
    # Read-only: it cannot start, change or hand in anything.
    draft = submissions["KEN", "draft"]
    assert api_client.post(f"/api/v1/submissions/{draft}/submit/").status_code == 403
    assert api_client.get("/api/v1/focal-points/").json()["count"] == 0


def test_renewal_replaces_the_token(api_client, secretariat_user):
    client, old = api_client_create(user=None, name="Renewed", scope=APIClientScope.PUBLISHED)
    as_user(api_client, secretariat_user)
    response = api_client.post(f"{URL}{client.pk}/rotate/", {"days": 30}, format="json")
    assert response.status_code == 200
    new = response.json()["token"]
    assert with_token(api_client, old).get("/api/v1/submissions/").status_code == 401
    assert with_token(api_client, new).get("/api/v1/submissions/").status_code == 200
    expiry = APIToken.objects.get(client=client).expiry
    assert expiry - timezone.now() == pytest.approx(
        datetime.timedelta(days=30), abs=datetime.timedelta(minutes=1)
    )


def test_revocation_ends_the_client_for_good(api_client, secretariat_user):
    client, token = api_client_create(user=None, name="Gone", scope=APIClientScope.PUBLISHED)
    as_user(api_client, secretariat_user)
    body = api_client.post(f"{URL}{client.pk}/revoke/").json()
    assert body["revoked_at"] and body["revoked_by"] == str(secretariat_user)
    assert with_token(api_client, token).get("/api/v1/submissions/").status_code == 401
    client.refresh_from_db()
    assert not client.account.is_active and not APIToken.objects.filter(client=client).exists()
    as_user(api_client, secretariat_user)
    assert api_client.post(f"{URL}{client.pk}/rotate/").status_code == 400
    assert api_client.get(f"{URL}?revoked=true").json()["count"] == 1
    assert api_client.get(f"{URL}?revoked=false").json()["count"] == 0


def test_the_clients_last_use_is_recorded(api_client):
    client, token = api_client_create(user=None, name="Used", scope=APIClientScope.PUBLISHED)
    assert client.last_used_at is None
    with_token(api_client, token).get("/api/v1/submissions/")
    client.refresh_from_db()
    assert client.last_used_at is not None
    assert APIToken.objects.get(client=client).last_used_at == client.last_used_at


def test_the_page_creates_a_client_and_shows_its_token_once(client, secretariat_user, kenya):
    client.force_login(secretariat_user)
    response = client.post(
        reverse("accounts:api_client_list"),
        {"name": "Kenya NRS", "purpose": "", "scope": "party", "country": "KEN", "days": "60"},
    )
    assert response.status_code == 201
    token = response.context["new_token"]
    assert token in response.content.decode()
    created = APIClient.objects.get(name="Kenya NRS")
    assert created.account.country == kenya and roles_of(created.account) == {Role.API_PARTY_READER}
    page = client.get(reverse("accounts:api_client_list")).content.decode()
    assert "Kenya NRS" in page and token not in page
    renewed = client.post(reverse("accounts:api_client_rotate", args=[created.pk]))
    assert renewed.status_code == 201 and renewed.context["new_token"] != token
    assert client.post(reverse("accounts:api_client_revoke", args=[created.pk])).status_code == 302
    created.refresh_from_db()
    assert created.is_revoked


def test_the_page_refuses_a_party_client_without_a_party(client, secretariat_user):
    client.force_login(secretariat_user)
    response = client.post(reverse("accounts:api_client_list"), {"name": "X", "scope": "party", "days": "60"})
    assert response.status_code == 400 and not APIClient.objects.exists()


@pytest.mark.parametrize(("who", "status", "form"), [("gm_user", 200, False), ("nfp_kenya", 403, False)])
def test_who_may_open_the_page(client, request, who, status, form):
    api_client_create(user=None, name="Listed", scope=APIClientScope.PUBLISHED)
    user = request.getfixturevalue(who)
    client.force_login(user)
    response = client.get(reverse("accounts:api_client_list"))
    assert response.status_code == status
    if status == 200:
        assert (
            "Listed" in response.content.decode() and ("New API client" in response.content.decode()) == form
        )
    posted = client.post(
        reverse("accounts:api_client_list"), {"name": "Sneaky", "scope": "published", "days": "9"}
    )
    assert posted.status_code == 403 and not APIClient.objects.filter(name="Sneaky").exists()
    listed = APIClient.objects.get(name="Listed")
    assert client.post(reverse("accounts:api_client_revoke", args=[listed.pk])).status_code in (403, 404)
    listed.refresh_from_db()
    assert not listed.is_revoked


def test_the_demo_api_reader_is_an_api_client(api_client):
    from django.core.management import call_command

    call_command("load_reference_data", verbosity=0)
    demo_accounts.load()
    token = demo_accounts.load_api_client()
    client = APIClient.objects.get(account__username="api-reader")
    assert client.scope == APIClientScope.PUBLISHED and client.name == demo_accounts.DEMO_API_CLIENT
    assert with_token(api_client, token).get("/api/v1/submissions/").status_code == 200
    again = demo_accounts.load_api_client()  # idempotent: the same client, a new token
    assert APIClient.objects.count() == 1 and APIToken.objects.filter(client=client).count() == 1
    assert with_token(api_client, token).get("/api/v1/submissions/").status_code == 401
    assert with_token(api_client, again).get("/api/v1/submissions/").status_code == 200


def _make_clients(count: int, kenya):
    for number in range(count):
        scope = APIClientScope.PARTY if number % 2 else APIClientScope.PUBLISHED
        api_client_create(
            user=None,
            name=f"Client {APIClient.objects.count()}",
            scope=scope,
            country=kenya if number % 2 else None,
        )


def test_the_api_list_runs_a_fixed_number_of_queries(api_client, secretariat_user, kenya):
    _make_clients(2, kenya)
    as_user(api_client, secretariat_user)

    def fetch():
        assert api_client.get(URL).status_code == 200

    fetch()
    few = count_queries(fetch)
    _make_clients(8, kenya)
    assert count_queries(fetch) == few


def test_the_page_runs_a_fixed_number_of_queries(client, secretariat_user, kenya):
    _make_clients(2, kenya)
    client.force_login(secretariat_user)

    def fetch():
        assert client.get(reverse("accounts:api_client_list")).status_code == 200

    fetch()
    few = count_queries(fetch)
    _make_clients(8, kenya)
    assert count_queries(fetch) == few
