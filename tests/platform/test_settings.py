"""Settings switch between the embedded default and PostgreSQL/Redis from the environment."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PROBE = (
    "import json, django; from django.conf import settings; django.setup(); "
    "print(json.dumps({'engine': settings.DATABASES['default']['ENGINE'], "
    "'eager': settings.CELERY_TASK_ALWAYS_EAGER, 'broker': settings.CELERY_BROKER_URL, "
    "'cache': settings.CACHES['default']['BACKEND'], 'debug': settings.DEBUG}))"
)
SERVICE_VARIABLES = (
    "DATABASE_URL",
    "DATABASE_REPLICA_URL",
    "DATABASE_POOL",
    "DATABASE_CONN_MAX_AGE",
    "DATABASE_REPLICA_READS",
    "REDIS_URL",
    "SECRET_KEY",
    "ALLOWED_HOSTS",
    "DJANGO_SETTINGS_MODULE",
    "DJANGO_ALLOW_ASYNC_UNSAFE",
)


def run_python(code: str, settings_module: str, **env_vars) -> subprocess.CompletedProcess:
    env = {key: value for key, value in os.environ.items() if key not in SERVICE_VARIABLES}
    env.update(env_vars, DJANGO_SETTINGS_MODULE=settings_module)
    return subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60
    )


def probe(settings_module: str, **env_vars) -> dict:
    result = run_python(PROBE, settings_module, **env_vars)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_embedded_default_is_sqlite_with_eager_celery():
    config = probe("unccd_portal.settings.development")
    assert config["engine"] == "django.db.backends.sqlite3"
    assert config["eager"] is True
    assert config["broker"] == "memory://"
    assert config["debug"] is True


def test_environment_switches_to_postgresql_and_redis():
    config = probe(
        "unccd_portal.settings.development",
        DATABASE_URL="postgres://portal@db.example:5432/portal",
        REDIS_URL="redis://cache.example:6379/1",
    )
    assert config["engine"] == "django.db.backends.postgresql"
    assert config["eager"] is False
    assert config["broker"] == "redis://cache.example:6379/1"
    assert config["cache"] == "django.core.cache.backends.redis.RedisCache"


PRODUCTION = {
    "SECRET_KEY": "x" * 60,
    "ALLOWED_HOSTS": "portal.unccd.int",
    "DATABASE_URL": "postgres://portal@db/portal",
    "REDIS_URL": "redis://redis:6379/0",
}


@pytest.mark.parametrize("missing", ["SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL", "REDIS_URL"])
def test_production_refuses_to_start_without_required_variables(missing):
    env_vars = dict(PRODUCTION)
    del env_vars[missing]
    result = run_python(PROBE, "unccd_portal.settings.production", **env_vars)
    assert result.returncode != 0
    assert f"need the {missing} environment variable" in result.stderr


def test_production_passes_deploy_checks_without_warnings():
    env = {key: value for key, value in os.environ.items() if key not in SERVICE_VARIABLES}
    env.update(
        DJANGO_SETTINGS_MODULE="unccd_portal.settings.production",
        SECRET_KEY="k3y-" + "a1B2c3D4e5F6g7H8i9J0" * 3,
        ALLOWED_HOSTS="portal.unccd.int",
        DATABASE_URL="sqlite:////tmp/unccd-deploy-check.sqlite3",
        REDIS_URL="redis://127.0.0.1:6379/15",
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


DATABASE_PROBE = (
    "import json, django; from django.conf import settings; django.setup(); "
    "print(json.dumps({'databases': settings.DATABASES, 'session': settings.SESSION_ENGINE, "
    "'cache': settings.CACHES['default']['BACKEND'], 'media': str(settings.MEDIA_ROOT), "
    "'storage': settings.STORAGES['default']['BACKEND']}, default=str))"
)


def probe_databases(settings_module: str, **env_vars) -> dict:
    result = run_python(DATABASE_PROBE, settings_module, **env_vars)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_production_web_uses_the_psycopg_pool_with_health_checks():
    default = probe_databases("unccd_portal.settings.production", **PRODUCTION)["databases"]["default"]
    assert default["ENGINE"] == "django.db.backends.postgresql"
    assert default["OPTIONS"]["pool"] == {"min_size": 2, "max_size": 8, "timeout": 10.0}
    # Django's pool refuses persistent connections: the pool keeps them instead.
    assert default["CONN_MAX_AGE"] == 0 and default["CONN_HEALTH_CHECKS"] is True


def test_production_worker_keeps_persistent_connections_without_the_pool():
    default = probe_databases("unccd_portal.settings.production", DATABASE_POOL="false", **PRODUCTION)[
        "databases"
    ]["default"]
    assert "pool" not in default.get("OPTIONS", {})
    assert default["CONN_MAX_AGE"] == 60 and default["CONN_HEALTH_CHECKS"] is True


def test_development_closes_connections_after_each_request_and_sqlite_never_pools():
    config = probe_databases("unccd_portal.settings.development", DATABASE_POOL="true")
    default = config["databases"]["default"]
    assert default["ENGINE"] == "django.db.backends.sqlite3"
    assert "pool" not in default.get("OPTIONS", {}) and default["CONN_MAX_AGE"] == 0


def test_a_replica_url_adds_a_replica_alias_that_tests_mirror():
    databases = probe_databases(
        "unccd_portal.settings.production",
        DATABASE_REPLICA_URL="postgres://reader@replica.example:5432/portal",
        **PRODUCTION,
    )["databases"]
    assert databases["replica"]["HOST"] == "replica.example"
    assert databases["replica"]["TEST"]["MIRROR"] == "default"
    assert "pool" in databases["replica"]["OPTIONS"]


def test_production_web_processes_keep_no_state_between_requests():
    config = probe_databases("unccd_portal.settings.production", MEDIA_ROOT="/srv/media", **PRODUCTION)
    assert config["session"] == "django.contrib.sessions.backends.db"
    assert config["cache"] == "django.core.cache.backends.redis.RedisCache"
    assert config["storage"] == "django.core.files.storage.FileSystemStorage"
    assert config["media"] == "/srv/media"  # a volume shared by every web and worker container
