"""GET /api/v1/observations/: fields, filters, refusals, permissions, cursor pages and query counts."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import UserFactory
from workprogramme.api.observations import encode_cursor
from workprogramme.models import ResultObservation

from . import observation_data as data

URL = "/api/v1/observations/"


@pytest.fixture
def national_data(db):
    return data.national_data()


def rows(client, **params):
    response = client.get(URL, {"page_size": 1000, **params})
    assert response.status_code == 200, response.content
    return response.json()["results"]


def test_anonymous_reads_validated_observations_with_the_documented_fields(api_client, national_data):
    body = api_client.get(URL, {"page_size": 1000}).json()
    assert set(body) == {"next", "results"} and body["next"] is None
    assert len(body["results"]) == 34
    water = next(
        row
        for row in body["results"]
        if row["dimensions"] == {"LAND_COVER": "WATER"}
        and row["country"] == "KEN"
        and row["time_period"] == "2019"
    )
    assert water == {
        "indicator": "SO1-1.T4",
        "country": "KEN",
        "m49": "404",
        "time_period": "2019",
        "dimensions": {"LAND_COVER": "WATER"},
        "value": 1234.5,
        "unit": "km²",
        "unit_multiplier": 0,
        "source": "national",
        "justification": "=cmd|' /C calc'!A0",
        "data_source": {
            "title": "National land cover map 2019",
            "link": "https://example.org/lc",
            "publisher": "KFS",
        },
        "cycle": "national-2026",
        "validated_at": "2026-11-30T10:24:03Z",
    }
    scalar = next(row for row in body["results"] if row["indicator"] == "1.1")
    assert scalar["value"] == "yes" and scalar["time_period"] is None and scalar["dimensions"] == {}


@pytest.mark.parametrize("who", ["anonymous", "api_reader", "nfp_ghana", "nfp_kenya", "secretariat"])
def test_everyone_sees_the_validated_rows_and_never_a_draft(api_client, national_data, who):
    from core.roles import Role
    from regions.models import Country

    if who != "anonymous":
        role, country = {
            "api_reader": (Role.API_READER, None),
            "nfp_ghana": (Role.NATIONAL_FOCAL_POINT, Country.objects.get(iso3="GHA")),
            "nfp_kenya": (Role.NATIONAL_FOCAL_POINT, Country.objects.get(iso3="KEN")),
            "secretariat": (Role.SECRETARIAT, None),
        }[who]
        api_client.force_authenticate(UserFactory(role=role, country=country))
    found = rows(api_client)
    assert {row["country"] for row in found} == {"KEN", "CHN"}  # not GHA's draft, not CHL's submitted report
    assert len(found) == 34
    assert ResultObservation.objects.filter(country_iso3__in=["GHA", "CHL"]).count() == 0


def test_writes_are_not_allowed(api_client, national_data, secretariat_user):
    api_client.force_authenticate(secretariat_user)
    assert api_client.post(URL, {"indicator": "x"}, format="json").status_code in (403, 405)
    assert ResultObservation.objects.count() == 34


@pytest.mark.parametrize("code", ["KEN", "ken", "KE", "ke", "404"])
def test_country_by_iso3_iso2_or_m49(api_client, national_data, code):
    found = rows(api_client, country=code)
    assert len(found) == 20 and {row["country"] for row in found} == {"KEN"}


def test_filters(api_client, national_data):
    assert len(rows(api_client, indicator="SO1-1.T4")) == 28
    assert len(rows(api_client, indicator="SO1-1.T4", country="CHN", time_period="2019")) == 7
    assert len(rows(api_client, cycle="national-2026")) == 34
    assert rows(api_client, cycle="another") == []
    assert len(rows(api_client, source="default")) == 16  # China's 14 and Kenya's two 15.3.1 values
    assert len(rows(api_client, source="estimate")) == 3
    tree = rows(api_client, LAND_COVER="TREE")
    assert len(tree) == 4 and {row["dimensions"]["LAND_COVER"] for row in tree} == {"TREE"}
    women = rows(api_client, SEX="F", country="KE")
    assert [(row["indicator"], row["value"]) for row in women] == [("SO2-3.T1", 10)]
    assert rows(api_client, LAND_COVER="TREE", SEX="F") == []
    assert len(rows(api_client, time_period="2016/2019")) == 1


@pytest.mark.parametrize(
    "params, field",
    [
        ({"colour": "blue"}, "colour"),
        ({"land_cover": "TREE"}, "land_cover"),  # dimension filters are the code in capitals
        ({"NOT_A_DIMENSION": "X"}, "NOT_A_DIMENSION"),
        ({"page": "2"}, "page"),
        ({"country": "XYZ"}, "country"),
        ({"country": "999"}, "country"),
        ({"source": "rumour"}, "source"),
        ({"cursor": "not-a-cursor"}, "cursor"),
        ({"page_size": "0"}, "page_size"),
        ({"page_size": "many"}, "page_size"),
    ],
)
@pytest.mark.parametrize("export_format", ["json", "csv", "sdmx-csv", "datapackage"])
def test_bad_parameters_answer_400_in_json(api_client, national_data, params, field, export_format):
    response = api_client.get(URL, {**params, "format": export_format})
    assert response.status_code == 400
    assert response["Content-Type"].startswith("application/json")
    assert field in response.json()


def test_unknown_country_message_says_which_codes_work(api_client, national_data):
    message = api_client.get(URL, {"country": "XYZ"}).json()["country"][0]
    assert "XYZ" in message and "alpha-3" in message and "M49" in message


def test_cursor_pages_walk_every_row_once_in_id_order(api_client, national_data):
    seen, url, pages = [], f"{URL}?page_size=5&indicator=SO1-1.T4", 0
    land_cover = ResultObservation.objects.filter(indicator_code="SO1-1.T4").order_by("pk")
    ids = list(land_cover.values_list("pk", flat=True))
    while url:
        body = api_client.get(url).json()
        seen.extend(
            (row["country"], row["time_period"], row["dimensions"]["LAND_COVER"]) for row in body["results"]
        )
        url, pages = body["next"], pages + 1
    assert pages == 6 and len(seen) == 28 == len(set(seen)) == len(ids)
    # A cursor built for a row deep in the set starts right after it.
    deep = rows(api_client, cursor=encode_cursor(ids[20]), indicator="SO1-1.T4")
    assert len(deep) == 7


def test_a_page_is_one_query_whatever_the_filters_and_the_rows(api_client, national_data):
    api_client.get(URL, {"country": "KEN", "LAND_COVER": "TREE"})  # fills the code caches
    for params in ({}, {"country": "KEN"}, {"indicator": "SO1-1.T4", "LAND_COVER": "TREE", "country": "404"}):
        with CaptureQueriesContext(connection) as queries:
            response = api_client.get(URL, {"page_size": 50, **params})
        assert response.status_code == 200 and response.json()["results"]
        assert len(queries) == 1, [query["sql"] for query in queries.captured_queries]
    first = api_client.get(URL, {"page_size": 5}).json()
    with CaptureQueriesContext(connection) as queries:
        api_client.get(first["next"])
    assert len(queries) == 1
