"""The dashboard's national series (land cover SO1-1.T4, SDG 15.3.1 SO1-4, drought SO3-1, exposure
by sex SO2-3): sums per annex worked out by hand, validated data only (a draft or handed-in
report never counts, an older validated report of the same Party neither), the page's table
view, the JSON API with strict filters, and constant query counts."""

import datetime

import pytest

from reporting.series import SERIES_CODES, national_series, series_scope
from tests.workprogramme import observation_data as data
from workprogramme.models import Indicator, ResultObservation, Submission
from workprogramme.services.results import results_refresh_for_submission

pytestmark = pytest.mark.django_db

PAGE = "/reports/dashboard/land/"
API = "/api/v1/dashboard/series/{code}/"


def indicator(code: str) -> Indicator:
    return Indicator.objects.get(outcome__objective__framework__code="sf-2018-2030", code=code)


def land(member: str, year: str, value):
    return (indicator("SO1-1"), year, {"LAND_COVER": member}, value)


@pytest.fixture
def series_data(db):
    """Kenya and Ghana (Annex I) and China (Annex II) validated in 2026; Kenya's older 2022 report,
    Cameroon's draft and Chile's handed-in report must not count."""
    proportion, area = indicator("SO1-4.2"), indicator("SO1-4.1")
    drought, exposure = indicator("SO3-1"), indicator("SO2-3")
    older = data.submission(
        data.cycle("national-2022", 2022),
        "KEN",
        cells=[land("TREE", "2015", 999), (proportion, "2000/2015", {}, 99)],
    )
    Submission.objects.filter(pk=older.pk).update(
        validated_at=datetime.datetime(2022, 11, 1, tzinfo=datetime.UTC)
    )
    results_refresh_for_submission(submission_id=older.pk)
    current = data.cycle("national-2026", 2026)
    data.submission(
        current,
        "KEN",
        cells=[
            land("TREE", "2015", 100),
            land("TREE", "2019", 110),
            land("GRASS", "2015", 200),
            land("GRASS", "2019", 190.5),
            (proportion, "2000/2015", {}, 10),
            (proportion, "2016/2019", {}, 12),
            (area, "2000/2015", {}, 5000),
            (area, "2016/2019", {}, 6000),
            (drought, "2016", {"DROUGHT": "MILD"}, 100),
            (drought, "2016", {"DROUGHT": "SEVERE"}, 50),
            (exposure, "2015", {"SEX": "F"}, 10),
            (exposure, "2015", {"SEX": "M"}, 12),
            (exposure, "2015", {"SEX": "_T"}, 22),
        ],
    )
    data.submission(
        current,
        "GHA",
        cells=[
            land("TREE", "2015", 50),
            land("TREE", "2019", 40),
            land("GRASS", "2015", 20),
            land("GRASS", "2019", 30),
            (proportion, "2000/2015", {}, 20),
            (area, "2000/2015", {}, 3000),
        ],
    )
    data.submission(
        current,
        "CHN",
        cells=[land("TREE", "2015", 1000), land("TREE", "2019", 1100), (proportion, "2000/2015", {}, 30)],
    )
    hidden = [land("TREE", "2015", 7777), (proportion, "2000/2015", {}, 77)]
    data.submission(current, "CMR", state="draft", cells=hidden)
    data.submission(current, "CHL", state="submitted", cells=hidden)
    return current


def series(code: str, **filters) -> dict:
    scope = series_scope(filters)
    observations = ResultObservation.objects.all()
    if filters.get("region"):
        observations = observations.filter(region_code=filters["region"].code)
    if filters.get("country"):
        observations = observations.filter(country_iso3=filters["country"])
    return national_series([code], observations, scope=scope)[0]


def lines(table: dict) -> dict:
    """{(group code, row code): cells} of a series table."""
    found, group = {}, None
    for line in table["rows"]:
        if line["style"] == "group":
            group = line["code"]
        else:
            found[(group, line["code"])] = line["cells"]
    return found


# --- the figures ----------------------------------------------------------------------------


def test_land_cover_sums_per_annex_and_year_over_validated_parties_only(series_data):
    land_cover = series("land-cover")
    assert land_cover["periods"] == ["2000", "2015", "2019", "2023"]
    cells = lines(land_cover["table"])
    # Annex I: Kenya + Ghana; Kenya's 2022 TREE 2015 = 999, Cameroon's draft and Chile's report left out.
    assert cells[("I", "TREE")] == [None, 150, 150, None, None]
    assert cells[("I", "GRASS")] == [None, 220, 220.5, None, None]
    assert cells[("II", "TREE")] == [None, 1000, 1100, None, None]
    assert cells[("total", "TREE")] == [None, 1150, 1250, None, None]
    assert ("III", "TREE") not in cells
    assert [line["label"] for line in land_cover["table"]["rows"] if line["style"] == "group"] == [
        "Annex I: Africa (2 Parties)",
        "Annex II: Asia (1 Party)",
        "All Parties (3)",
    ]
    assert {"region": "I", "member": "TREE", "time_period": "2015", "value": 150} in land_cover["data"]
    assert land_cover["unit"] == "km²" and land_cover["unit_multiplier"] == 0


def test_land_cover_change_from_the_first_to_the_last_year(series_data):
    ResultObservation.objects.filter(time_period="2015").update(time_period="2000")
    ResultObservation.objects.filter(time_period="2019").update(time_period="2023")
    table = series("land-cover", country="KEN")["table"]
    assert table["columns"][-1]["label"] == "Change 2000–2023"
    cells = lines(table)
    assert cells[("I", "TREE")] == [100, None, None, 110, 10]
    assert cells[("I", "GRASS")] == [200, None, None, 190.5, -9.5]
    assert cells[("I", "WETLAND")] == [None] * 5


def test_land_cover_of_one_party_and_of_one_annex(series_data):
    from regions.models import Region

    kenya = lines(series("land-cover", country="KEN")["table"])
    assert kenya[("I", "TREE")][1:3] == [100, 110]
    assert ("total", "TREE") not in kenya and ("II", "TREE") not in kenya
    asia = series("land-cover", region=Region.objects.get(code="II"))
    assert lines(asia["table"])[("II", "TREE")][1:3] == [1000, 1100]
    assert asia["title"].endswith("Annex II: Asia")


def test_degraded_land_mean_proportion_area_and_parties_per_annex_and_period(series_data):
    degraded = series("degraded-land")
    assert degraded["periods"] == ["2000/2015", "2016/2019", "2016/2023"]
    cells = lines(degraded["table"])
    assert cells[("I", "proportion")] == [15, 12, None]
    assert cells[("I", "area")] == [8000, 6000, None]
    assert cells[("I", "parties")] == [2, 1, None]
    assert cells[("II", "proportion")] == [30, None, None]
    assert cells[("total", "proportion")] == [20, 12, None]
    assert cells[("total", "area")] == [8000, 6000, None]
    assert cells[("total", "parties")] == [3, 1, None]
    assert degraded["unit"] == "%"


def test_drought_and_exposure_by_sex_with_the_unit_multiplier(series_data):
    Indicator.objects.filter(pk=indicator("SO2-3").pk).update(unit_multiplier=3)
    assert lines(series("drought")["table"])[("I", "MILD")][0] == 100
    exposure = series("exposure-by-sex")
    cells = lines(exposure["table"])
    assert cells[("I", "F")][0] == 10 and cells[("I", "_T")][0] == 22
    assert exposure["unit_label"] == "thousands of persons"
    assert exposure["table"]["unit_label"] == "thousands of persons"


# --- the page ---------------------------------------------------------------------------------


def test_anonymous_page_shows_each_series_chart_and_table_with_units(client, series_data):
    response = client.get(PAGE)
    assert response.status_code == 200
    html = response.content.decode()
    for code in SERIES_CODES:
        assert f'id="series-{code}"' in html
    assert html.count("<svg") == 4
    assert "Table view" in html and "Unit: km²" in html
    assert "1,150" in html and "1,250" in html  # all Parties, TREE 2015 and 2019
    assert "7,777" not in html and "999" not in html  # draft, handed in, older validated report


def test_page_filters_by_party_and_annex(client, series_data):
    html = client.get(PAGE, {"country": "KEN"}).content.decode()
    assert "Kenya" in html and "1,150" not in html and "190.5" in html
    html = client.get(PAGE, {"region": "II"}).content.decode()
    assert "1,100" in html and "190.5" not in html


def test_page_refuses_an_unknown_party(client, series_data):
    response = client.get(PAGE, {"country": "XXX"})
    assert response.status_code == 400
    assert "Unknown country" in response.content.decode()


def test_dashboard_and_menu_link_to_the_series(client, series_data):
    html = client.get("/reports/dashboard/").content.decode()
    assert f'href="{PAGE}"' in html


@pytest.mark.parametrize("params", [{}, {"region": "I"}, {"country": "KEN"}])
def test_page_query_count_is_constant(client, series_data, django_assert_max_num_queries, params):
    client.get(PAGE, params)  # warm the country-code cache
    with django_assert_max_num_queries(9):
        assert client.get(PAGE, params).status_code == 200


# --- the API ----------------------------------------------------------------------------------


def test_api_land_cover_json(api_client, series_data):
    response = api_client.get(API.format(code="land-cover"), {"region": "I"})
    assert response.status_code == 200
    body = response.json()
    assert body["unit"] == "km²" and body["unit_multiplier"] == 0
    assert body["filters"] == {"region": "I", "country": None}
    assert body["time_periods"] == ["2000", "2015", "2019", "2023"]
    assert {row["region"] for row in body["rows"]} == {"I"}
    assert {"region": "I", "member": "GRASS", "time_period": "2019", "value": 220.5} in body["rows"]


def test_api_degraded_land_for_a_party_by_iso2_or_m49(api_client, series_data):
    for code in ("KEN", "KE", "404"):
        body = api_client.get(API.format(code="degraded-land"), {"country": code}).json()
        assert body["filters"]["country"] == "KEN"
        assert body["rows"][0] == {
            "region": "I",
            "time_period": "2000/2015",
            "proportion_mean": 10,
            "degraded_area": 5000,
            "parties": 1,
        }


@pytest.mark.parametrize(
    "params", [{"colour": "red"}, {"country": "XXX"}, {"region": "IX"}, {"indicator": "SO1-1"}]
)
def test_api_refuses_unknown_or_bad_filters(api_client, series_data, params):
    response = api_client.get(API.format(code="land-cover"), params)
    assert response.status_code == 400
    assert set(response.json()) >= set(params) or "detail" in response.json()


def test_api_unknown_series_is_404(api_client, series_data):
    assert api_client.get(API.format(code="rainfall")).status_code == 404


def test_api_anonymous_sees_validated_only(api_client, series_data):
    rows = api_client.get(API.format(code="land-cover")).json()["rows"]
    assert not [row for row in rows if row["value"] in (7777, 999)]
    assert {row["region"] for row in rows} == {"I", "II"}


@pytest.mark.parametrize("code", SERIES_CODES)
def test_api_query_count_is_constant(api_client, series_data, django_assert_max_num_queries, code):
    api_client.get(API.format(code=code), {"country": "KEN"})
    with django_assert_max_num_queries(6):
        assert api_client.get(API.format(code=code), {"country": "KEN"}).status_code == 200


@pytest.mark.parametrize(
    ("language", "title", "group"),
    [
        ("fr", "Terres, dégradation et sécheresse : séries nationales", "Annexe I : Afrique (2 Parties)"),
        ("zh-hans", "土地、退化与干旱：国家数据系列", "附件 I：非洲（2 个缔约方）"),
    ],
)
def test_page_in_other_languages(client, series_data, language, title, group):
    html = client.get(PAGE, {"region": "I"}, HTTP_ACCEPT_LANGUAGE=language).content.decode()
    assert title in html and group in html


def test_api_titles_in_the_requested_language(api_client, series_data):
    response = api_client.get(API.format(code="degraded-land"), {"lang": "fr"})
    assert response["Content-Language"] == "fr"
    assert response.json()["title"].startswith("Proportion des terres dégradées")


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_nobody_writes_through_the_series_endpoint(api_client, series_data, secretariat_user, method):
    before = list(ResultObservation.objects.order_by("pk").values_list("pk", "value_number"))
    url = API.format(code="land-cover")
    anonymous = getattr(api_client, method)(url, {"value": 1})
    assert anonymous.status_code in (401, 403)
    api_client.force_authenticate(secretariat_user)
    staff = getattr(api_client, method)(url, {"value": 1})
    assert staff.status_code in (403, 405)
    assert list(ResultObservation.objects.order_by("pk").values_list("pk", "value_number")) == before


def test_page_accepts_no_post(client, series_data):
    assert client.post(PAGE, {"country": "KEN"}).status_code == 405
