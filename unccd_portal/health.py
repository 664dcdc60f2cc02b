"""Health checks of the components the portal depends on."""

from django.conf import settings
from django.core.cache import cache
from django.db import connection

from .celery import app as celery_app


def check_database() -> dict:
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


def check_celery() -> dict:
    """Eager mode needs no worker; with a broker, at least one worker must answer a ping."""
    if settings.CELERY_TASK_ALWAYS_EAGER:
        return {"ok": True, "mode": "eager"}
    try:
        replies = celery_app.control.ping(timeout=1.0) or []
    except Exception as exc:  # noqa: BLE001
        return {"ok": False, "mode": "broker", "error": str(exc)}
    workers = sorted(name for reply in replies for name in reply)
    return {"ok": bool(workers), "mode": "broker", "workers": workers}


def health_report() -> dict:
    checks = {"database": check_database(), "cache": check_cache(), "celery": check_celery()}
    return {"status": "ok" if all(c["ok"] for c in checks.values()) else "unhealthy", "checks": checks}
