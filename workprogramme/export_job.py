"""The background export of observations (the Celery task's work), apart from the services so
that the services enqueue the task without the task importing them back."""

import logging
import tempfile

from celery.exceptions import SoftTimeLimitExceeded
from django.core.files import File
from django.db import InterfaceError, OperationalError, transaction
from django.utils import timezone

from . import exports
from .models.results import ExportFormat, ExportState, ObservationExport, ResultObservation
from .results import export_dimensions, filter_observations, numeric_only

logger = logging.getLogger(__name__)

TRANSIENT_ERRORS = (OperationalError, InterfaceError, ConnectionError, TimeoutError)


def _export_queryset(export: ObservationExport):
    rows = filter_observations(ResultObservation.objects.visible_to(export.requested_by), export.parameters)
    return numeric_only(rows) if export.format == ExportFormat.SDMX_CSV else rows


def _write_export(export: ObservationExport, queryset, binary_file, on_progress) -> int:
    dimensions = export_dimensions(export.parameters.get("indicator", ""))
    if export.format == ExportFormat.DATAPACKAGE:
        return exports.write_datapackage(
            queryset, dimensions, binary_file, source_url="/api/v1/observations/", on_progress=on_progress
        )
    if export.format == ExportFormat.SDMX_CSV:
        columns = exports.sdmx_columns(dimensions)
    else:
        columns = exports.csv_columns(dimensions)
    return exports.write_csv(queryset, columns, binary_file, on_progress=on_progress)


def _fail(export_id, message: str) -> None:
    ObservationExport.objects.filter(pk=export_id).update(
        state=ExportState.FAILED, error=message[:2000], finished_at=timezone.now()
    )


def observation_export_run(*, export_id, final_attempt: bool = True) -> ObservationExport | None:
    """Write the export's file (the Celery task's work). A complete or failed export is left alone.

    A transient database error re-queues it and is raised again (the task retries) unless this
    is the final attempt; any other error, or the time limit, marks the export failed with the
    error, and is logged.
    """
    with transaction.atomic():
        export = ObservationExport.objects.select_for_update().filter(pk=export_id).first()
        if export is None or export.state in (ExportState.COMPLETE, ExportState.FAILED):
            return export
        export.state, export.started_at = ExportState.RUNNING, timezone.now()
        export.progress, export.error = 0, ""
        export.save(update_fields=["state", "started_at", "progress", "error"])
    try:
        queryset = _export_queryset(export)
        expected = queryset.count()
        ObservationExport.objects.filter(pk=export_id).update(expected_rows=expected)

        def on_progress(rows: int) -> None:
            percent = min(99, rows * 100 // max(expected, 1))
            ObservationExport.objects.filter(pk=export_id).update(progress=percent)

        suffix = ".zip" if export.format == ExportFormat.DATAPACKAGE else ".csv"
        with tempfile.TemporaryFile() as scratch:
            rows = _write_export(export, queryset, scratch, on_progress)
            scratch.seek(0)
            export.file.save(f"observations{suffix}", File(scratch), save=False)
        export.row_count, export.progress, export.state = rows, 100, ExportState.COMPLETE
        export.finished_at = timezone.now()
        export.save(update_fields=["file", "row_count", "progress", "state", "finished_at"])
        return export
    except TRANSIENT_ERRORS as error:
        if not final_attempt:
            ObservationExport.objects.filter(pk=export_id).update(
                state=ExportState.QUEUED, error=f"Retrying after a transient error: {error}"[:2000]
            )
            raise
        logger.exception("Observation export %s failed", export_id)
        _fail(export_id, f"The export failed: {type(error).__name__}: {error}")
    except SoftTimeLimitExceeded:
        logger.error("Observation export %s hit its time limit", export_id)
        _fail(export_id, "The export took longer than its time limit; ask for fewer rows (filters).")
    except Exception as error:
        logger.exception("Observation export %s failed", export_id)
        _fail(export_id, f"The export failed: {type(error).__name__}: {error}")
    return ObservationExport.objects.filter(pk=export_id).first()
