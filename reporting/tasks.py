"""Celery tasks of the reporting app: compile a report version on the worker.

The task takes the report's id and reads fresh rows; `report_compile` (the compile job in
`reporting.compiler.run`) claims the row under a lock and writes all tables in one transaction at
the end, so running the task twice, or again after a worker died mid-way (late acknowledgement +
reject on worker loss requeue it), leaves exactly one complete version. Only transient database
errors are retried. The request service imports this module to enqueue the task; this module does
not import the services back.
"""

import logging

from celery import shared_task
from celery.exceptions import SoftTimeLimitExceeded
from django.db import InterfaceError, OperationalError

from .compiler.run import report_compile, report_fail

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
    soft_time_limit=300,
    time_limit=330,
)
def compile_report(self, report_id: int) -> str:
    """Compile report `report_id`; a complete report is left as it is."""
    try:
        report = report_compile(report_id=report_id)
    except TRANSIENT_ERRORS:
        if self.request.retries >= self.max_retries:
            report_fail(report_id=report_id, error="The database was unavailable; compile it again.")
        raise
    except SoftTimeLimitExceeded:
        report_fail(report_id=report_id, error="The compile took too long and was stopped.")
        raise
    except Exception as exc:
        logger.exception("Compiling report %s failed", report_id)
        report_fail(report_id=report_id, error=f"{type(exc).__name__}: {exc}")
        raise
    return "skipped" if report is None else report.status
