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


@pytest.mark.parametrize("missing", ["SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL"])
def test_production_refuses_to_start_without_required_variables(missing):
    env_vars = {
        "SECRET_KEY": "x" * 60,
        "ALLOWED_HOSTS": "portal.unccd.int",
        "DATABASE_URL": "postgres://portal@db/portal",
    }
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
