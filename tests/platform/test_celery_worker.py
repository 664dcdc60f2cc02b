"""A real Celery worker, started in-process against the Redis broker, runs a task."""

import os

import pytest
from celery.contrib.testing.worker import start_worker

from unccd_portal.celery import app
from unccd_portal.tasks import ping

requires_redis = pytest.mark.skipif(
    not os.environ.get("REDIS_URL"), reason="REDIS_URL is not set: no broker to run a real worker against"
)


@requires_redis
@pytest.mark.celery_worker
def test_real_worker_takes_and_runs_a_task():
    assert app.conf.task_always_eager is False
    with start_worker(app, perform_ping_check=False, shutdown_timeout=10):
        result = ping.delay("hello from the test")
        assert result.get(timeout=30) == "hello from the test"
        assert result.status == "SUCCESS"


@requires_redis
@pytest.mark.celery_worker
def test_a_worker_started_without_queues_consumes_every_queue():
    """As the test and CI workers are: tasks routed to compile, mail and housekeeping still run."""
    queues = ["compile", "mail", "housekeeping"]
    with start_worker(app, perform_ping_check=False, shutdown_timeout=10):
        results = [ping.apply_async(args=[queue], queue=queue) for queue in queues]
        assert [result.get(timeout=30) for result in results] == queues
