"""Stuck compiles: the heartbeat, the watchdog (requeue or fail, at frozen times), attempt tokens so that
a requeued attempt and a late original never both complete, and the retry (service, API, page)."""

import datetime
from unittest import mock

import pytest
import time_machine
from django.conf import settings

from reporting.choices import ReportKind, ReportStatus
from reporting.compiler.run import (
    CompileSuperseded,
    _Heartbeat,
    report_claim,
    report_complete,
    report_fail,
    reports_requeue_stalled,
)
from reporting.models import WORKER_DIED, Report
from reporting.services import report_compile, report_request, report_retry
from reporting.tasks import compile_report, requeue_stalled_compiles
from unccd_portal.celery import app

from .conftest import CUTOFF

T0 = datetime.datetime(2024, 3, 1, 9, 0, tzinfo=datetime.UTC)
HEARTBEAT_TIMEOUT = datetime.timedelta(seconds=settings.REPORT_HEARTBEAT_TIMEOUT)
QUEUED_TIMEOUT = datetime.timedelta(seconds=settings.REPORT_QUEUED_TIMEOUT)
SECOND = datetime.timedelta(seconds=1)


@pytest.fixture
def frozen():
    with time_machine.travel(T0, tick=False) as traveller:
        yield traveller


@pytest.fixture
def queued(small_finance, small_posts, biennium, secretariat_user, frozen) -> Report:
    return report_request(
        kind=ReportKind.BIENNIAL_PERFORMANCE, biennium=biennium, cutoff_date=CUTOFF, user=secretariat_user
    )


def _watchdog(django_capture_on_commit_callbacks) -> tuple[dict, mock.Mock]:
    """Run the watchdog, its enqueues collected (as sent once its transaction commits)."""
    enqueue = mock.Mock()
    with django_capture_on_commit_callbacks(execute=True):
        outcome = reports_requeue_stalled(enqueue=enqueue)
    return outcome, enqueue


def test_a_request_starts_the_first_attempt_with_a_token_and_a_heartbeat(queued):
    assert (queued.status, queued.attempt, queued.heartbeat_at) == (ReportStatus.QUEUED, 1, T0)
    assert len(queued.attempt_token) == 32


def test_the_compile_beats_as_it_goes(queued, frozen):
    beats = []
    real = Report.objects.filter

    def record(*args, **kwargs):
        if "status" in kwargs:  # the heartbeat's update
            beats.append(kwargs)
        return real(*args, **kwargs)

    frozen.move_to(T0 + 10 * SECOND)
    with mock.patch.object(Report.objects, "filter", side_effect=record):
        report = report_compile(report_id=queued.pk, token=queued.attempt_token)
    assert report.status == ReportStatus.COMPLETE and report.heartbeat_at == T0 + 10 * SECOND
    assert len(beats) >= 5  # one per progress step (30, 55, 75, 85, 95 %)


def test_the_watchdog_leaves_live_compiles_alone(queued, frozen, django_capture_on_commit_callbacks):
    running = report_claim(report_id=queued.pk, token=queued.attempt_token)
    frozen.move_to(T0 + HEARTBEAT_TIMEOUT)  # silent for exactly the timeout: not yet stalled
    assert _watchdog(django_capture_on_commit_callbacks)[0] == {"requeued": [], "failed": []}
    running.refresh_from_db()
    assert (running.status, running.attempt, running.attempt_token) == (
        ReportStatus.RUNNING,
        1,
        queued.attempt_token,
    )


def test_a_running_compile_whose_heartbeat_stopped_is_requeued(
    queued, frozen, django_capture_on_commit_callbacks
):
    report_claim(report_id=queued.pk, token=queued.attempt_token)
    frozen.move_to(T0 + HEARTBEAT_TIMEOUT + SECOND)
    outcome, enqueue = _watchdog(django_capture_on_commit_callbacks)
    report = Report.objects.get(pk=queued.pk)
    assert outcome == {"requeued": [report.pk], "failed": []}
    assert (report.status, report.attempt, report.progress) == (ReportStatus.QUEUED, 2, 0)
    assert (
        report.attempt_token != queued.attempt_token
        and report.heartbeat_at == T0 + HEARTBEAT_TIMEOUT + SECOND
    )
    enqueue.assert_called_once_with(report.pk, report.attempt_token)
    # The history says what happened, and that nobody did it by hand.
    latest = report.history.first()
    assert (latest.status, latest.attempt, latest.history_user) == (ReportStatus.QUEUED, 2, None)


def test_a_queued_compile_no_worker_took_is_requeued_only_after_the_queued_timeout(
    queued, frozen, django_capture_on_commit_callbacks
):
    frozen.move_to(
        T0 + HEARTBEAT_TIMEOUT + SECOND
    )  # waiting in line longer than a running compile may be silent
    assert _watchdog(django_capture_on_commit_callbacks)[0]["requeued"] == []
    frozen.move_to(T0 + QUEUED_TIMEOUT + SECOND)
    outcome, enqueue = _watchdog(django_capture_on_commit_callbacks)
    assert outcome["requeued"] == [queued.pk]
    assert Report.objects.get(pk=queued.pk).attempt == 2 and enqueue.call_count == 1


def test_after_the_last_attempt_the_watchdog_marks_it_failed(
    queued, frozen, django_capture_on_commit_callbacks
):
    now = T0
    for attempt in range(1, settings.REPORT_COMPILE_MAX_ATTEMPTS + 1):
        report = Report.objects.get(pk=queued.pk)
        assert report.attempt == attempt
        report_claim(report_id=report.pk, token=report.attempt_token)  # a worker takes it, then dies
        now += HEARTBEAT_TIMEOUT + SECOND
        frozen.move_to(now)
        outcome, enqueue = _watchdog(django_capture_on_commit_callbacks)
    assert outcome == {"requeued": [], "failed": [queued.pk]} and not enqueue.called
    report = Report.objects.get(pk=queued.pk)
    assert report.status == ReportStatus.FAILED and report.worker_died
    assert report.error.startswith(WORKER_DIED) and report.finished_at == now
    assert report.attempt_token == ""  # a late original can no longer claim or complete it
    assert report_claim(report_id=report.pk, token=queued.attempt_token) is None
    # A failed report is left alone by later rounds.
    frozen.move_to(now + QUEUED_TIMEOUT * 2)
    assert _watchdog(django_capture_on_commit_callbacks)[0] == {"requeued": [], "failed": []}


def test_a_requeue_and_a_late_original_cannot_both_complete(
    queued, frozen, django_capture_on_commit_callbacks
):
    original = queued.attempt_token
    report_claim(report_id=queued.pk, token=original)
    frozen.move_to(T0 + HEARTBEAT_TIMEOUT + SECOND)  # the original's worker seems dead
    _watchdog(django_capture_on_commit_callbacks)
    requeued = Report.objects.get(pk=queued.pk).attempt_token
    # The original was only slow: its heartbeat, its result and its failure are all refused now.
    assert report_complete(report_id=queued.pk, result={"tables": [], "checks": []}, token=original) is False
    report_fail(report_id=queued.pk, error="late crash", token=original)
    assert compile_report.apply(args=[queued.pk, original]).get() == "skipped"
    report = Report.objects.get(pk=queued.pk)
    assert (report.status, report.error, report.tables) == (ReportStatus.QUEUED, "", [])
    # The requeued attempt completes it, once; its message delivered again is a no-op.
    assert compile_report.apply(args=[queued.pk, requeued]).get() == ReportStatus.COMPLETE
    assert compile_report.apply(args=[queued.pk, requeued]).get() == "skipped"
    assert Report.objects.filter(status=ReportStatus.COMPLETE).count() == 1 and Report.objects.count() == 1


def test_an_attempt_superseded_midway_stops_and_writes_nothing(
    queued, frozen, django_capture_on_commit_callbacks
):
    def requeued_meanwhile(*args, **kwargs):
        frozen.shift(HEARTBEAT_TIMEOUT + SECOND)
        reports_requeue_stalled(enqueue=mock.Mock())  # the watchdog, while this attempt computes
        return [], {}

    with mock.patch("reporting.compiler.biennial.staffing_tables", side_effect=requeued_meanwhile):
        assert compile_report.apply(args=[queued.pk, queued.attempt_token]).get() == "superseded"
        with pytest.raises(CompileSuperseded):
            report_compile(report_id=queued.pk, token=Report.objects.get(pk=queued.pk).attempt_token)
    report = Report.objects.get(pk=queued.pk)
    assert report.status == ReportStatus.QUEUED and report.tables == [] and report.attempt == 3


def test_the_heartbeat_thread_notices_it_was_superseded():
    with (
        mock.patch("reporting.compiler.run.report_set_progress", side_effect=[True, True, False]) as beat,
        mock.patch("reporting.compiler.run.connection"),
    ):
        heartbeat = _Heartbeat(report_id=1, token="t", interval=0.01)
        heartbeat.start()
        heartbeat.join(timeout=5)
    assert heartbeat.superseded and beat.call_count == 3
    beat.assert_called_with(report_id=1, token="t")


def test_the_beat_task_requeues_through_the_compile_task(queued, frozen, django_capture_on_commit_callbacks):
    report_claim(report_id=queued.pk, token=queued.attempt_token)
    frozen.move_to(T0 + HEARTBEAT_TIMEOUT + SECOND)
    with (
        mock.patch.object(compile_report, "delay") as delay,
        django_capture_on_commit_callbacks(execute=True),
    ):
        assert requeue_stalled_compiles.apply().get() == {"requeued": [queued.pk], "failed": []}
    delay.assert_called_once_with(queued.pk, Report.objects.get(pk=queued.pk).attempt_token)


def test_settings_bound_redelivery_and_schedule_the_watchdog():
    options = app.conf.broker_transport_options
    assert options["visibility_timeout"] > app.conf.task_time_limit >= compile_report.time_limit
    assert compile_report.time_limit == settings.REPORT_COMPILE_TIME_LIMIT
    assert compile_report.soft_time_limit < compile_report.time_limit
    # A compile beats several times within the timeout, and may be silent at most its time limit.
    assert settings.REPORT_HEARTBEAT_INTERVAL * 4 <= settings.REPORT_HEARTBEAT_TIMEOUT
    schedule = app.conf.beat_schedule["reporting-compile-watchdog"]
    assert schedule["task"] == requeue_stalled_compiles.name


# --- retry: service, API, page ---------------------------------------------------------------------


@pytest.fixture
def died(queued) -> Report:
    Report.objects.filter(pk=queued.pk).update(
        status=ReportStatus.FAILED, attempt=3, attempt_token="", error=f"{WORKER_DIED} No worker finished it."
    )
    return Report.objects.get(pk=queued.pk)


@pytest.mark.parametrize("who", ["secretariat_user", "gm_user"])
def test_staff_retry_a_failed_compile_through_the_api(
    request, api_client, died, who, django_capture_on_commit_callbacks
):
    user = request.getfixturevalue(who)
    api_client.force_authenticate(user)
    with (
        mock.patch.object(compile_report, "delay") as delay,
        django_capture_on_commit_callbacks(execute=True),
    ):
        response = api_client.post(f"/api/v1/reports/{died.pk}/retry/")
    assert response.status_code == 202, response.content
    report = Report.objects.get(pk=died.pk)
    assert response.json()["status"] == "queued" and response.json()["attempt"] == 1  # a full count again
    assert (report.status, report.error, report.version) == (ReportStatus.QUEUED, "", died.version)
    delay.assert_called_once_with(report.pk, report.attempt_token)
    assert report.history.first().history_user == user


@pytest.mark.parametrize(
    ("who", "status"),
    [("anonymous", 401), ("nfp_kenya", 403), ("coordinator_africa", 403), ("api_reader", 403)],
)
def test_others_cannot_retry(request, api_client, died, who, status):
    if who != "anonymous":
        api_client.force_authenticate(request.getfixturevalue(who))
    with mock.patch.object(compile_report, "delay") as delay:
        response = api_client.post(f"/api/v1/reports/{died.pk}/retry/")
    assert response.status_code in (status, 404) and response.status_code != 202
    assert response.headers["Content-Type"].startswith("application/json")
    report = Report.objects.get(pk=died.pk)
    assert (report.status, report.attempt) == (ReportStatus.FAILED, 3) and not delay.called


def test_only_a_failed_compile_can_be_retried(api_client, queued, secretariat_user):
    api_client.force_authenticate(secretariat_user)
    response = api_client.post(f"/api/v1/reports/{queued.pk}/retry/")
    assert response.status_code == 409 and "failed" in response.json()["detail"]
    with pytest.raises(Exception, match="failed"):
        report_retry(user=secretariat_user, report=queued)


def test_the_api_says_the_worker_died(api_client, died, secretariat_user):
    api_client.force_authenticate(secretariat_user)
    body = api_client.get(f"/api/v1/reports/{died.pk}/").json()
    assert body["status"] == "failed" and body["error"].startswith("The compile stopped: the worker died.")
    assert body["attempt"] == 3 and body["heartbeat_at"]


def test_the_page_says_the_worker_died_and_offers_staff_a_retry(
    client, died, secretariat_user, django_capture_on_commit_callbacks
):
    client.force_login(secretariat_user)
    page = client.get(f"/reports/{died.pk}/").content.decode()
    assert "The compile stopped: the worker died." in page and "tried 3 times" in page
    assert f'action="/reports/{died.pk}/retry/"' in page
    with (
        mock.patch.object(compile_report, "delay") as delay,
        django_capture_on_commit_callbacks(execute=True),
    ):
        response = client.post(f"/reports/{died.pk}/retry/", follow=True)
    assert "The compile was queued again." in response.content.decode()
    assert Report.objects.get(pk=died.pk).status == ReportStatus.QUEUED and delay.called
    assert Report.objects.get(pk=died.pk).history.first().attempt == 1


def test_other_users_get_no_retry_page_or_button(client, died, nfp_kenya):
    client.force_login(nfp_kenya)
    assert client.get(f"/reports/{died.pk}/").status_code == 404
    assert client.post(f"/reports/{died.pk}/retry/").status_code == 404
    assert Report.objects.get(pk=died.pk).status == ReportStatus.FAILED


def test_the_page_says_a_compile_was_requeued(
    client, queued, frozen, secretariat_user, django_capture_on_commit_callbacks
):
    report_claim(report_id=queued.pk, token=queued.attempt_token)
    frozen.move_to(T0 + HEARTBEAT_TIMEOUT + SECOND)
    _watchdog(django_capture_on_commit_callbacks)
    client.force_login(secretariat_user)
    page = client.get(f"/reports/{queued.pk}/").content.decode()
    assert "Attempt 2: the worker of the previous attempt stopped" in page
