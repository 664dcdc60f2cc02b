"""The read-replica router: which alias a read and a write use.

The test settings define `replica` as a mirror of the test database (same rows, its own
connection), so the queries each connection runs show where a read went. These tests are
transactional: inside a test's transaction every read stays on the primary, by design.
"""

import pytest
from django.db import connections, router, transaction
from django.http import StreamingHttpResponse
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

from accounts.models import User
from regions.models import Country, Region
from unccd_portal.db_router import PIN_COOKIE, ReplicaReadMiddleware, replica_reads

from ..factories import UserFactory

pytestmark = pytest.mark.django_db(transaction=True, databases=["default", "replica"])


@pytest.fixture(autouse=True)
def _replica_reads_on(settings, reference_data):
    settings.DATABASE_REPLICA_READS = True


@pytest.fixture(scope="module", autouse=True)
def _close_replica_pool():
    """With DATABASE_POOL=true: Django closes the pool of `default` before it drops the test
    database, not that of a mirror, whose open connections would keep the database from being dropped.
    """
    yield
    if hasattr(connections["replica"], "close_pool"):
        connections["replica"].close_pool()


class Queries:
    """The SQL that each alias ran inside the block."""

    def __enter__(self):
        self.contexts = {alias: CaptureQueriesContext(connections[alias]) for alias in ("default", "replica")}
        for context in self.contexts.values():
            context.__enter__()
        return self

    def __exit__(self, *exc):
        for context in self.contexts.values():
            context.__exit__(*exc)

    def on(self, alias: str, table: str) -> int:
        return sum(table in query["sql"] for query in self.contexts[alias].captured_queries)


def test_reads_use_the_primary_unless_marked():
    assert Country.objects.all().db == "default"
    with replica_reads():
        assert Country.objects.all().db == "replica"
    assert Country.objects.all().db == "default"


def test_a_marked_read_runs_on_the_replica_connection():
    with Queries() as queries, replica_reads():
        assert Region.objects.filter(code="I").exists()
    assert queries.on("replica", "regions_region") == 1
    assert queries.on("default", "regions_region") == 0


def test_writes_always_use_the_primary():
    with replica_reads():
        assert router.db_for_write(Region) == "default"
    with Queries() as queries, replica_reads():
        Region.objects.filter(code="I").update(name="Africa")
    assert queries.on("default", "UPDATE") == 1 and queries.on("replica", "UPDATE") == 0


def test_reads_after_a_write_in_the_same_block_stay_on_the_primary():
    with Queries() as queries, replica_reads():
        assert Country.objects.all().db == "replica"
        region = Region.objects.get(code="I")
        region.save(update_fields=["name"])
        assert Country.objects.all().db == "default"
        assert Region.objects.filter(code="I").exists()
    assert queries.on("replica", "regions_region") == 1  # the get() before the write
    assert queries.on("default", "regions_region") == 2  # the UPDATE and the read after it


def test_reads_inside_a_transaction_use_the_primary():
    with replica_reads(), transaction.atomic():
        assert Country.objects.all().db == "default"


def test_who_the_user_is_is_always_read_from_the_primary():
    with replica_reads():
        assert User.objects.all().db == "default"
        from django.contrib.sessions.models import Session

        assert Session.objects.all().db == "default"


def test_the_switch_sends_every_read_back_to_the_primary(settings):
    settings.DATABASE_REPLICA_READS = False
    with replica_reads():
        assert Country.objects.all().db == "default"


def test_migrations_run_on_the_primary_only():
    assert router.allow_migrate("default", "regions") is True
    assert router.allow_migrate("replica", "regions") is False


def test_an_anonymous_api_read_is_served_by_the_replica(client):
    with Queries() as queries:
        response = client.get("/api/v1/regions/")
    assert response.status_code == 200 and response.json()["count"] == 5
    assert queries.on("replica", "regions_region") >= 1
    assert queries.on("default", "regions_region") == 0


def test_an_anonymous_public_page_is_served_by_the_replica(client):
    with Queries() as queries:
        response = client.get("/regions/parties/")
    assert response.status_code == 200
    assert queries.on("replica", "regions_country") >= 1
    assert queries.on("default", "regions_country") == 0


def test_a_logged_in_users_pages_read_the_primary(client):
    client.force_login(UserFactory())
    with Queries() as queries:
        assert client.get("/regions/parties/").status_code == 200
    assert queries.on("default", "regions_country") >= 1
    assert queries.on("replica", "regions_country") == 0


def test_an_api_client_with_a_session_reads_the_replica_but_its_user_from_the_primary(client):
    client.force_login(UserFactory())
    with Queries() as queries:
        assert client.get("/api/v1/regions/").status_code == 200
    assert queries.on("replica", "regions_region") >= 1
    assert queries.on("replica", "accounts_user") == 0 and queries.on("default", "accounts_user") >= 1


def test_a_write_pins_the_browser_to_the_primary_for_its_next_requests(client):
    response = client.post("/api/v1/regions/", {})
    assert response.cookies[PIN_COOKIE]["max-age"] == 10
    with Queries() as queries:
        assert client.get("/api/v1/regions/").status_code == 200
    assert queries.on("default", "regions_region") >= 1
    assert queries.on("replica", "regions_region") == 0


def test_the_health_check_reads_the_primary(client, settings):
    settings.CELERY_TASK_ALWAYS_EAGER = True
    with Queries() as queries:
        assert client.get("/healthz").json()["checks"]["replica"]["ok"] is True
    assert queries.on("default", "SELECT 1") == 1 and queries.on("replica", "SELECT 1") == 1


def test_a_streamed_response_reads_the_replica_while_it_is_sent():
    seen = []

    def rows():
        for _ in range(2):
            seen.append(Country.objects.all().db)
            yield "row\n"

    middleware = ReplicaReadMiddleware(lambda request: StreamingHttpResponse(rows()))
    request = RequestFactory().get("/api/v1/results/?format=csv")
    response = middleware(request)
    assert seen == []  # nothing read until the server sends
    chunks = []
    for chunk in response.streaming_content:
        chunks.append(chunk)
        # Between chunks, while the server writes to the socket, the mark is off.
        assert Country.objects.all().db == "default"
    assert chunks == [b"row\n", b"row\n"] and seen == ["replica", "replica"]
