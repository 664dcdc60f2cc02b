"""The compile job: idempotent, one complete version after reruns or a worker's death, real worker."""

import os
import time
from unittest import mock

import pytest
from celery.contrib.testing.worker import start_worker
from celery.exceptions import Retry
from django.db import OperationalError, transaction

from reporting.choices import ReportKind, ReportStatus
from reporting.models import Report
from reporting.rendering.labels import render
from reporting.services import report_claim, report_request
from reporting.tasks import compile_report
from tests.factories import BienniumFactory
from unccd_portal.celery import app

from .conftest import CUTOFF, import_samples

requires_redis = pytest.mark.skipif(
    not os.environ.get("REDIS_URL"), reason="REDIS_URL is not set: no broker to run a real worker against"
)


def _request(biennium, user=None) -> Report:
    # Not committed in a plain django_db test: the on-commit enqueue never fires, so the test drives the task.
    return report_request(
        kind=ReportKind.BIENNIAL_PERFORMANCE, biennium=biennium, cutoff_date=CUTOFF, user=user
    )


def test_request_queues_a_new_version_each_time(small_finance, small_posts, biennium, secretariat_user):
    first, second = _request(biennium, secretariat_user), _request(biennium, secretariat_user)
    assert (first.version, second.version) == (1, 2)
    assert first.status == ReportStatus.QUEUED and first.progress == 0


def test_request_enqueues_on_commit(small_finance, small_posts, biennium, django_capture_on_commit_callbacks):
    # Run the task in-process whatever the broker, to check what the on-commit callback sends.
    run_here = mock.patch.object(
        compile_report, "delay", side_effect=lambda *args: compile_report.apply(args=args)
    )
    with run_here as delay, django_capture_on_commit_callbacks(execute=True) as callbacks:
        report = _request(biennium)
    assert len(callbacks) == 1
    delay.assert_called_once_with(report.pk, report.attempt_token)  # the attempt it compiles
    report.refresh_from_db()
    assert report.status == ReportStatus.COMPLETE and report.progress == 100
    assert len(report.tables) == 9 and report.checks and report.started_at and report.finished_at


def test_task_run_twice_leaves_one_complete_version(small_finance, small_posts, biennium):
    report = _request(biennium)
    assert compile_report.apply(args=[report.pk]).get() == ReportStatus.COMPLETE
    report.refresh_from_db()
    finished, tables = report.finished_at, report.tables
    assert compile_report.apply(args=[report.pk]).get() == "skipped"
    report.refresh_from_db()
    assert (report.finished_at, report.tables) == (finished, tables)
    assert Report.objects.filter(status=ReportStatus.COMPLETE).count() == 1


def test_rerun_after_a_worker_died_mid_compile(small_finance, small_posts, biennium):
    report = _request(biennium)
    report_claim(report_id=report.pk)  # the dead worker had claimed it and written nothing else
    report.refresh_from_db()
    assert report.status == ReportStatus.RUNNING and report.tables == []
    assert compile_report.apply(args=[report.pk]).get() == ReportStatus.COMPLETE  # redelivered (acks_late)
    assert Report.objects.get().status == ReportStatus.COMPLETE
    assert Report.objects.count() == 1


def test_a_crash_midway_writes_nothing_and_fails_visibly(small_finance, small_posts, biennium):
    report = _request(biennium)
    with (
        mock.patch("reporting.compiler.biennial.staffing_tables", side_effect=RuntimeError("disk on fire")),
        pytest.raises(RuntimeError),
    ):
        compile_report.apply(args=[report.pk])
    report.refresh_from_db()
    assert report.status == ReportStatus.FAILED and "disk on fire" in report.error
    assert report.tables == [] and report.checks == []
    assert compile_report.apply(args=[report.pk]).get() == ReportStatus.COMPLETE  # compile again


def test_transient_database_errors_are_retried_not_failed(small_finance, small_posts, biennium):
    report = _request(biennium)
    with (
        mock.patch(
            "reporting.compiler.run.compile_report_content", side_effect=OperationalError("connection lost")
        ),
        pytest.raises(Retry),
    ):
        compile_report.apply(args=[report.pk])
    report.refresh_from_db()
    assert report.status == ReportStatus.RUNNING and report.tables == []  # left for the retry
    assert compile_report.apply(args=[report.pk]).get() == ReportStatus.COMPLETE  # the retry


def test_task_options_make_it_reliable():
    assert compile_report.acks_late and compile_report.reject_on_worker_lost
    assert compile_report.max_retries == 3 and compile_report.autoretry_for == (
        OperationalError,
        __import__("django.db").db.InterfaceError,
    )
    assert compile_report.time_limit and compile_report.soft_time_limit
    assert app.conf.worker_prefetch_multiplier == 1


def _wait_for(report_id: int, timeout: float = 60) -> Report:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        report = Report.objects.get(pk=report_id)
        if report.status in (ReportStatus.COMPLETE, ReportStatus.FAILED):
            return report
        time.sleep(0.2)
    raise AssertionError("the worker did not finish the compile in time")


@requires_redis
@pytest.mark.celery_worker
@pytest.mark.django_db(transaction=True)
def test_real_worker_compiles_the_seed_report_once(reference_data):
    biennium = BienniumFactory(start_year=2018)
    import_samples(biennium)
    assert app.conf.task_always_eager is False
    with start_worker(app, perform_ping_check=False, shutdown_timeout=10):
        with transaction.atomic():
            report = _request(biennium)
        report = _wait_for(report.pk)
        compile_report.delay(report.pk).get(timeout=30)  # the same job again: a no-op
    assert report.status == ReportStatus.COMPLETE, report.error
    rows = {r["label"]: r["cells"] for r in render(report.tables[0])["rows"]}
    assert rows["Total core budget (A-E)"] == [14325736, 9666259, 4458723, 14124982, 200754]
    assert Report.objects.filter(status=ReportStatus.COMPLETE).count() == 1
    assert Report.objects.get().finished_at == report.finished_at
