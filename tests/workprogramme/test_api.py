"""The submissions API, its permission matrix, and the flat results table with CSV."""

import csv
import io

import pytest

from regions.models import Country
from tests.conftest import count_queries
from tests.factories import ObservationFactory, SubmissionFactory, api_token_for
from workprogramme.models import Submission

from .conftest import sf_indicator

pytestmark = pytest.mark.django_db


def as_user(api_client, user):
    if user is not None:
        api_client.credentials(HTTP_AUTHORIZATION=f"Token {api_token_for(user)}")
    return api_client


def submission_url(submission, action=""):
    return f"/api/v1/submissions/{submission.pk}/" + (f"{action}/" if action else "")


def snapshot(submission):
    fresh = Submission.objects.get(pk=submission.pk)
    return (
        fresh.state,
        fresh.version,
        sorted(fresh.observations.values_list("indicator_id", "raw_value")),
        sorted(fresh.reported_indicators.values_list("indicator_id", "reviewer_comment")),
    )


def entries_payload(entries):
    return [{"indicator": indicator_id, **entry} for indicator_id, entry in entries.items()]


def test_nfp_journey_through_the_api(api_client, kenya_draft, nfp_kenya, secretariat_user, complete_entries):
    nfp = as_user(api_client, nfp_kenya)
    response = nfp.post(
        submission_url(kenya_draft, "values"),
        {"version": kenya_draft.version, "values": entries_payload(complete_entries)},
    )
    assert response.status_code == 200, response.json()
    assert response.json()["problems"] == []
    version = response.json()["version"]
    assert (
        nfp.post(submission_url(kenya_draft, "submit"), {"version": version}).json()["state"] == "submitted"
    )

    staff = as_user(api_client, secretariat_user)
    ldn = sf_indicator("1.1").pk
    response = staff.post(
        submission_url(kenya_draft, "return"),
        {"comment": "Check 1.1", "indicator_comments": {str(ldn): "Source?"}},
    )
    assert response.status_code == 200 and response.json()["state"] == "returned"
    nfp = as_user(api_client, nfp_kenya)
    assert nfp.post(submission_url(kenya_draft, "resubmit")).json()["state"] == "resubmitted"
    staff = as_user(api_client, secretariat_user)
    body = staff.post(submission_url(kenya_draft, "validate")).json()
    assert body["state"] == "validated"
    assert [t["to_state"] for t in body["transitions"]][-1] == "validated"

    results = as_user(api_client, nfp_kenya).get("/api/v1/results/?country=KEN").json()
    assert {row["indicator"]: row["value"] for row in results["results"]}["5.2"] == "3"


def test_stale_version_answers_409_and_keeps_the_other_save(api_client, kenya_draft, nfp_kenya):
    nfp = as_user(api_client, nfp_kenya)
    projects = sf_indicator("5.2").pk
    nfp.post(
        submission_url(kenya_draft, "values"),
        {"version": 1, "values": [{"indicator": projects, "value": "5"}]},
    )
    response = nfp.post(
        submission_url(kenya_draft, "values"),
        {"version": 1, "values": [{"indicator": projects, "value": "8"}]},
    )
    assert response.status_code == 409 and "Someone else saved" in response.json()["detail"]
    assert kenya_draft.observations.get(indicator_id=projects).raw_value == "5"


def test_submit_incomplete_lists_all_problems_as_400(api_client, kenya_draft, nfp_kenya):
    response = as_user(api_client, nfp_kenya).post(submission_url(kenya_draft, "submit"))
    assert response.status_code == 400
    assert len(response.json()["detail"]) == 4
    assert snapshot(kenya_draft)[0] == "draft"


def test_returning_a_draft_answers_409(api_client, kenya_draft, secretariat_user):
    response = as_user(api_client, secretariat_user).post(
        submission_url(kenya_draft, "return"), {"comment": "x"}
    )
    assert response.status_code == 409
    assert snapshot(kenya_draft)[0] == "draft"


@pytest.mark.parametrize(
    ("who", "action", "expected"),
    [
        (None, "values", 401),
        ("nfp_china", "values", 404),
        ("coordinator_asia", "values", 403),  # may change no submission: refused before any lookup
        ("coordinator_africa", "values", 403),
        ("api_reader", "values", 403),
        ("stc_kenya", "submit", 403),
        ("nfp_kenya", "validate", 403),
        ("coordinator_africa", "validate", 403),
        ("nfp_china", "validate", 404),
    ],
)
def test_permission_matrix_changes_nothing(request, api_client, kenya_draft, who, action, expected):
    before = snapshot(kenya_draft)
    user = request.getfixturevalue(who) if who else None
    payload = {
        "version": kenya_draft.version,
        "values": [{"indicator": sf_indicator("5.2").pk, "value": "9"}],
    }
    response = as_user(api_client, user).post(submission_url(kenya_draft, action), payload)
    assert response.status_code == expected
    assert snapshot(kenya_draft) == before


@pytest.mark.parametrize(
    ("who", "visible"),
    [("nfp_kenya", {"KEN"}), ("nfp_china", {"CHN"}), ("coordinator_africa", {"KEN"}),
     ("secretariat_user", {"KEN", "CHN"}), ("api_reader", {"CHN"})],
)  # fmt: skip
def test_submission_list_is_scoped(request, api_client, cycle, kenya, china, who, visible):
    SubmissionFactory(cycle=cycle, country=kenya, state="draft")
    SubmissionFactory(cycle=cycle, country=china, state="validated")
    response = as_user(api_client, request.getfixturevalue(who)).get("/api/v1/submissions/")
    assert {row["country"] for row in response.json()["results"]} == visible


def test_nfp_cannot_start_another_countrys_submission(api_client, cycle, nfp_china):
    response = as_user(api_client, nfp_china).post(
        "/api/v1/submissions/", {"cycle": cycle.code, "country": "KEN"}
    )
    assert response.status_code == 403
    assert not Submission.objects.exists()
    response = as_user(api_client, nfp_china).post("/api/v1/submissions/", {"cycle": cycle.code})
    assert response.status_code == 201 and response.json()["country"] == "CHN"


def make_results(cycle, count):
    countries = Country.objects.order_by("iso3")[:count]
    for country in countries:
        submission = SubmissionFactory(cycle=cycle, country=country, state="validated")
        ObservationFactory(
            submission=submission,
            indicator=sf_indicator("5.2"),
            raw_value="2",
            number_value=2,
            boolean_value=None,
        )


def test_results_table_filters(api_client, cycle, api_reader, kenya, china):
    for country, state in ((kenya, "validated"), (china, "submitted")):
        submission = SubmissionFactory(cycle=cycle, country=country, state=state)
        ObservationFactory(submission=submission)
    client = as_user(api_client, api_reader)
    rows = client.get("/api/v1/results/").json()["results"]
    assert [
        (row["country"], row["region"], row["objective"], row["outcome"], row["value"]) for row in rows
    ] == [("KEN", "I", "SO1", "1.1", "Yes")]
    assert client.get("/api/v1/results/?region=II").json()["count"] == 0
    assert client.get("/api/v1/results/?biennium=2026-2027&objective=SO1&indicator=1.1").json()["count"] == 1
    assert client.get("/api/v1/results/?colour=red").status_code == 400
    api_client.credentials()
    assert api_client.get("/api/v1/results/").status_code == 401


def test_results_csv_streams_and_neutralises_formulas(api_client, cycle, api_reader, kenya):
    submission = SubmissionFactory(cycle=cycle, country=kenya, state="validated")
    ObservationFactory(submission=submission, narrative='=HYPERLINK("http://evil")')
    ObservationFactory(
        submission=submission,
        indicator=sf_indicator("5.2"),
        raw_value="-3",
        number_value=None,
        boolean_value=None,
    )
    response = as_user(api_client, api_reader).get("/api/v1/results/?format=csv")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert rows[0]["narrative"] == '\'=HYPERLINK("http://evil")'
    assert rows[1]["value"] == "'-3"
    assert rows[0]["country"] == "KEN"


@pytest.mark.parametrize("url", ["/api/v1/results/", "/api/v1/results/?format=csv", "/api/v1/submissions/"])
def test_list_query_counts_do_not_grow(api_client, cycle, secretariat_user, url):
    client = as_user(api_client, secretariat_user)

    def fetch():
        response = client.get(url)
        if hasattr(response, "streaming_content"):
            b"".join(response.streaming_content)
        assert response.status_code == 200

    make_results(cycle, 3)
    few = count_queries(fetch)
    Submission.objects.all().delete()
    make_results(cycle, 100)
    assert count_queries(fetch) == few


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/biennia/",
        "/api/v1/work-programmes/",
        "/api/v1/expected-accomplishments/",
        "/api/v1/performance-indicators/",
        "/api/v1/outputs/",
        "/api/v1/targets/",
        "/api/v1/regional-functions/",
        "/api/v1/reporting-cycles/",
    ],
)
def test_public_reference_endpoints_with_constant_queries(api_client, url, cycle):
    from tests.factories import ExpectedAccomplishmentFactory, PerformanceDataFactory, TargetFactory

    def add_rows():
        accomplishment = ExpectedAccomplishmentFactory(work_programme__biennium=cycle.biennium)
        PerformanceDataFactory(expected_accomplishment=accomplishment)
        accomplishment.performance_indicators.create(
            code=f"{accomplishment.code}.1", text="Two products", target=2
        )
        accomplishment.outputs.create(title="Fact sheet", owner_kind="gm", status="done")

    add_rows()
    TargetFactory(biennium=cycle.biennium)
    few = count_queries(lambda: api_client.get(url))
    for _ in range(4):
        add_rows()
    response = api_client.get(url)
    assert response.status_code == 200 and response.json()["count"] >= 1
    assert count_queries(lambda: api_client.get(url)) == few
