"""Writes of the results read model and of background exports.

The validation service calls `results_refresh_for_submission` when a submission is validated
(and whenever a validated submission changes state or values): its rows are replaced by
those of its observations if it is validated, removed otherwise. `results_rebuild` (the
`rebuild_results` command) rebuilds the whole table.
"""

import logging
import re
import tempfile
from pathlib import Path

from celery.exceptions import SoftTimeLimitExceeded
from django.core.exceptions import ValidationError
from django.core.files import File
from django.db import InterfaceError, OperationalError, connection, transaction
from django.utils import timezone

from core.scoping import ensure_may_ever

from .. import exports
from ..choices import SubmissionState
from ..models import Observation, Submission
from ..models.results import ExportFormat, ExportState, ObservationExport, ResultObservation
from ..results import export_dimensions, filter_observations, numeric_only

logger = logging.getLogger(__name__)

INSERT_BATCH = 5_000
NOT_AN_SDMX_ID = re.compile(r"[^A-Za-z0-9_@$\-]")
# Failures that a later attempt can fix: the database went away or was busy.
TRANSIENT_ERRORS = (OperationalError, InterfaceError, ConnectionError, TimeoutError)

_SOURCE_COLUMNS = (
    "pk",
    "submission_id",
    "indicator__code",
    "indicator__prais_table",
    "indicator__sdg_series",
    "indicator__unit",
    "indicator__unit_code",
    "indicator__unit_multiplier",
    "submission__country__iso3",
    "submission__country__iso2",
    "submission__country__m49",
    "submission__country__region__code",
    "time_period",
    "key",
    "members",
    "raw_value",
    "number_value",
    "boolean_value",
    "source",
    "justification",
    "data_source__title",
    "data_source__link",
    "data_source__publisher",
    "submission__cycle__code",
    "submission__cycle__biennium__code",
    "submission__validated_at",
)


def _validated_observations():
    """Observations of validated submissions that hold a valid value (empty cells are not results)."""
    return (
        Observation.objects.filter(submission__state=SubmissionState.VALIDATED, error="")
        .exclude(raw_value="", number_value__isnull=True, boolean_value__isnull=True)
        .order_by("pk")
        .values_list(*_SOURCE_COLUMNS)
    )


def _value_text(raw: str, number, boolean) -> str:
    if number is not None:
        return f"{number.normalize():f}"
    if boolean is not None:
        return "yes" if boolean else "no"
    return raw.strip()


def _read_row(values: tuple) -> ResultObservation:
    (pk, submission_id, code, prais_table, sdg_series, unit, unit_code, unit_multiplier, iso3, iso2, m49,
     region, time_period, key, members, raw, number, boolean, source, justification, title, link,
     publisher, cycle, biennium, validated_at) = values  # fmt: skip
    return ResultObservation(
        observation_id=pk,
        submission_id=submission_id,
        indicator_code=code,
        prais_table=prais_table,
        sdg_series=sdg_series,
        series=sdg_series or NOT_AN_SDMX_ID.sub("_", code),
        country_iso3=iso3,
        country_iso2=iso2,
        country_m49=m49,
        region_code=region or "",
        time_period=time_period,
        key=key,
        members=members,
        value_number=number,
        value_text=_value_text(raw, number, boolean),
        unit=unit,
        unit_code=unit_code,
        unit_multiplier=unit_multiplier,
        source=source,
        justification=justification,
        data_source_title=title or "",
        data_source_link=link or "",
        data_source_publisher=publisher or "",
        cycle_code=cycle,
        biennium_code=biennium,
        validated_at=validated_at,
    )


def _insert(source_rows) -> int:
    count, batch = 0, []
    for values in source_rows:
        batch.append(_read_row(values))
        if len(batch) >= INSERT_BATCH:
            ResultObservation.objects.bulk_create(batch)
            count, batch = count + len(batch), []
    if batch:
        ResultObservation.objects.bulk_create(batch)
        count += len(batch)
    return count


@transaction.atomic
def results_refresh_for_submission(*, submission_id: int) -> int:
    """Replace the submission's rows of the read model; return how many it has now (0 unless validated).

    Idempotent: running it twice leaves the same rows. Readers see the old rows or the new
    ones, never a mix (one transaction).
    """
    # Serialise refreshes of one submission (two validations racing would insert twice).
    Submission.objects.select_for_update().filter(pk=submission_id).values_list("pk").first()
    ResultObservation.objects.filter(submission_id=submission_id).delete()
    return _insert(_validated_observations().filter(submission_id=submission_id))


@transaction.atomic
def results_rebuild() -> int:
    """Rebuild the whole read model from the validated submissions; return the rows written."""
    ResultObservation.objects.all().delete()
    count = _insert(_validated_observations().iterator(chunk_size=INSERT_BATCH))
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            # Fresh planner statistics, or the planner guesses from an empty table.
            cursor.execute(f"ANALYZE {ResultObservation._meta.db_table}")
    return count


# --- background exports ----------------------------------------------------------------------


def observation_export_request(*, user, export_format: str, parameters: dict) -> ObservationExport:
    """Queue a background export of the observations matching `parameters` (the API's filters)."""
    ensure_may_ever(user, ObservationExport, "request")
    if export_format not in ExportFormat.values:
        raise ValidationError({"format": [f"Choose one of {', '.join(ExportFormat.values)}."]})
    parameters = {str(name): str(value) for name, value in parameters.items()}
    filter_observations(ResultObservation.objects.none(), parameters)  # refuses bad filters now
    export = ObservationExport.objects.create(requested_by=user, format=export_format, parameters=parameters)
    from ..export_tasks import export_observations

    transaction.on_commit(lambda: export_observations.delay(str(export.pk)))
    return export


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


def observation_export_file_name(export: ObservationExport) -> str:
    return f"unccd-observations-{export.format}-{export.pk}{Path(export.file.name).suffix}"
