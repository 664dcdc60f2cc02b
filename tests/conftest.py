"""Fixtures shared by the whole suite."""

import pytest
from django.conf import settings
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from rest_framework.test import APIClient

from core.roles import Role
from regions.models import Country

from .factories import UserFactory


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Load the reference data once into the test database; tests roll back on top of it."""
    with django_db_blocker.unblock():
        call_command("load_reference_data", verbosity=0)


@pytest.fixture(autouse=True)
def _clear_cache():
    """Throttle counters and cached values live in the cache (Redis in CI): start each test clean."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _english_after_each_test():
    """A request in another language leaves it active in the thread: later tests start in English."""
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture
def reference_data(django_db_blocker):
    """For transactional tests, which flush the database: reload reference data if it is gone."""
    with django_db_blocker.unblock():
        if Country.objects.count() != 197:
            call_command("load_reference_data", verbosity=0)


@pytest.fixture
def eager_celery():
    """Run .delay() in-process even when a Redis broker is configured (CI)."""
    from unccd_portal.celery import app

    previous = app.conf.task_always_eager
    app.conf.task_always_eager = True
    yield
    app.conf.task_always_eager = previous


@pytest.fixture
def api_client():
    return APIClient()


@pytest.fixture
def kenya(db):
    return Country.objects.get(iso3="KEN")


@pytest.fixture
def china(db):
    return Country.objects.get(iso3="CHN")


@pytest.fixture
def secretariat_user(db):
    return UserFactory(role=Role.SECRETARIAT)


@pytest.fixture
def gm_user(db):
    return UserFactory(role=Role.GM)


@pytest.fixture
def api_reader(db):
    return UserFactory(role=Role.API_READER)


@pytest.fixture
def nfp_kenya(kenya):
    return UserFactory(role=Role.NATIONAL_FOCAL_POINT, country=kenya)


@pytest.fixture
def stc_kenya(kenya):
    return UserFactory(role=Role.STC, country=kenya)


@pytest.fixture
def nfp_china(china):
    return UserFactory(role=Role.NATIONAL_FOCAL_POINT, country=china)


@pytest.fixture
def coordinator_africa(db):
    from regions.models import Region

    return UserFactory(role=Role.REGIONAL_COORDINATOR, region=Region.objects.get(code="I"))


@pytest.fixture
def coordinator_asia(db):
    from regions.models import Region

    return UserFactory(role=Role.REGIONAL_COORDINATOR, region=Region.objects.get(code="II"))


def count_queries(func) -> int:
    """Number of SQL queries `func()` runs."""
    with CaptureQueriesContext(connection) as context:
        func()
    return len(context.captured_queries)
