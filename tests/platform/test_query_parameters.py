"""Every unknown or malformed query parameter answers 400 naming it; countries by ISO3, ISO2 or M49."""

import pytest

from tests.factories import BienniumFactory, TargetFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("url", "parameter"),
    [
        ("/api/v1/biennia/?search=x", "search"),  # no search on biennia
        ("/api/v1/biennia/?ordering=code", "ordering"),  # no ordering on biennia
        ("/api/v1/regions/?colour=blue", "colour"),
    ],
)
def test_parameters_that_do_not_apply_are_refused(api_client, url, parameter):
    response = api_client.get(url)
    assert response.status_code == 400
    assert parameter in response.json()


def test_search_and_ordering_where_they_apply(api_client):
    assert api_client.get("/api/v1/countries/?search=ken&ordering=-iso3").status_code == 200
    response = api_client.get("/api/v1/countries/?ordering=population")
    assert response.status_code == 400
    assert "population" in response.json()["ordering"][0]


@pytest.mark.parametrize("code", ["not-a-biennium", "2099-2100"])
def test_an_unknown_biennium_is_refused_not_empty(api_client, secretariat_user, code):
    api_client.force_authenticate(secretariat_user)
    for url in ("/api/v1/results/", "/api/v1/targets/", "/api/v1/reporting-cycles/"):
        response = api_client.get(url, {"biennium": code})
        assert response.status_code == 400, url
        assert code in response.json()["biennium"][0]


@pytest.mark.parametrize("code", ["KEN", "ken", "KE", "ke", "404"])
def test_a_country_filter_takes_iso3_iso2_and_m49(api_client, kenya, code):
    TargetFactory(country=kenya, level="country", biennium=BienniumFactory(start_year=2018))
    response = api_client.get("/api/v1/targets/", {"country": code})
    assert response.status_code == 200
    assert response.json()["count"] == 1


@pytest.mark.parametrize("code", ["XX", "KENYA", "999"])
def test_an_unknown_country_code_is_refused(api_client, code):
    response = api_client.get("/api/v1/targets/", {"country": code})
    assert response.status_code == 400
    assert code in response.json()["country"][0]


@pytest.mark.parametrize(
    ("query", "parameter"),
    [("page=", "page"), ("page=x", "page"), ("page_size=-1.1", "page_size"), ("page_size=0", "page_size")],
)
def test_malformed_paging_is_refused(api_client, query, parameter):
    response = api_client.get(f"/api/v1/countries/?{query}")
    assert response.status_code == 400
    assert parameter in response.json()
