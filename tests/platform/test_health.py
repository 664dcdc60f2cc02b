"""/healthz reports the database, cache and Celery state."""

import pytest

from unccd_portal import health

pytestmark = pytest.mark.django_db


def test_healthz_is_200_when_everything_answers(client, settings):
    settings.CELERY_TASK_ALWAYS_EAGER = True
    response = client.get("/healthz")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert body["checks"]["database"]["ok"] is True
    assert body["checks"]["cache"]["ok"] is True
    assert body["checks"]["celery"]["mode"] == "eager"


def test_healthz_is_503_when_no_worker_answers(client, settings, monkeypatch):
    settings.CELERY_TASK_ALWAYS_EAGER = False
    monkeypatch.setattr(health.celery_app.control, "ping", lambda timeout: [])
    response = client.get("/healthz")
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "unhealthy"
    assert body["checks"]["celery"] == {"ok": False, "mode": "broker", "workers": []}


def test_healthz_is_503_when_the_database_fails(client, monkeypatch):
    monkeypatch.setattr(health, "check_database", lambda: {"ok": False, "error": "connection refused"})
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["checks"]["database"]["error"] == "connection refused"


def test_server_error_page_needs_no_database(rf, django_assert_num_queries):
    from unccd_portal.views import server_error

    request = rf.get("/regions/")
    with django_assert_num_queries(0):
        response = server_error(request)
    assert response.status_code == 500 and b"Server error" in response.content
    api_response = server_error(rf.get("/api/v1/countries/"))
    assert api_response.status_code == 500 and api_response["Content-Type"] == "application/json"
