"""Health checks of the components the portal depends on.

The database(s) and the cache are checked on every call. Celery workers are not: a ping waits
for replies for a whole second, so its result is kept in the cache with the time it was taken,
shared by every web process, and /healthz answers from it while it is at most
`WORKER_STATUS_MAX_AGE` seconds old. When it is older, the first request to take a lock in the
cache pings and stores the new status; requests that arrive meanwhile answer from the old status
at once (marked `stale`) instead of pinging too. Only when there is no status at all (a cold
cache) do they wait, at most for one ping, for the refresher's result.

A request refreshes the status rather than a beat task, so /healthz stays right when beat is
down; the cost is one request every 10 s (across all web processes) that waits for the ping.
"""

import time

from django.conf import settings
from django.core.cache import cache
from django.db import connections

from .celery import app as celery_app
from .db_router import REPLICA_DB_ALIAS, replica_reads_on

WORKER_STATUS_KEY = "healthz:celery-workers"
WORKER_STATUS_LOCK_KEY = "healthz:celery-workers:refreshing"
WORKER_STATUS_MAX_AGE = 10.0
PING_TIMEOUT = 1.0
# Longer than a ping, so that a refresher that died frees the lock soon after.
WORKER_STATUS_LOCK_SECONDS = 5
# A stale status is still worth answering with while a refresher pings.
WORKER_STATUS_KEEP_SECONDS = 300


def check_database(alias: str = "default") -> dict:
    connection = connections[alias]
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        return {"ok": True, "vendor": connection.vendor}
    except Exception as exc:  # noqa: BLE001 - any failure means unhealthy
        return {"ok": False, "error": str(exc)}


def check_cache() -> dict:
    try:
        cache.set("healthz", "ok", 10)
        return {"ok": cache.get("healthz") == "ok", "backend": settings.CACHES["default"]["BACKEND"]}
    except Exception as exc:  # noqa: BLE001
        return {"ok": False, "error": str(exc)}


def ping_workers() -> dict:
    """Ping every worker through the broker (waits PING_TIMEOUT for replies): a status to cache."""
    checked_at = time.time()
    try:
        replies = celery_app.control.ping(timeout=PING_TIMEOUT) or []
    except Exception as exc:  # noqa: BLE001
        return {"ok": False, "workers": [], "checked_at": checked_at, "error": str(exc)}
    workers = sorted(name for reply in replies for name in reply)
    return {"ok": bool(workers), "workers": workers, "checked_at": checked_at}


def _is_fresh(status: dict | None) -> bool:
    return status is not None and time.time() - status["checked_at"] <= WORKER_STATUS_MAX_AGE


def _refresh_worker_status(status: dict | None) -> tuple[dict | None, bool]:
    """A fresh status if this caller may ping (it holds the lock), else the old one at once."""
    if not cache.add(WORKER_STATUS_LOCK_KEY, "1", WORKER_STATUS_LOCK_SECONDS):
        return status, False
    try:
        # Another refresher may have stored a status between our read and our lock.
        latest = cache.get(WORKER_STATUS_KEY)
        if _is_fresh(latest):
            return latest, False
        status = ping_workers()
        cache.set(WORKER_STATUS_KEY, status, WORKER_STATUS_KEEP_SECONDS)
        return status, True
    finally:
        cache.delete(WORKER_STATUS_LOCK_KEY)


def _wait_for_worker_status() -> dict | None:
    deadline = time.monotonic() + PING_TIMEOUT + 0.5
    while time.monotonic() < deadline:
        time.sleep(0.05)
        if (status := cache.get(WORKER_STATUS_KEY)) is not None:
            return status
    return None


def check_celery() -> dict:
    """Eager mode needs no worker; with a broker, at least one worker answered the latest ping."""
    if settings.CELERY_TASK_ALWAYS_EAGER:
        return {"ok": True, "mode": "eager"}
    try:
        status = cache.get(WORKER_STATUS_KEY)
        pinged = False
        if not _is_fresh(status):
            status, pinged = _refresh_worker_status(status)
            if status is None:
                status = _wait_for_worker_status()
    except Exception as exc:  # noqa: BLE001 - the cache failed: the cache check says so too
        return {"ok": False, "mode": "broker", "error": str(exc)}
    if status is None:
        return {"ok": False, "mode": "broker", "error": "no worker status yet"}
    age = max(0.0, time.time() - status["checked_at"])
    result = {
        "ok": status["ok"],
        "mode": "broker",
        "workers": status["workers"],
        "age_seconds": round(age, 1),
        "pinged": pinged,
    }
    if age > WORKER_STATUS_MAX_AGE:
        result["stale"] = True
    if "error" in status:
        result["error"] = status["error"]
    return result


def health_report() -> dict:
    """`ok`, `unhealthy` (503: the primary, the cache or the workers failed) or `degraded`.

    A failed replica only degrades: every web process shares it, so answering 503 would take
    them all out of the load balancer; DATABASE_REPLICA_READS=false sends reads back to the primary.
    """
    checks = {"database": check_database(), "cache": check_cache(), "celery": check_celery()}
    status = "ok" if all(check["ok"] for check in checks.values()) else "unhealthy"
    if replica_reads_on():
        checks["replica"] = check_database(REPLICA_DB_ALIAS)
        if status == "ok" and not checks["replica"]["ok"]:
            status = "degraded"
    return {"status": status, "checks": checks}
