"""/api/v1/reporting-cycles/ writes: staff plan, change, open and close through the services."""

import datetime

import pytest
from django.utils import timezone

from tests.conftest import count_queries
from tests.factories import BienniumFactory, ReportingCycleFactory, api_token_for
from workprogramme.models import ReportingCycle

from .conftest import sf_indicator

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
URL = "/api/v1/reporting-cycles/"


def as_user(api_client, user):
    if user is not None:
        api_client.credentials(HTTP_AUTHORIZATION=f"Token {api_token_for(user)}")
    return api_client


def payload(**changes):
    body = {
        "biennium": BienniumFactory(start_year=2026).code,
        "code": "prais-2026",
        "title": "PRAIS 2026",
        "opens_on": (TODAY + datetime.timedelta(days=5)).isoformat(),
        "deadline": (TODAY + datetime.timedelta(days=100)).isoformat(),
        "indicators": [sf_indicator("1.1").pk, sf_indicator("5.2").pk],
    }
    return body | changes


def snapshot():
    return list(
        ReportingCycle.objects.order_by("pk").values_list("code", "title", "state", "deadline")
    ), sorted(ReportingCycle.indicators.through.objects.values_list("cycle_id", "indicator_id"))


def test_staff_plan_open_and_close_a_cycle(api_client, secretariat_user):
    client = as_user(api_client, secretariat_user)
    response = client.post(URL, payload(), format="json")
    assert response.status_code == 201, response.content
    assert response.json()["state"] == "planned"
    assert [item["code"] for item in response.json()["indicators"]] == ["1.1", "5.2"]

    response = client.post(f"{URL}prais-2026/open/")
    assert response.status_code == 200 and response.json()["state"] == "open"
    assert response.json()["opens_on"] == TODAY.isoformat()
    response = client.post(f"{URL}prais-2026/close/")
    assert response.status_code == 200 and response.json()["state"] == "closed"


def test_patch_changes_only_the_fields_sent(api_client, gm_user):
    cycle = ReportingCycleFactory(state="planned", indicators=[sf_indicator("1.1")])
    response = as_user(api_client, gm_user).patch(f"{URL}{cycle.code}/", {"title": "Renamed"}, format="json")
    assert response.status_code == 200, response.content
    cycle.refresh_from_db()
    assert cycle.title == "Renamed" and list(cycle.indicators.values_list("code", flat=True)) == ["1.1"]


def test_put_replaces_the_indicator_set(api_client, secretariat_user):
    cycle = ReportingCycleFactory(state="planned", indicators=[sf_indicator("1.1")])
    body = payload(code=cycle.code, indicators=[sf_indicator("2.2").pk])
    response = as_user(api_client, secretariat_user).put(f"{URL}{cycle.code}/", body, format="json")
    assert response.status_code == 200, response.content
    assert [item["code"] for item in response.json()["indicators"]] == ["2.2"]


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"indicators": ["not-an-id"]}, "indicators"),
        ({"deadline": TODAY.isoformat()}, "deadline"),
        ({"deadline": (TODAY + datetime.timedelta(days=900)).isoformat()}, "deadline"),
        ({"biennium": "1999-2000"}, "biennium"),
        ({"code": "has spaces"}, "code"),
    ],
)
def test_bad_input_answers_400_and_saves_nothing(api_client, secretariat_user, changes, field):
    response = as_user(api_client, secretariat_user).post(URL, payload(**changes), format="json")
    assert response.status_code == 400
    assert field in response.json()
    assert not ReportingCycle.objects.exists()


def test_secretariat_reported_indicator_answers_400(api_client, secretariat_user):
    body = payload(indicators=[sf_indicator("1.3").pk])
    response = as_user(api_client, secretariat_user).post(URL, body, format="json")
    assert response.status_code == 400
    assert "1.3" in response.json()["indicators"][0]
    assert not ReportingCycle.objects.exists()


@pytest.mark.parametrize(
    ("state", "action", "indicators"),
    [
        ("planned", "close", True),
        ("closed", "close", True),
        ("open", "open", True),
        ("closed", "open", True),
        ("planned", "open", False),
    ],
)
def test_illegal_transitions_answer_409(api_client, secretariat_user, state, action, indicators):
    cycle = ReportingCycleFactory(state=state, indicators=[sf_indicator("1.1")] if indicators else [])
    response = as_user(api_client, secretariat_user).post(f"{URL}{cycle.code}/{action}/")
    assert response.status_code == 409
    assert response.json()["detail"]
    cycle.refresh_from_db()
    assert cycle.state == state


def test_changing_a_closed_cycle_answers_409(api_client, secretariat_user):
    cycle = ReportingCycleFactory(state="closed", indicators=[sf_indicator("1.1")])
    response = as_user(api_client, secretariat_user).patch(
        f"{URL}{cycle.code}/", {"title": "X"}, format="json"
    )
    assert response.status_code == 409
    cycle.refresh_from_db()
    assert cycle.title != "X"


@pytest.mark.parametrize(
    ("who", "expected"),
    [
        (None, 401),
        ("nfp_kenya", 403),
        ("coordinator_africa", 403),
        ("coordinator_asia", 403),
        ("api_reader", 403),
    ],
)
def test_permission_matrix_nothing_changes(request, api_client, who, expected):
    planned = ReportingCycleFactory(code="planned-c", state="planned", indicators=[sf_indicator("1.1")])
    opened = ReportingCycleFactory(code="open-c", indicators=[sf_indicator("1.1")])
    before = snapshot()
    client = as_user(api_client, request.getfixturevalue(who) if who else None)
    responses = [
        client.post(URL, payload(), format="json"),
        client.patch(f"{URL}{planned.code}/", {"title": "X"}, format="json"),
        client.put(f"{URL}{planned.code}/", payload(code=planned.code), format="json"),
        client.post(f"{URL}{planned.code}/open/"),
        client.post(f"{URL}{opened.code}/close/"),
        client.delete(f"{URL}{planned.code}/"),
    ]
    assert [response.status_code for response in responses[:5]] == [expected] * 5
    assert responses[5].status_code in (expected, 405)
    assert snapshot() == before


def test_delete_is_not_offered(api_client, secretariat_user):
    cycle = ReportingCycleFactory(state="planned")
    response = as_user(api_client, secretariat_user).delete(f"{URL}{cycle.code}/")
    assert response.status_code == 405
    assert ReportingCycle.objects.filter(pk=cycle.pk).exists()


def test_anonymous_still_reads_cycles(api_client):
    ReportingCycleFactory(indicators=[sf_indicator("1.1")])
    assert api_client.get(URL).status_code == 200


def test_list_has_constant_query_count(api_client, secretariat_user):
    client = as_user(api_client, secretariat_user)
    ReportingCycleFactory(indicators=[sf_indicator("1.1")])
    client.get(URL)
    few = count_queries(lambda: client.get(URL))
    for _ in range(20):
        ReportingCycleFactory(indicators=[sf_indicator("1.1"), sf_indicator("5.2")])
    assert count_queries(lambda: client.get(URL)) == few


def test_schema_documents_the_cycle_writes(api_client):
    response = api_client.get("/api/v1/schema/", HTTP_ACCEPT="application/json")
    paths = response.json()["paths"]
    assert {"post"} <= set(paths["/api/v1/reporting-cycles/"])
    assert {"put", "patch"} <= set(paths["/api/v1/reporting-cycles/{code}/"])
    for action in ("open", "close"):
        operation = paths[f"/api/v1/reporting-cycles/{{code}}/{action}/"]["post"]
        assert "409" in operation["responses"] and operation["description"]
