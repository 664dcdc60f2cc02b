"""Celery task of the observations API: background exports (imported by `tasks` for the worker)."""

from celery import shared_task

from .export_job import TRANSIENT_ERRORS, observation_export_run
from .models.results import EXPORT_TIME_LIMIT

EXPORT_TIME_LIMIT_SECONDS = int(EXPORT_TIME_LIMIT.total_seconds())


@shared_task(
    bind=True,
    name="workprogramme.export_observations",
    autoretry_for=TRANSIENT_ERRORS,
    retry_backoff=True,
    retry_backoff_max=300,
    max_retries=3,
    time_limit=EXPORT_TIME_LIMIT_SECONDS,
    soft_time_limit=EXPORT_TIME_LIMIT_SECONDS - 60,
)
def export_observations(self, export_id: str) -> str | None:
    """Write one export's file; the service re-reads the row and leaves a finished export alone."""
    final_attempt = self.request.retries >= self.max_retries
    export = observation_export_run(export_id=export_id, final_attempt=final_attempt)
    return export.state if export is not None else None
