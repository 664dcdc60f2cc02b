"""The read model of validated national data, and the background exports made from it.

`ResultObservation` is a flat copy of every validated observation with what the observations
API serves (indicator, country codes, cycle, source...), so that a page of the API is one
indexed query on one table. Its primary key is the observation's id: the order of cursor
pagination, stable across refreshes. Only `services.results` writes it, when a submission is
validated (`results_refresh_for_submission`) or by a full rebuild (`rebuild_results`).
"""

import uuid
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.scoping import ScopedQuerySet
from core.uploads import generated_upload_path

from ..choices import ValueSource
from .observations import Observation

# What a row of the observations API is made of (see `workprogramme.results.api_row`).
API_COLUMNS = (
    "pk",
    "indicator_code",
    "country_iso3",
    "country_m49",
    "time_period",
    "members",
    "value_number",
    "value_text",
    "unit",
    "unit_multiplier",
    "source",
    "justification",
    "data_source_title",
    "data_source_link",
    "data_source_publisher",
    "cycle_code",
    "validated_at",
)


class ResultObservationQuerySet(ScopedQuerySet):
    def for_list(self):
        """Only the columns the API serves, as dicts, in the stable id order of cursor pagination."""
        return self.values(*API_COLUMNS).order_by("pk")


class ResultObservation(models.Model):
    """One validated observation, denormalised for reading: the observations API's table."""

    observation = models.OneToOneField(
        Observation, on_delete=models.CASCADE, primary_key=True, related_name="+"
    )
    submission_id = models.BigIntegerField(db_index=True, help_text="Refreshed per submission.")
    indicator_code = models.CharField(max_length=20)
    prais_table = models.CharField(max_length=20, blank=True)
    sdg_series = models.CharField(max_length=30, blank=True)
    series = models.CharField(
        max_length=40, help_text="SDMX SERIES: the SDG series, else the indicator code as an SDMX id."
    )
    country_iso3 = models.CharField(max_length=3)
    country_iso2 = models.CharField(max_length=2)
    country_m49 = models.CharField(max_length=3, blank=True)
    region_code = models.CharField(max_length=4, blank=True)
    time_period = models.CharField(max_length=9, blank=True)
    key = models.CharField(max_length=200, blank=True)
    members = models.JSONField(default=dict, blank=True)
    value_number = models.DecimalField(max_digits=20, decimal_places=4, null=True, blank=True)
    value_text = models.CharField(
        max_length=2000, help_text="The value as text: a normalised decimal, yes/no, or the text."
    )
    unit = models.CharField(max_length=40, blank=True)
    unit_code = models.CharField(max_length=20, blank=True)
    unit_multiplier = models.SmallIntegerField(default=0)
    source = models.CharField(max_length=20, choices=ValueSource.choices, blank=True)
    justification = models.TextField(blank=True)
    data_source_title = models.CharField(max_length=300, blank=True)
    data_source_link = models.CharField(max_length=500, blank=True)
    data_source_publisher = models.CharField(max_length=300, blank=True)
    cycle_code = models.CharField(max_length=40)
    biennium_code = models.CharField(max_length=9)
    validated_at = models.DateTimeField()

    objects = ResultObservationQuerySet.as_manager()

    class Meta:
        ordering = ["pk"]
        # Every filter of the API with the id, so that a filtered page walks one index in cursor order.
        indexes = [
            models.Index(fields=["indicator_code", "observation"], name="result_obs_indicator"),
            models.Index(
                fields=["indicator_code", "country_iso3", "observation"], name="result_obs_indicator_country"
            ),
            models.Index(
                fields=["indicator_code", "time_period", "observation"], name="result_obs_indicator_period"
            ),
            models.Index(fields=["country_iso3", "observation"], name="result_obs_country"),
            models.Index(fields=["cycle_code", "observation"], name="result_obs_cycle"),
            models.Index(fields=["time_period", "observation"], name="result_obs_time_period"),
            models.Index(fields=["source", "observation"], name="result_obs_source"),
            # The dashboard's series: each Party's latest validated report of an indicator, in order.
            models.Index(
                fields=["indicator_code", "country_iso3", "-validated_at", "-submission_id", "observation"],
                name="result_obs_latest_per_party",
            ),
        ]

    def __str__(self):
        return f"{self.indicator_code} {self.country_iso3} {self.key} {self.time_period} = {self.value_text}"


# The hard time limit of the export task: a export still running after it has lost its worker.
EXPORT_TIME_LIMIT = timedelta(minutes=30)


class ExportFormat(models.TextChoices):
    CSV = "csv", "CSV"
    SDMX_CSV = "sdmx-csv", "SDMX-CSV 2.0"
    DATAPACKAGE = "datapackage", "Frictionless data package (zip)"


class ExportState(models.TextChoices):
    QUEUED = "queued", "Queued"
    RUNNING = "running", "Running"
    COMPLETE = "complete", "Complete"
    FAILED = "failed", "Failed"


class ObservationExportQuerySet(ScopedQuerySet):
    def for_list(self):
        return self.order_by("-created_at")


class ObservationExport(models.Model):
    """A background export of the observations API (the full history, any format), and its file."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="observation_exports"
    )
    format = models.CharField(max_length=20, choices=ExportFormat.choices)
    parameters = models.JSONField(default=dict, blank=True, help_text="The filters, as query parameters.")
    state = models.CharField(max_length=20, choices=ExportState.choices, default=ExportState.QUEUED)
    progress = models.PositiveSmallIntegerField(default=0, help_text="Percent of the rows written.")
    expected_rows = models.PositiveIntegerField(null=True, blank=True)
    row_count = models.PositiveIntegerField(null=True, blank=True)
    file = models.FileField(upload_to=generated_upload_path("workprogramme/exports"), blank=True)
    error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    objects = ObservationExportQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(state=ExportState.COMPLETE) | (Q(row_count__isnull=False) & ~Q(file="")),
                name="observation_export_complete_has_file",
                violation_error_message=_("A complete export has its file and its row count."),
            ),
            models.CheckConstraint(
                condition=Q(progress__lte=100),
                name="observation_export_progress_percent",
                violation_error_message=_("Progress is a percentage."),
            ),
        ]

    def __str__(self):
        return f"{self.get_format_display()} export {self.pk} ({self.state})"

    @property
    def is_lost(self) -> bool:
        """Running for longer than the task may run: its worker died (hard time limit, crash)."""
        return (
            self.state == ExportState.RUNNING
            and self.started_at is not None
            and timezone.now() - self.started_at > EXPORT_TIME_LIMIT + timedelta(minutes=5)
        )
