"""The compile job of a report version: claim it, compute its content by kind, write it once; and the
watchdog that requeues, or fails, a compile whose worker died.

Each queued attempt of a compile carries a token (`Report.attempt_token`, sent with the task). Only
the task holding the report's current token may claim it, beat, record progress and write the result:
when the watchdog requeues a compile, or staff retry one, the token changes, so the new attempt and a
late original (a worker that was only slow, or a message Redis redelivers) can never both complete it.

The Celery task `reporting.compile_report` calls `report_compile`, the beat task
`reporting.requeue_stalled_compiles` calls `reports_requeue_stalled`; the request service enqueues
the first. Imports run one way (services -> tasks -> compiler), so this module imports neither.
"""

import logging
import threading
import time
import uuid
from collections.abc import Callable
from datetime import datetime, timedelta
from functools import partial

from django.conf import settings
from django.db import DatabaseError, connection, transaction
from django.db.models import Q
from django.utils import timezone

from ..choices import ReportKind, ReportStatus
from ..models import WORKER_DIED, Report
from .biennial import compile_biennial
from .mechanism import compile_committee_annual, compile_regional_office

logger = logging.getLogger(__name__)


class CompileSuperseded(Exception):
    """This attempt no longer owns the report: the watchdog requeued or failed it, or staff retried it."""


def compile_report_content(report, progress=lambda percent: None) -> dict:
    """The tables, sections, checks, inputs and timings of `report` (nothing is written here)."""
    started = time.perf_counter()
    if report.kind == ReportKind.BIENNIAL_PERFORMANCE:
        result = compile_biennial(report.biennium, report.cutoff_date, progress)
    elif report.kind == ReportKind.REGIONAL_OFFICE:
        result = compile_regional_office(report.office, report.biennium)
    else:
        result = compile_committee_annual(report.committee, report.year)
    result.setdefault("checks", [])
    result.setdefault("inputs", {})
    timings = result.setdefault("timings", {})
    timings["total_seconds"] = round(time.perf_counter() - started, 3)
    if "database_seconds" in timings:
        timings["rendering_seconds"] = round(timings["total_seconds"] - timings["database_seconds"], 3)
    progress(95)
    return result


def new_attempt_token() -> str:
    return uuid.uuid4().hex


def report_new_attempt(report: Report, *, now: datetime) -> None:
    """Set `report` up for its next queued attempt, with a new token (the caller saves and enqueues)."""
    report.attempt += 1
    report.attempt_token = new_attempt_token()
    report.status, report.progress, report.error = ReportStatus.QUEUED, 0, ""
    report.started_at, report.finished_at, report.heartbeat_at = None, None, now


NEW_ATTEMPT_FIELDS = [
    "attempt",
    "attempt_token",
    "status",
    "progress",
    "error",
    "started_at",
    "finished_at",
    "heartbeat_at",
]


def report_claim(*, report_id: int, token: str | None = None) -> Report | None:
    """Mark the report running for the attempt holding `token`; None if there is nothing to do: the
    report is complete, or `token` is not its current attempt's (superseded, or given up as failed).

    Without a token (an operator's rerun, or a message queued before tokens existed) the current
    attempt is taken over, whatever its state, as long as the report is not complete.
    """
    with transaction.atomic():
        report = Report.objects.select_for_update().filter(pk=report_id).first()
        if report is None or report.status == ReportStatus.COMPLETE:
            return None
        if token is None:
            report.attempt_token = report.attempt_token or new_attempt_token()
        elif token != report.attempt_token or report.status == ReportStatus.FAILED:
            return None
        # A report left running by a worker that died is taken over: nothing of it was written.
        now = timezone.now()
        report.status, report.progress, report.error = ReportStatus.RUNNING, 1, ""
        report.started_at, report.finished_at, report.heartbeat_at = now, None, now
        report.save(
            update_fields=[
                "status",
                "progress",
                "error",
                "started_at",
                "finished_at",
                "heartbeat_at",
                "attempt_token",
            ]
        )
        return report


def report_set_progress(*, report_id: int, progress: int | None = None, token: str | None = None) -> bool:
    """A heartbeat, with the progress if given (its own short statement, so the API and the page see
    it at once); False if the attempt holding `token` no longer runs the report."""
    changes = {"heartbeat_at": timezone.now()}
    if progress is not None:
        changes["progress"] = max(0, min(progress, 99))
    running = Report.objects.filter(pk=report_id, status=ReportStatus.RUNNING)
    if token is not None:
        running = running.filter(attempt_token=token)
    return running.update(**changes) == 1


@transaction.atomic
def report_complete(*, report_id: int, result: dict, token: str | None = None) -> bool:
    """Write the compiled tables in one step; False if another attempt completed it or owns it now."""
    report = Report.objects.select_for_update().get(pk=report_id)
    if report.status == ReportStatus.COMPLETE:
        return False
    if token is not None and (token != report.attempt_token or report.status != ReportStatus.RUNNING):
        return False
    report.tables, report.checks = result["tables"], result["checks"]
    report.sections, report.inputs = result.get("sections", {}), result.get("inputs", {})
    report.timings = result.get("timings", {})
    report.status, report.progress, report.error = ReportStatus.COMPLETE, 100, ""
    report.finished_at = report.heartbeat_at = timezone.now()
    report.save()
    return True


@transaction.atomic
def report_fail(*, report_id: int, error: str, token: str | None = None) -> None:
    """Record why a compile failed (a complete report is never turned into a failed one, and an
    attempt that no longer owns the report does not fail the one that does)."""
    report = Report.objects.select_for_update().filter(pk=report_id).first()
    if report is None or report.status == ReportStatus.COMPLETE:
        return
    if token is not None and token != report.attempt_token:
        return
    report.status, report.error, report.finished_at = ReportStatus.FAILED, error[:2000], timezone.now()
    report.save(update_fields=["status", "error", "finished_at"])


class _Heartbeat(threading.Thread):
    """Beats every `interval` seconds while the compile runs (one step may outlast the timeout);
    notes when the attempt was superseded, so that the compile stops at its next step."""

    def __init__(self, *, report_id: int, token: str, interval: float):
        super().__init__(name=f"report-{report_id}-heartbeat", daemon=True)
        self.report_id, self.token, self.interval = report_id, token, interval
        self.superseded = False
        self._stopping = threading.Event()

    def run(self):
        try:
            while not self._stopping.wait(self.interval):
                try:
                    if not report_set_progress(report_id=self.report_id, token=self.token):
                        self.superseded = True
                        return
                except DatabaseError:
                    logger.warning("Heartbeat of report %s not written", self.report_id, exc_info=True)
        finally:
            connection.close()  # this thread's own connection

    def stop(self):
        self._stopping.set()
        self.join()


def report_compile(
    *, report_id: int, token: str | None = None, heartbeat_interval: float | None = None
) -> Report | None:
    """Compile a report version from the data; None when there was nothing to do (complete already,
    or another attempt owns it). Raises `CompileSuperseded` if another attempt took it over midway.

    `heartbeat_interval`: seconds between heartbeats from a thread beside the compile (on a worker);
    without it the compile beats at each progress step only (in-process runs).
    """
    report = report_claim(report_id=report_id, token=token)
    if report is None:
        return None
    token = report.attempt_token
    heartbeat = None
    if heartbeat_interval:
        heartbeat = _Heartbeat(report_id=report_id, token=token, interval=heartbeat_interval)
        heartbeat.start()

    def progress(percent: int) -> None:
        if (heartbeat and heartbeat.superseded) or not report_set_progress(
            report_id=report_id, progress=percent, token=token
        ):
            raise CompileSuperseded(f"Report {report_id}: another attempt owns the compile.")

    try:
        result = compile_report_content(report, progress=progress)
    finally:
        if heartbeat:
            heartbeat.stop()
    if not report_complete(report_id=report_id, result=result, token=token):
        return None
    return Report.objects.get(pk=report_id)


def stalled_reports_q(now: datetime) -> Q:
    """Compiles running silent for REPORT_HEARTBEAT_TIMEOUT, queued ones untaken for REPORT_QUEUED_TIMEOUT."""
    running_since = now - timedelta(seconds=settings.REPORT_HEARTBEAT_TIMEOUT)
    queued_since = now - timedelta(seconds=settings.REPORT_QUEUED_TIMEOUT)
    return Q(status=ReportStatus.RUNNING) & (
        Q(heartbeat_at__lt=running_since) | Q(heartbeat_at__isnull=True, started_at__lt=running_since)
    ) | Q(status=ReportStatus.QUEUED) & (
        Q(heartbeat_at__lt=queued_since) | Q(heartbeat_at__isnull=True, requested_at__lt=queued_since)
    )


def reports_requeue_stalled(
    *, enqueue: Callable[[int, str], object], now: datetime | None = None
) -> dict[str, list[int]]:
    """The watchdog: requeue each stalled compile as a new attempt (`enqueue(report_id, token)` once
    this commits) while it has had fewer than REPORT_COMPILE_MAX_ATTEMPTS, else mark it failed with
    WORKER_DIED. Rows another transaction holds (a compile being claimed) are left for the next round.
    """
    now = now or timezone.now()
    outcome = {"requeued": [], "failed": []}
    with transaction.atomic():
        stalled = (
            Report.objects.select_for_update(skip_locked=True).filter(stalled_reports_q(now)).order_by("pk")
        )
        for report in stalled:
            if report.attempt < settings.REPORT_COMPILE_MAX_ATTEMPTS:
                report_new_attempt(report, now=now)
                report.save(update_fields=NEW_ATTEMPT_FIELDS)
                transaction.on_commit(partial(enqueue, report.pk, report.attempt_token))
                outcome["requeued"].append(report.pk)
                logger.warning("Report %s compile stalled: requeued as attempt %s", report.pk, report.attempt)
            else:
                report.status, report.finished_at, report.attempt_token = ReportStatus.FAILED, now, ""
                report.error = f"{WORKER_DIED} No worker finished it in {report.attempt} attempts; retry it."
                report.save(update_fields=["status", "finished_at", "attempt_token", "error"])
                outcome["failed"].append(report.pk)
                logger.error("Compile of report %s stalled %s times: failed", report.pk, report.attempt)
    return outcome
