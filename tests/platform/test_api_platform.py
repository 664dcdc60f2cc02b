"""The API platform: token auth, pagination, filters, JSON errors, schema, query counts."""

import pytest
from django.urls import reverse

from regions.models import Country
from tests.conftest import count_queries
from tests.factories import TEST_PASSWORD

pytestmark = pytest.mark.django_db


def test_token_auth_returns_a_token_that_authenticates(api_client, nfp_kenya):
    response = api_client.post(
        "/api/v1/auth/token/", {"username": nfp_kenya.username, "password": TEST_PASSWORD}, format="json"
    )
    assert response.status_code == 200
    token = response.json()["token"]
    api_client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    # The token identifies the user: a login-only page of the API answers.
    assert api_client.get("/api/v1/countries/?page_size=1").status_code == 200
    assert api_client.get("/api/v1/auth/token/").status_code == 405


def test_token_auth_refuses_wrong_password_with_json(api_client, nfp_kenya):
    response = api_client.post(
        "/api/v1/auth/token/", {"username": nfp_kenya.username, "password": "nope"}, format="json"
    )
    assert response.status_code == 400
    assert "Unable to log in" in str(response.json()["detail"])


def test_token_auth_requires_both_fields(api_client):
    response = api_client.post("/api/v1/auth/token/", {"username": "x"}, format="json")
    assert response.status_code == 400
    assert "password" in response.json()


def test_countries_are_paginated_and_filterable(api_client):
    response = api_client.get("/api/v1/countries/", {"region": "I", "ldc": "true", "page_size": 10})
    assert response.status_code == 200
    body = response.json()
    assert set(body) == {"count", "next", "previous", "results"}
    expected = Country.objects.filter(region__code="I", is_ldc=True).count()
    assert body["count"] == expected
    assert len(body["results"]) == 10
    assert all(row["region"] == "I" and row["ldc"] for row in body["results"])


def test_country_search_and_un_group(api_client):
    body = api_client.get("/api/v1/countries/", {"search": "kenya"}).json()
    assert [row["iso3"] for row in body["results"]] == ["KEN"]
    body = api_client.get("/api/v1/countries/", {"un_group": "weog", "page_size": 500}).json()
    assert "DEU" in {row["iso3"] for row in body["results"]}


def test_page_size_is_capped(api_client):
    body = api_client.get("/api/v1/countries/", {"page_size": 10_000}).json()
    assert len(body["results"]) == 197  # fewer than the cap of 500, so all of them
    assert body["next"] is None


def test_api_returns_requested_language(api_client):
    row = api_client.get("/api/v1/countries/KEN/", HTTP_ACCEPT_LANGUAGE="zh-hans").json()
    assert row["name"] == "肯尼亚"
    row = api_client.get("/api/v1/countries/KEN/", HTTP_ACCEPT_LANGUAGE="en").json()
    assert row["name"] == "Kenya"


@pytest.mark.parametrize(
    "params, field",
    [
        ({"colour": "blue"}, "colour"),
        ({"region": "IX"}, "region"),
        ({"un_group": "martians"}, "un_group"),
        ({"ldc": "perhaps"}, "ldc"),
    ],
)
def test_bad_filters_answer_400_naming_the_field(api_client, params, field):
    response = api_client.get("/api/v1/countries/", params)
    assert response.status_code == 400
    assert field in response.json()


def test_reference_endpoints_are_read_only(api_client, secretariat_user):
    api_client.force_authenticate(secretariat_user)
    response = api_client.post("/api/v1/countries/", {"iso3": "XXX"}, format="json")
    assert response.status_code == 405
    assert Country.objects.count() == 197


def test_unknown_api_path_answers_json_404(api_client):
    response = api_client.get("/api/v1/no-such-thing/")
    assert response.status_code == 404
    assert response.json() == {"detail": "Not found."}
    response = api_client.get("/api/v1/countries/ZZZ/")
    assert response.status_code == 404
    assert "detail" in response.json()


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/regions/",
        "/api/v1/frameworks/",
        "/api/v1/objectives/",
        "/api/v1/outcomes/",
        "/api/v1/indicators/",
    ],
)
def test_reference_endpoints_list(api_client, path):
    body = api_client.get(path).json()
    assert body["count"] > 0


def test_indicator_filters(api_client):
    body = api_client.get("/api/v1/indicators/", {"objective": "SO4"}).json()
    assert [row["code"] for row in body["results"]] == ["4.1", "4.2"]


def test_openapi_schema_lists_endpoints(api_client):
    response = api_client.get("/api/v1/schema/", HTTP_ACCEPT="application/json")
    assert response.status_code == 200
    paths = response.json()["paths"]
    for path in ("/api/v1/countries/", "/api/v1/regions/", "/api/v1/indicators/", "/api/v1/auth/token/"):
        assert path in paths


def test_swagger_ui_is_served_without_cdn(client):
    content = client.get("/api/v1/docs/").content.decode()
    assert "swagger-ui" in content
    assert "cdn" not in content.lower()


def _keep_only(count):
    keep = list(Country.objects.order_by("iso3").values_list("pk", flat=True)[:count])
    Country.objects.exclude(pk__in=keep).delete()


def test_country_endpoint_query_count_does_not_grow_with_rows(api_client):
    large = count_queries(lambda: api_client.get("/api/v1/countries/?page_size=50"))
    _keep_only(3)
    small = count_queries(lambda: api_client.get("/api/v1/countries/?page_size=50"))
    assert large == small
    assert small <= 3


def test_country_list_page_query_count_does_not_grow_with_rows(client):
    url = reverse("regions:country_list")
    large = count_queries(lambda: client.get(url))
    assert client.get(url).content.decode().count('<td><a href="/regions/parties/') == 50
    _keep_only(3)
    small = count_queries(lambda: client.get(url))
    assert client.get(url).content.decode().count('<td><a href="/regions/parties/') == 3
    assert large == small
    assert small <= 4


def test_token_endpoint_locks_after_five_failures(api_client, nfp_kenya):
    for _ in range(5):
        api_client.post(
            "/api/v1/auth/token/", {"username": nfp_kenya.username, "password": "x"}, format="json"
        )
    response = api_client.post(
        "/api/v1/auth/token/", {"username": nfp_kenya.username, "password": TEST_PASSWORD}, format="json"
    )
    assert response.status_code in (403, 429)
    assert "token" not in response.content.decode()


def test_country_list_page_filters_and_reports_bad_values(client):
    content = client.get(reverse("regions:country_list"), {"region": "IV"}).content.decode()
    assert "Cyprus" in content and "Kenya" not in content
    response = client.get(reverse("regions:country_list"), {"ldc": "perhaps"})
    assert response.status_code == 200
    assert "Enter true or false." in response.content.decode()


def test_openapi_schema_is_valid_and_free_of_warnings(tmp_path):
    from django.core.management import call_command

    target = tmp_path / "schema.yml"
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(target))
    schema = target.read_text()
    for path in (
        "/api/v1/submissions/{id}/validate/",
        "/api/v1/nominations/{id}/accept/",
        "/api/v1/reports/",
    ):
        assert path in schema
