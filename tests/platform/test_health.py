"""/healthz: the database and cache checked live, Celery workers from a cached status."""

import threading
import time

import pytest
from django.core.cache import cache

from unccd_portal import health

pytestmark = pytest.mark.django_db

WORKER_REPLY = [{"celery@worker-1": {"ok": "pong"}}]


class FakePing:
    """Stands in for `control.ping`: counts calls and answers after `delay` seconds."""

    def __init__(self, replies=WORKER_REPLY, delay: float = 0.0):
        self.replies, self.delay, self.calls = replies, delay, 0
        self._lock = threading.Lock()

    def __call__(self, timeout):
        with self._lock:
            self.calls += 1
        time.sleep(self.delay)
        return self.replies


@pytest.fixture
def broker_mode(settings):
    settings.CELERY_TASK_ALWAYS_EAGER = False


@pytest.fixture
def fake_ping(monkeypatch, broker_mode):
    ping = FakePing()
    monkeypatch.setattr(health.celery_app.control, "ping", ping)
    return ping


def store_status(*, age: float, workers=("celery@worker-1",)):
    status = {"ok": bool(workers), "workers": list(workers), "checked_at": time.time() - age}
    cache.set(health.WORKER_STATUS_KEY, status, health.WORKER_STATUS_KEEP_SECONDS)


def test_healthz_is_200_in_eager_mode_without_pinging(client, settings, monkeypatch):
    settings.CELERY_TASK_ALWAYS_EAGER = True
    monkeypatch.setattr(health.celery_app.control, "ping", FakePing(replies=[]))
    response = client.get("/healthz")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert body["checks"]["database"]["ok"] is True
    assert body["checks"]["cache"]["ok"] is True
    assert body["checks"]["celery"] == {"ok": True, "mode": "eager"}


def test_a_fresh_status_answers_without_a_ping(client, fake_ping):
    store_status(age=3)
    response = client.get("/healthz")
    assert response.status_code == 200
    celery = response.json()["checks"]["celery"]
    assert celery["workers"] == ["celery@worker-1"] and celery["pinged"] is False
    assert 2.5 <= celery["age_seconds"] <= 10
    assert fake_ping.calls == 0


def test_a_stale_status_is_refreshed_by_one_ping(client, fake_ping):
    store_status(age=health.WORKER_STATUS_MAX_AGE + 1, workers=())
    response = client.get("/healthz")
    assert response.status_code == 200
    celery = response.json()["checks"]["celery"]
    assert celery["pinged"] is True and celery["age_seconds"] < 1 and "stale" not in celery
    assert fake_ping.calls == 1
    assert cache.get(health.WORKER_STATUS_KEY)["workers"] == ["celery@worker-1"]
    assert cache.get(health.WORKER_STATUS_LOCK_KEY) is None
    client.get("/healthz")
    assert fake_ping.calls == 1  # fresh again: no second ping


def test_a_cold_cache_pings_once(client, fake_ping):
    assert client.get("/healthz").status_code == 200
    assert fake_ping.calls == 1


def test_healthz_is_503_when_the_cached_status_has_no_worker(client, fake_ping):
    store_status(age=1, workers=())
    response = client.get("/healthz")
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "unhealthy"
    assert body["checks"]["celery"]["ok"] is False and body["checks"]["celery"]["workers"] == []
    assert fake_ping.calls == 0


def test_healthz_is_503_when_a_refresh_finds_no_worker(client, monkeypatch, broker_mode):
    monkeypatch.setattr(health.celery_app.control, "ping", FakePing(replies=[]))
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["checks"]["celery"]["workers"] == []


def test_a_broker_error_is_cached_as_unhealthy(client, monkeypatch, broker_mode):
    def refused(timeout):
        raise ConnectionError("broker refused the connection")

    monkeypatch.setattr(health.celery_app.control, "ping", refused)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert "refused" in response.json()["checks"]["celery"]["error"]


def test_the_database_is_still_checked_on_every_call(client, fake_ping, django_assert_num_queries):
    store_status(age=1)
    with django_assert_num_queries(1):  # SELECT 1
        assert client.get("/healthz").status_code == 200


def test_healthz_is_503_when_the_database_fails(client, fake_ping, monkeypatch):
    store_status(age=1)
    monkeypatch.setattr(health, "check_database", lambda alias="default": {"ok": False, "error": "refused"})
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["checks"]["database"]["error"] == "refused"


def test_healthz_is_503_when_the_cache_fails(client, fake_ping, monkeypatch):
    store_status(age=1)

    def broken_set(*args, **kwargs):
        raise ConnectionError("cache is down")

    monkeypatch.setattr(health.cache, "set", broken_set)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["checks"]["cache"] == {"ok": False, "error": "cache is down"}


def test_a_failed_replica_degrades_but_keeps_the_node_in_service(client, fake_ping, settings, monkeypatch):
    settings.DATABASE_REPLICA_READS = True
    store_status(age=1)
    real_check = health.check_database

    def replica_down(alias="default"):
        return {"ok": False, "error": "replica refused"} if alias == "replica" else real_check(alias)

    monkeypatch.setattr(health, "check_database", replica_down)
    response = client.get("/healthz")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "degraded" and body["checks"]["replica"]["ok"] is False


def _call_concurrently(count: int) -> list[dict]:
    results, barrier = [], threading.Barrier(count)

    def call():
        barrier.wait()
        results.append(health.check_celery())

    threads = [threading.Thread(target=call) for _ in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=10)
    return results


def test_25_concurrent_calls_on_a_stale_status_ping_once_and_the_others_do_not_wait(monkeypatch, broker_mode):
    ping = FakePing(delay=0.5)
    monkeypatch.setattr(health.celery_app.control, "ping", ping)
    store_status(age=health.WORKER_STATUS_MAX_AGE + 5, workers=())
    started = time.monotonic()
    results = _call_concurrently(25)
    assert len(results) == 25
    assert ping.calls == 1
    assert sum(result["pinged"] for result in results) == 1
    # The 24 others answered from the stale status, marked so, without waiting for the ping.
    stale = [result for result in results if not result["pinged"]]
    assert all(result.get("stale") and result["workers"] == [] for result in stale)
    assert time.monotonic() - started < 2


def test_25_concurrent_calls_on_a_cold_cache_ping_once_and_share_the_result(monkeypatch, broker_mode):
    ping = FakePing(delay=0.3)
    monkeypatch.setattr(health.celery_app.control, "ping", ping)
    results = _call_concurrently(25)
    assert ping.calls == 1
    assert all(result["ok"] and result["workers"] == ["celery@worker-1"] for result in results)


def test_fresh_calls_never_wait_for_a_slow_ping(client, monkeypatch, broker_mode):
    monkeypatch.setattr(health.celery_app.control, "ping", FakePing(delay=1.0))
    store_status(age=0)
    started = time.monotonic()
    for _ in range(20):
        assert client.get("/healthz").status_code == 200
    assert time.monotonic() - started < 1.0


def test_server_error_page_needs_no_database(rf, django_assert_num_queries):
    from unccd_portal.views import server_error

    request = rf.get("/regions/")
    with django_assert_num_queries(0):
        response = server_error(request)
    assert response.status_code == 500 and b"Server error" in response.content
    api_response = server_error(rf.get("/api/v1/countries/"))
    assert api_response.status_code == 500 and api_response["Content-Type"] == "application/json"
