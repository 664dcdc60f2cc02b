"""Targets and outputs: who may set them through the API, and that nothing changes otherwise."""

import pytest

from regions.models import Region
from tests.factories import BienniumFactory, ExpectedAccomplishmentFactory, TargetFactory, api_token_for
from workprogramme.models import Output, Target

from .conftest import sf_indicator

pytestmark = pytest.mark.django_db


def as_user(api_client, user):
    if user is not None:
        api_client.credentials(HTTP_AUTHORIZATION=f"Token {api_token_for(user)}")
    return api_client


def target_payload(level="regional", region="I", value="40", **extra):
    payload = {
        "indicator": sf_indicator("1.1").pk,
        "biennium": BienniumFactory(start_year=2026).code,
        "level": level,
        "value": value,
    }
    if region:
        payload["region"] = region
    return payload | extra


@pytest.mark.parametrize(
    ("who", "payload", "expected"),
    [
        (None, {}, 401),
        ("nfp_kenya", {}, 403),
        ("api_reader", {}, 403),
        ("coordinator_asia", {}, 403),
        ("coordinator_africa", {"level": "global", "region": None}, 403),
        ("coordinator_africa", {}, 201),
        ("secretariat_user", {"level": "global", "region": None}, 201),
        ("secretariat_user", {"level": "global"}, 400),
        ("secretariat_user", {"value": "-5"}, 400),
    ],
)
def test_who_may_set_targets(request, api_client, who, payload, expected):
    user = request.getfixturevalue(who) if who else None
    body = target_payload(**payload)
    body = {key: value for key, value in body.items() if value is not None}
    response = as_user(api_client, user).post("/api/v1/targets/", body, format="json")
    assert response.status_code == expected, response.content
    assert Target.objects.count() == (1 if expected == 201 else 0)


def test_setting_a_target_twice_updates_it(api_client, coordinator_africa):
    client = as_user(api_client, coordinator_africa)
    client.post("/api/v1/targets/", target_payload(value="40"), format="json")
    client.post("/api/v1/targets/", target_payload(value="45"), format="json")
    assert list(Target.objects.values_list("value", flat=True)) == [45]


def test_coordinator_cannot_delete_another_regions_target(api_client, coordinator_asia, coordinator_africa):
    target = TargetFactory(level="regional", region=Region.objects.get(code="I"))
    assert as_user(api_client, coordinator_asia).delete(f"/api/v1/targets/{target.pk}/").status_code == 403
    assert Target.objects.filter(pk=target.pk).exists()
    assert as_user(api_client, coordinator_africa).delete(f"/api/v1/targets/{target.pk}/").status_code == 204
    assert not Target.objects.exists()


@pytest.mark.parametrize(
    ("who", "expected"), [("nfp_kenya", 403), ("coordinator_africa", 403), ("gm_user", 200)]
)
def test_output_status_updates(request, api_client, who, expected):
    output = ExpectedAccomplishmentFactory().outputs.create(title="Fact sheet", owner_kind="gm")
    response = as_user(api_client, request.getfixturevalue(who)).post(
        f"/api/v1/outputs/{output.pk}/status/", {"status": "done"}, format="json"
    )
    assert response.status_code == expected
    assert Output.objects.get(pk=output.pk).status == ("done" if expected == 200 else "not_started")


def test_unknown_output_status_is_refused(api_client, gm_user):
    output = ExpectedAccomplishmentFactory().outputs.create(title="Fact sheet", owner_kind="gm")
    response = as_user(api_client, gm_user).post(
        f"/api/v1/outputs/{output.pk}/status/", {"status": "finished"}
    )
    assert response.status_code == 400 and "Unknown status" in str(response.json())


def test_openapi_schema_documents_the_workflow_actions(api_client):
    response = api_client.get("/api/v1/schema/?format=json")
    assert response.status_code == 200
    paths = response.json()["paths"]
    for action in ("submit", "return", "resubmit", "validate", "values"):
        assert f"/api/v1/submissions/{{id}}/{action}/" in paths
    assert "/api/v1/results/" in paths
