"""Celery tasks of the reporting app: compile a report version on the worker; the compile watchdog.

The compile task takes the report's id and its attempt's token and reads fresh rows; `report_compile`
(the compile job in `reporting.compiler.run`) claims the row under a lock, beats while it works and
writes all tables in one transaction at the end, only if its token is still the report's. Running the
task twice, again after a worker died mid-way (late acknowledgement + reject on worker loss requeue
it), or beside a requeued attempt leaves exactly one complete version. Only transient database errors
are retried. The watchdog (beat) requeues or fails compiles whose heartbeat stopped. The request
service imports this module to enqueue the task; this module does not import the services back.
"""

import logging

from celery import shared_task
from celery.exceptions import SoftTimeLimitExceeded
from django.conf import settings
from django.db import InterfaceError, OperationalError

from .compiler.run import CompileSuperseded, report_compile, report_fail, reports_requeue_stalled

logger = logging.getLogger(__name__)

TRANSIENT_ERRORS = (OperationalError, InterfaceError)


@shared_task(
    name="reporting.compile_report",
    bind=True,
    acks_late=True,
    reject_on_worker_lost=True,
    autoretry_for=TRANSIENT_ERRORS,
    retry_backoff=True,
    retry_backoff_max=60,
    max_retries=3,
    soft_time_limit=settings.REPORT_COMPILE_SOFT_TIME_LIMIT,
    time_limit=settings.REPORT_COMPILE_TIME_LIMIT,
)
def compile_report(self, report_id: int, token: str | None = None) -> str:
    """Compile report `report_id` for the attempt holding `token`; a complete report is left as it is."""
    # On a worker a thread beats beside the compile; run in-process, the compile's steps beat.
    interval = None if self.request.is_eager else settings.REPORT_HEARTBEAT_INTERVAL
    try:
        report = report_compile(report_id=report_id, token=token, heartbeat_interval=interval)
    except CompileSuperseded:
        logger.warning("Compile of report %s superseded by another attempt: stopped", report_id)
        return "superseded"
    except TRANSIENT_ERRORS:
        if self.request.retries >= self.max_retries:
            report_fail(
                report_id=report_id, token=token, error="The database was unavailable; compile it again."
            )
        raise
    except SoftTimeLimitExceeded:
        report_fail(report_id=report_id, token=token, error="The compile took too long and was stopped.")
        raise
    except Exception as exc:
        logger.exception("Compiling report %s failed", report_id)
        report_fail(report_id=report_id, token=token, error=f"{type(exc).__name__}: {exc}")
        raise
    return "skipped" if report is None else report.status


@shared_task(name="reporting.requeue_stalled_compiles", soft_time_limit=50, time_limit=60)
def requeue_stalled_compiles() -> dict[str, list[int]]:
    """The watchdog: requeue compiles whose heartbeat stopped, or mark them failed after the last attempt."""
    return reports_requeue_stalled(enqueue=lambda report_id, token: compile_report.delay(report_id, token))
