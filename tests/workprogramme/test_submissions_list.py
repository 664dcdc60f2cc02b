"""The submissions list: counts instead of values (a page of 50 stays small), the values on the
detail or with `?expand=values`, flat query counts, scoping, and the OpenAPI schema."""

import pytest

from regions.models import Country
from tests.factories import SubmissionFactory, api_token_for
from workprogramme.models import Indicator, Observation, Submission, SubmissionIndicator

pytestmark = pytest.mark.django_db

LIST = "/api/v1/submissions/"
NARRATIVE = "The national land degradation neutrality programme reached its milestones. " * 3


def as_user(api_client, user):
    api_client.credentials(HTTP_AUTHORIZATION=f"Token {api_token_for(user)}")
    return api_client


def fill(cycle, countries, *, state="validated") -> list[Submission]:
    """A submission per country reporting every scalar indicator of the frameworks, one value
    invalid in each, with narratives (what makes the list heavy when it carries the values)."""
    indicators = list(Indicator.objects.filter(time_periods="", dimensions__isnull=True).order_by("pk")[:20])
    submissions = [SubmissionFactory(cycle=cycle, country=country, state=state) for country in countries]
    SubmissionIndicator.objects.bulk_create(
        SubmissionIndicator(submission=submission, indicator=indicator, narrative=NARRATIVE)
        for submission in submissions
        for indicator in indicators
    )
    Observation.objects.bulk_create(
        Observation(
            submission=submission,
            indicator=indicator,
            raw_value="12" if number else "twelve",
            number_value=12 if number else None,
            error="" if number else "Not a number.",
            source="national",
        )
        for submission in submissions
        for number, indicator in enumerate(indicators)
    )
    return submissions


@pytest.fixture
def many(cycle):
    return fill(cycle, Country.objects.order_by("iso3")[:60])


def test_a_page_of_50_carries_counts_not_values_and_stays_under_60_kb(
    api_client, many, secretariat_user, django_assert_max_num_queries
):
    client = as_user(api_client, secretariat_user)
    with django_assert_max_num_queries(8):
        response = client.get(f"{LIST}?page_size=50")
    assert response.status_code == 200
    assert len(response.content) <= 60 * 1024
    rows = response.json()["results"]
    assert len(rows) == 50
    indicators = SubmissionIndicator.objects.filter(submission=many[0]).count()
    assert {(row["indicator_count"], row["value_count"], row["invalid_value_count"]) for row in rows} == {
        (indicators, indicators, 1)
    }
    assert "values" not in rows[0] and "transitions" not in rows[0]
    expanded = client.get(f"{LIST}?page_size=50&expand=values")
    assert len(expanded.content) > 60 * 1024  # what the counts spare
    assert len(expanded.json()["results"][0]["values"]) == indicators


def test_list_query_counts_are_flat_with_and_without_the_values(api_client, cycle, secretariat_user):
    from tests.conftest import count_queries

    client = as_user(api_client, secretariat_user)
    countries = list(Country.objects.order_by("iso3")[:40])
    fill(cycle, countries[:3])
    few = {path: count_queries(lambda p=path: client.get(p)) for path in (LIST, f"{LIST}?expand=values")}
    fill(cycle, countries[3:])
    assert {path: count_queries(lambda p=path: client.get(p)) for path in few} == few
    assert few[f"{LIST}?expand=values"] == few[LIST] + 3  # indicators, scalar values, steps


def test_the_detail_carries_the_values_and_the_counts(api_client, cycle, secretariat_user):
    submission = fill(cycle, Country.objects.filter(iso3="KEN"))[0]
    body = as_user(api_client, secretariat_user).get(f"{LIST}{submission.pk}/").json()
    assert len(body["values"]) == body["indicator_count"] == body["value_count"]
    assert body["invalid_value_count"] == 1 and "transitions" in body and "observations" in body


@pytest.mark.parametrize("who", ["api_reader", "nfp_china"])
def test_expanding_the_values_shows_no_other_rows(request, api_client, cycle, who):
    kenya_draft = fill(cycle, Country.objects.filter(iso3="KEN"), state="draft")[0]
    client = as_user(api_client, request.getfixturevalue(who))
    for path in (LIST, f"{LIST}?expand=values"):
        rows = client.get(path).json()["results"]
        assert kenya_draft.pk not in {row["id"] for row in rows}
    assert client.get(f"{LIST}{kenya_draft.pk}/").status_code == 404


def test_the_schema_documents_the_summary_rows_and_the_expansion(api_client):
    schema = api_client.get("/api/v1/schema/?format=json").json()
    listing = schema["paths"][LIST]["get"]
    assert "expand" in {parameter["name"] for parameter in listing["parameters"]}
    summary = schema["components"]["schemas"]["Submission"]["properties"]
    assert {"indicator_count", "value_count", "invalid_value_count"} <= set(summary)
    assert "values" not in summary
    assert "values" in schema["components"]["schemas"]["SubmissionDetail"]["properties"]


def test_an_unknown_expansion_answers_400(api_client, secretariat_user):
    response = as_user(api_client, secretariat_user).get(f"{LIST}?expand=everything")
    assert response.status_code == 400 and "expand" in response.json()
