"""National data as tables (PRAIS): dimensions, observations, their sources and default data.

An indicator declares its dimensions (land-cover class, sex, drought class...) and the
time periods it asks for; a country's submission holds one `Observation` per cell, keyed
by indicator, time period and dimension members. A scalar indicator is the case with no
dimension and no time period: one observation with an empty key.
"""

from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.db import models
from django.db.models import Count, Exists, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.scoping import ScopedQuerySet

from ..choices import SubmissionState, ValueSource
from .frameworks import Indicator


class Dimension(models.Model):
    """A breakdown of a table indicator, as an SDMX concept: land-cover class, sex, drought class…"""

    code = models.CharField(max_length=40, unique=True, help_text="SDMX concept id, e.g. LAND_COVER, SEX.")
    name = models.CharField(max_length=120)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "code"]

    def __str__(self):
        return self.name


class DimensionMember(models.Model):
    """One coded value of a dimension, e.g. LAND_COVER=TREE (tree-covered areas) or SEX=F."""

    dimension = models.ForeignKey(Dimension, on_delete=models.CASCADE, related_name="members")
    code = models.CharField(max_length=40, help_text="SDMX code id, e.g. TREE, F, MILD.")
    name = models.CharField(max_length=120)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["dimension", "order", "code"]
        constraints = [
            models.UniqueConstraint(
                fields=["dimension", "code"],
                name="dimension_member_code_unique",
                violation_error_message=_("This dimension already has a member with this code."),
            )
        ]

    def __str__(self):
        return f"{self.dimension.code}={self.code}"


class IndicatorDimension(models.Model):
    """A dimension of a table indicator, in the order the table's rows are keyed."""

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="indicator_dimensions")
    dimension = models.ForeignKey(Dimension, on_delete=models.PROTECT, related_name="+")
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["indicator", "order"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "dimension"],
                name="indicator_dimension_unique",
                violation_error_message=_("The indicator already has this dimension."),
            )
        ]

    def __str__(self):
        return f"{self.indicator.code}: {self.dimension.code}"


class DataSource(models.Model):
    """Where a country's national data come from (PRAIS's Data Sources form)."""

    submission = models.ForeignKey("Submission", on_delete=models.CASCADE, related_name="data_sources")
    title = models.CharField(max_length=300)
    link = models.CharField(max_length=500, blank=True, help_text="A URL or another identifier.")
    publisher = models.CharField("author or publisher", max_length=300, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["submission", "title"]

    def __str__(self):
        return self.title


class ObservationQuerySet(ScopedQuerySet):
    def validated(self):
        return self.filter(submission__state=SubmissionState.VALIDATED)

    def scalar(self):
        """The single cell of scalar indicators (no time period, no dimension)."""
        return self.filter(key="", time_period="")

    def for_list(self):
        """A row of the results table: cycle, country, indicator hierarchy and the indicator's
        narrative, in the table's order."""
        # By name: the submissions module imports this one.
        reported = self.model._meta.apps.get_model("workprogramme", "SubmissionIndicator")
        narrative = reported.objects.filter(
            submission=OuterRef("submission_id"), indicator=OuterRef("indicator_id")
        ).values("narrative")[:1]
        return (
            self.select_related(
                "submission__cycle__biennium",
                "submission__country__region",
                "indicator__outcome__objective",
            )
            .annotate(narrative=Coalesce(Subquery(narrative), Value(""), output_field=models.TextField()))
            .order_by(
                "submission__cycle__biennium__start_date",
                "submission__cycle__code",
                "submission__country__name",
                "indicator__outcome__objective__order",
                "indicator__outcome__order",
                "indicator__order",
                "key",
                "time_period",
            )
        )


class Observation(models.Model):
    """One cell of a country's table: a value for an indicator, a time period and dimension members.

    `key` is the canonical text of `members` (dimension codes in the indicator's order, e.g.
    "LAND_COVER=TREE"), empty for a scalar indicator; `time_period` is ISO 8601 ("2019",
    "2016/2019"), empty when the indicator has no time dimension. `raw_value` keeps what was
    typed, even when invalid (`error`); the typed value is `number_value` or `boolean_value`.
    """

    submission = models.ForeignKey("Submission", on_delete=models.CASCADE, related_name="observations")
    indicator = models.ForeignKey(Indicator, on_delete=models.PROTECT, related_name="observations")
    time_period = models.CharField(max_length=9, blank=True)
    key = models.CharField(max_length=200, blank=True)
    members = models.JSONField(default=dict, blank=True)
    raw_value = models.CharField(max_length=2000, blank=True, help_text="As typed, kept even when invalid.")
    number_value = models.DecimalField(max_digits=20, decimal_places=4, null=True, blank=True)
    boolean_value = models.BooleanField(null=True, blank=True)
    error = models.CharField(max_length=400, blank=True, help_text="Why the raw value is not valid yet.")
    source = models.CharField(max_length=20, choices=ValueSource.choices, blank=True)
    default_value = models.DecimalField(
        max_digits=20, decimal_places=4, null=True, blank=True, help_text="The default data for this cell."
    )
    justification = models.TextField(blank=True, help_text="Why the value differs from the default data.")
    data_source = models.ForeignKey(
        DataSource, on_delete=models.PROTECT, null=True, blank=True, related_name="observations"
    )
    previous_value = models.CharField(
        max_length=2000, blank=True, help_text="The country's last validated value, for 'changed since'."
    )

    objects = ObservationQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["submission", "indicator", "key", "time_period"]
        constraints = [
            models.UniqueConstraint(
                fields=["submission", "indicator", "time_period", "key"],
                name="observation_one_per_cell",
                violation_error_message=_("The submission already has a value for this cell."),
            ),
            models.CheckConstraint(
                condition=Q(error="") | (Q(number_value__isnull=True) & Q(boolean_value__isnull=True)),
                name="observation_invalid_has_no_typed_value",
                violation_error_message=_("An invalid value cannot also carry a typed value."),
            ),
        ]

    def __str__(self):
        where = ", ".join(part for part in (self.key, self.time_period) if part)
        return f"{self.indicator.code}[{where}] = {self.raw_value}"

    @property
    def differs_from_default(self) -> bool:
        """True when the cell has default data and its value is not that default (empty included)."""
        return self.default_value is not None and self.number_value != self.default_value

    @property
    def difference(self):
        """Reported minus default, when both are numbers."""
        if self.default_value is None or self.number_value is None:
            return None
        return self.number_value - self.default_value

    @property
    def changed_since_last(self) -> bool:
        """True when the country had a validated value before and this one differs."""
        if not self.previous_value:
            return False
        if self.number_value is not None:
            try:
                return Decimal(self.previous_value) != self.number_value
            except InvalidOperation:
                pass  # a previous value kept as typed before numbers were carried over as numbers
        return self.raw_value != self.previous_value

    @property
    def previous_display(self) -> str:
        """The last validated value as read by people: yes/no in the interface language."""
        if self.indicator.value_type == "yes_no" and self.previous_value in ("yes", "no"):
            return gettext("Yes") if self.previous_value == "yes" else gettext("No")
        return self.previous_value

    @property
    def display_with_unit(self) -> str:
        """The value as read in tables: numbers with their unit, percentages with %."""
        if self.number_value is None:
            return self.display_value
        if self.indicator.value_type == "percentage":
            return f"{self.display_value} %"
        return f"{self.display_value} {self.indicator.unit}".strip()

    @property
    def display_value(self) -> str:
        if self.boolean_value is not None:
            return gettext("Yes") if self.boolean_value else gettext("No")
        if self.number_value is not None:
            return f"{self.number_value.normalize():f}"
        return self.raw_value


class DefaultDatasetQuerySet(ScopedQuerySet):
    def current(self):
        """The latest version of each dataset: a newer import of a dataset supersedes the older ones."""
        newer = self.model.objects.filter(code=OuterRef("code"), pk__gt=OuterRef("pk"))
        return self.exclude(Exists(newer))

    def for_list(self):
        return self.select_related("imported_by").annotate(values=Count("observations")).order_by("-pk")


class DefaultDataset(models.Model):
    """A set of default data from a global dataset (ESA CCI, Trends.Earth, SDG database…)."""

    code = models.SlugField(max_length=60)
    name = models.CharField(max_length=200)
    version = models.CharField(max_length=40)
    licence = models.CharField(max_length=200)
    link = models.URLField(blank=True)
    is_fictitious = models.BooleanField(
        default=False, help_text="Generated for demonstration: not real data."
    )
    imported_at = models.DateTimeField(auto_now_add=True)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    objects = DefaultDatasetQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["-imported_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["code", "version"],
                name="default_dataset_version_unique",
                violation_error_message=_("This version of the dataset was already imported."),
            )
        ]

    def __str__(self):
        return f"{self.name} {self.version}"


class DefaultObservation(models.Model):
    """A default value of one cell for one country, as a dataset gives it."""

    dataset = models.ForeignKey(DefaultDataset, on_delete=models.CASCADE, related_name="observations")
    country = models.ForeignKey("regions.Country", on_delete=models.CASCADE, related_name="+")
    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="default_observations")
    time_period = models.CharField(max_length=9, blank=True)
    key = models.CharField(max_length=200, blank=True)
    members = models.JSONField(default=dict, blank=True)
    value = models.DecimalField(max_digits=20, decimal_places=4)

    class Meta:
        ordering = ["dataset", "country", "indicator", "key", "time_period"]
        constraints = [
            models.UniqueConstraint(
                fields=["dataset", "country", "indicator", "time_period", "key"],
                name="default_observation_one_per_cell",
                violation_error_message=_("The dataset already has a value for this cell."),
            )
        ]
        indexes = [models.Index(fields=["country", "indicator"], name="default_obs_country_indicator")]

    def __str__(self):
        return f"{self.dataset.code} {self.country_id} {self.indicator.code}[{self.key} {self.time_period}]"
