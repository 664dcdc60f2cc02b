"""Writes of the results read model and of background exports.

The validation service calls `results_refresh_for_submission` when a submission is validated
(and whenever a validated submission changes state or values): its rows are replaced by
those of its observations if it is validated, removed otherwise. `results_rebuild` (the
`rebuild_results` command) rebuilds the whole table.
"""

import logging
import re
from pathlib import Path
from uuid import uuid4

from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.db.models import Case, CharField, F, Func, Value, When
from django.db.models.functions import Coalesce, Trim

from core.scoping import ensure_may_ever

from ..choices import SubmissionState
from ..export_tasks import export_observations
from ..models import Indicator, Observation, Submission
from ..models.results import ExportFormat, ObservationExport, ResultObservation
from ..results import filter_observations
from ..selectors import RESULTS_VERSION_KEY

logger = logging.getLogger(__name__)

NOT_AN_SDMX_ID = re.compile(r"[^A-Za-z0-9_@$\-]")
# Failures that a later attempt can fix: the database went away or was busy.


class DecimalText(Func):
    """A decimal as its shortest text, without trailing zeros (1234.5000 -> 1234.5, 100.0000 -> 100)."""

    output_field = CharField()

    def as_postgresql(self, compiler, connection, **extra):
        return self.as_sql(compiler, connection, template="trim_scale(%(expressions)s)::text", **extra)

    def as_sql(self, compiler, connection, **extra):
        # SQLite keeps decimals as numbers (integer or real), whose text is already the shortest.
        extra.setdefault("template", "CAST(%(expressions)s AS TEXT)")
        return super().as_sql(compiler, connection, **extra)


def _series_by_indicator(observations) -> Case:
    """SDMX SERIES per indicator: its SDG series, else its code made an SDMX id (SO1-1.T4 -> SO1-1_T4)."""
    indicators = Indicator.objects.filter(pk__in=observations.values("indicator_id"))
    whens = [
        When(indicator_id=pk, then=Value(series or NOT_AN_SDMX_ID.sub("_", code)))
        for pk, code, series in indicators.values_list("pk", "code", "sdg_series")
    ]
    return Case(*whens, default=Value("_Z"), output_field=CharField())


def _read_model_rows(observations):
    """The read model's columns (in table order) as expressions on `observations`: one INSERT…SELECT."""
    blank = Value("")
    columns = {
        "observation_id": F("pk"),
        "submission_id": F("submission_id"),
        "indicator_code": F("indicator__code"),
        "prais_table": F("indicator__prais_table"),
        "sdg_series": F("indicator__sdg_series"),
        "series": _series_by_indicator(observations),
        "country_iso3": F("submission__country__iso3"),
        "country_iso2": F("submission__country__iso2"),
        "country_m49": F("submission__country__m49"),
        "region_code": Coalesce(F("submission__country__region__code"), blank),
        "time_period": F("time_period"),
        "key": F("key"),
        "members": F("members"),
        "value_number": F("number_value"),
        "value_text": Case(
            When(number_value__isnull=False, then=DecimalText("number_value")),
            When(boolean_value=True, then=Value("yes")),
            When(boolean_value=False, then=Value("no")),
            default=Trim("raw_value"),
            output_field=CharField(),
        ),
        "unit": F("indicator__unit"),
        "unit_code": F("indicator__unit_code"),
        "unit_multiplier": F("indicator__unit_multiplier"),
        "source": F("source"),
        "justification": F("justification"),
        "data_source_title": Coalesce(F("data_source__title"), blank),
        "data_source_link": Coalesce(F("data_source__link"), blank),
        "data_source_publisher": Coalesce(F("data_source__publisher"), blank),
        "cycle_code": F("submission__cycle__code"),
        "biennium_code": F("submission__cycle__biennium__code"),
        "validated_at": F("submission__validated_at"),
    }
    aliases = {f"read_{name}": expression for name, expression in columns.items()}
    return list(columns), observations.annotate(**aliases).values_list(*aliases).order_by()


def _insert(observations) -> int:
    """Copy the validated, non-empty `observations` into the read model, in the database; return the rows."""
    observations = observations.filter(submission__state=SubmissionState.VALIDATED, error="").exclude(
        raw_value="", number_value__isnull=True, boolean_value__isnull=True
    )
    names, rows = _read_model_rows(observations)
    fields = {field.name: field.column for field in ResultObservation._meta.concrete_fields}
    fields["observation_id"] = ResultObservation._meta.pk.column
    columns = ", ".join(connection.ops.quote_name(fields[name]) for name in names)
    select, params = rows.query.sql_with_params()
    table = connection.ops.quote_name(ResultObservation._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(f"INSERT INTO {table} ({columns}) {select}", params)
        return cursor.rowcount


def results_data_changed() -> None:
    """A new data version: the cached summaries and dashboard figures are computed again, and the
    public pages' ETags change. Called after commit (a rollback leaves the old figures right)."""
    transaction.on_commit(lambda: cache.set(RESULTS_VERSION_KEY, uuid4().hex, None))


@transaction.atomic
def results_refresh_for_submission(*, submission_id: int) -> int:
    """Replace the submission's rows of the read model; return how many it has now (0 unless validated).

    Idempotent: running it twice leaves the same rows. Readers see the old rows or the new
    ones, never a mix (one transaction).
    """
    # Serialise refreshes of one submission (two validations racing would insert twice).
    Submission.objects.select_for_update().filter(pk=submission_id).values_list("pk").first()
    ResultObservation.objects.filter(submission_id=submission_id).delete()
    results_data_changed()
    return _insert(Observation.objects.filter(submission_id=submission_id))


@transaction.atomic
def results_refresh_for_cycle(*, cycle_id: int) -> int:
    """Replace the read model's rows of every submission of a cycle (e.g. after a bulk load of
    validated submissions); return how many it has now."""
    ids = list(Submission.objects.select_for_update().filter(cycle_id=cycle_id).values_list("pk", flat=True))
    ResultObservation.objects.filter(submission_id__in=ids).delete()
    return _insert(Observation.objects.filter(submission__cycle_id=cycle_id))


@transaction.atomic
def results_rebuild() -> int:
    """Rebuild the whole read model from the validated submissions; return the rows written."""
    ResultObservation.objects.all().delete()
    results_data_changed()
    count = _insert(Observation.objects.all())
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            # Fresh planner statistics, or the planner guesses from an empty table.
            cursor.execute(f"ANALYZE {connection.ops.quote_name(ResultObservation._meta.db_table)}")
    return count


def results_tidy() -> None:
    """After a rebuild, outside its transaction: reclaim the old rows' space (PostgreSQL's VACUUM)."""
    if connection.vendor == "postgresql" and not connection.in_atomic_block:
        with connection.cursor() as cursor:
            cursor.execute(f"VACUUM (ANALYZE) {connection.ops.quote_name(ResultObservation._meta.db_table)}")


# --- background exports ----------------------------------------------------------------------


def observation_export_request(*, user, export_format: str, parameters: dict) -> ObservationExport:
    """Queue a background export of the observations matching `parameters` (the API's filters)."""
    ensure_may_ever(user, ObservationExport, "request")
    if export_format not in ExportFormat.values:
        raise ValidationError({"format": [f"Choose one of {', '.join(ExportFormat.values)}."]})
    parameters = {str(name): str(value) for name, value in parameters.items()}
    filter_observations(ResultObservation.objects.none(), parameters)  # refuses bad filters now
    export = ObservationExport.objects.create(requested_by=user, format=export_format, parameters=parameters)
    transaction.on_commit(lambda: export_observations.delay(str(export.pk)))
    return export


def observation_export_file_name(export: ObservationExport) -> str:
    return f"unccd-observations-{export.format}-{export.pk}{Path(export.file.name).suffix}"
