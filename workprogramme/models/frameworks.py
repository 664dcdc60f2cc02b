"""Results frameworks (objective -> outcome -> indicator) and biennia."""

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from core.scoping import ScopedQuerySet

from ..choices import (
    BienniumState,
    IndicatorAggregation,
    IndicatorReporter,
    IndicatorValueType,
    ObjectiveKind,
)


class ResultsFrameworkQuerySet(ScopedQuerySet):
    def for_list(self):
        """A framework row shows only the framework's own fields."""
        return self.all()


class ResultsFramework(models.Model):
    """A results framework adopted by the COP, e.g. The Strategy 2008-2018."""

    code = models.SlugField(max_length=40, unique=True)
    name = models.CharField(max_length=200)
    start_year = models.PositiveSmallIntegerField()
    end_year = models.PositiveSmallIntegerField()

    objects = ResultsFrameworkQuerySet.as_manager()

    class Meta:
        ordering = ["start_year", "code"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_year__gte=F("start_year")),
                name="framework_end_after_start",
                violation_error_message=_("A framework cannot end before it starts."),
            )
        ]

    def __str__(self):
        return self.name


class ObjectiveQuerySet(ScopedQuerySet):
    def for_list(self):
        return self.select_related("framework")


class Objective(models.Model):
    """An operational (OO), strategic (SO) or regional (RO) objective of a framework."""

    framework = models.ForeignKey(ResultsFramework, on_delete=models.CASCADE, related_name="objectives")
    code = models.CharField(max_length=10)
    kind = models.CharField(max_length=20, choices=ObjectiveKind.choices)
    title = models.CharField(max_length=400)
    order = models.PositiveSmallIntegerField(default=0)
    mirrors = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="regional_objectives",
        help_text=_("For a regional objective RO.n: the operational objective it mirrors."),
    )

    objects = ObjectiveQuerySet.as_manager()

    class Meta:
        ordering = ["framework__start_year", "order"]
        constraints = [
            models.UniqueConstraint(
                fields=["framework", "code"],
                name="objective_code_unique_in_framework",
                violation_error_message=_("This framework already has an objective with this code."),
            )
        ]

    def __str__(self):
        return f"{self.code}: {self.title}"


class OutcomeQuerySet(ScopedQuerySet):
    def for_list(self):
        return self.select_related("objective__framework")


class Outcome(models.Model):
    """An expected outcome (Strategy) or key outcome (Strategic Framework) of an objective."""

    objective = models.ForeignKey(Objective, on_delete=models.CASCADE, related_name="outcomes")
    code = models.CharField(max_length=10)
    text = models.TextField()
    order = models.PositiveSmallIntegerField(default=0)

    objects = OutcomeQuerySet.as_manager()

    class Meta:
        ordering = ["objective__order", "order"]
        constraints = [
            models.UniqueConstraint(
                fields=["objective", "code"],
                name="outcome_code_unique_in_objective",
                violation_error_message=_("This objective already has an outcome with this code."),
            )
        ]

    def __str__(self):
        return f"{self.code} {self.text[:80]}"


class IndicatorQuerySet(ScopedQuerySet):
    def for_list(self):
        """With the outcome, objective and framework that every indicator row names."""
        return self.select_related("outcome__objective__framework")

    def reported_by_countries(self):
        return self.filter(reported_by=IndicatorReporter.COUNTRY)


class Indicator(models.Model):
    """A performance indicator of an outcome, and how its country values aggregate."""

    outcome = models.ForeignKey(Outcome, on_delete=models.CASCADE, related_name="indicators")
    code = models.CharField(max_length=20)
    text = models.TextField()
    unit = models.CharField(max_length=40, blank=True)
    value_type = models.CharField(max_length=20, choices=IndicatorValueType.choices)
    aggregation = models.CharField(max_length=20, choices=IndicatorAggregation.choices)
    reported_by = models.CharField(max_length=20, choices=IndicatorReporter.choices)
    maximum_value = models.DecimalField(
        max_digits=20,
        decimal_places=4,
        null=True,
        blank=True,
        help_text=_("Upper bound of a country value, e.g. a count cannot exceed what it counts."),
    )
    order = models.PositiveSmallIntegerField(default=0)
    # National tables (PRAIS) and statistics exchange (SDMX).
    prais_table = models.CharField(
        "PRAIS table", max_length=20, blank=True, help_text=_("The table's code in PRAIS, e.g. SO1-1.T4.")
    )
    sdg_series = models.CharField(
        "SDG series",
        max_length=30,
        blank=True,
        help_text=_("SDMX series code, e.g. AG_LND_DGRD for SDG 15.3.1."),
    )
    unit_code = models.CharField(
        max_length=20, blank=True, help_text=_("SDMX UNIT_MEASURE code, e.g. KM2, PT (percent), NUMBER.")
    )
    unit_multiplier = models.SmallIntegerField(
        default=0, help_text=_("SDMX UNIT_MULT: values are in units of 10^n (3 = thousands).")
    )
    time_periods = models.CharField(
        max_length=200,
        blank=True,
        help_text=_(
            "The table's columns: years or periods, comma-separated (2000,2015,2019 or 2000/2015). "
            "Empty: no time dimension."
        ),
    )
    dimensions = models.ManyToManyField(
        "Dimension", through="IndicatorDimension", related_name="indicators", blank=True
    )

    objects = IndicatorQuerySet.as_manager()

    class Meta:
        ordering = ["outcome__objective__order", "outcome__order", "order"]
        constraints = [
            models.UniqueConstraint(
                fields=["outcome", "code"],
                name="indicator_code_unique_in_outcome",
                violation_error_message=_("This outcome already has an indicator with this code."),
            )
        ]

    def __str__(self):
        return f"{self.code} {self.text[:80]}"


class BienniumQuerySet(ScopedQuerySet):
    def for_list(self):
        """A biennium row shows only the biennium's own fields."""
        return self.all()


class Biennium(models.Model):
    """A two-year budget and work-programme period, e.g. 2018-2019."""

    code = models.CharField(max_length=9, unique=True, help_text=_("Years as YYYY-YYYY."))
    start_date = models.DateField()
    end_date = models.DateField()
    state = models.CharField(max_length=20, choices=BienniumState.choices, default=BienniumState.PLANNING)

    objects = BienniumQuerySet.as_manager()

    class Meta:
        ordering = ["start_date"]
        verbose_name_plural = _("biennia")
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__gt=F("start_date")),
                name="biennium_end_after_start",
                violation_error_message=_("A biennium must end after it starts."),
            )
        ]

    def __str__(self):
        return self.code
