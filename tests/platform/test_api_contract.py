"""What schemathesis found at the edges of the API: each answer as the schema says."""

import pytest

from tests.factories import NetworkFactory

pytestmark = pytest.mark.django_db


def test_an_api_address_no_route_matches_answers_json_404(client):
    response = client.get("/api/v1/regions/5.1.1/")
    assert response.status_code == 404
    assert response.json() == {"detail": "Not found."}


def test_a_series_in_an_unknown_language_is_refused(client):
    response = client.get("/api/v1/dashboard/series/land-cover/", {"lang": "0.5"})
    assert response.status_code == 400
    assert "lang" in response.json()


def test_notification_preferences_take_json_only(api_client, nfp_kenya):
    api_client.force_authenticate(nfp_kenya)
    before = api_client.get("/api/v1/notifications/preferences/").json()
    response = api_client.patch(
        "/api/v1/notifications/preferences/", {"email": "not an object"}, format="multipart"
    )
    assert response.status_code == 415
    assert api_client.get("/api/v1/notifications/preferences/").json() == before


def test_options_on_notifications_answers_405_not_500(api_client, nfp_kenya):
    api_client.force_authenticate(nfp_kenya)
    assert api_client.options("/api/v1/notifications/preferences/").status_code == 405


def test_a_partial_update_of_a_network_keeps_its_host_institution_name(api_client, secretariat_user):
    network = NetworkFactory(host_institution=None)
    api_client.force_authenticate(secretariat_user)
    response = api_client.patch(
        f"/api/v1/thematic-networks/{network.pk}/", {"theme": "Drought"}, format="json"
    )
    assert response.status_code == 200
    assert response.json()["host_institution_name"] == ""
