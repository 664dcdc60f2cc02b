"""Biennial work programmes (seed 001's table) and targets per indicator."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.scoping import ScopedQuerySet
from regions.models import (
    Country,
    OrganisationalUnit,
    Region,
    RegionalCommittee,
    RegionalOffice,
    ThematicProgrammeNetwork,
)

from ..choices import OutputOwnerKind, OutputStatus, TargetLevel, WorkProgrammeKind
from .frameworks import Biennium, Indicator, Objective


class WorkProgrammeQuerySet(ScopedQuerySet):
    def for_list(self):
        return self.select_related("biennium", "regional_office__region")


class WorkProgramme(models.Model):
    """The joint work programme of secretariat and GM, or a regional office's, for one biennium."""

    biennium = models.ForeignKey(Biennium, on_delete=models.PROTECT, related_name="work_programmes")
    kind = models.CharField(max_length=20, choices=WorkProgrammeKind.choices)
    regional_office = models.ForeignKey(
        RegionalOffice, on_delete=models.PROTECT, null=True, blank=True, related_name="work_programmes"
    )
    title = models.CharField(max_length=300)
    status_as_at = models.DateField(null=True, blank=True, help_text=_("Date of the status reported."))

    objects = WorkProgrammeQuerySet.as_manager()

    class Meta:
        ordering = ["biennium__start_date", "kind", "regional_office__region__order"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind=WorkProgrammeKind.JOINT, regional_office__isnull=True)
                | Q(kind=WorkProgrammeKind.REGIONAL, regional_office__isnull=False),
                name="work_programme_regional_has_office",
                violation_error_message=_(
                    "A regional work programme belongs to a regional office; "
                    "the joint work programme to none."
                ),
            ),
            models.UniqueConstraint(
                fields=["biennium"],
                condition=Q(kind=WorkProgrammeKind.JOINT),
                name="work_programme_one_joint_per_biennium",
                violation_error_message=_("This biennium already has a joint work programme."),
            ),
            models.UniqueConstraint(
                fields=["biennium", "regional_office"],
                name="work_programme_one_per_office_and_biennium",
                violation_error_message=_(
                    "This regional office already has a work programme for the biennium."
                ),
            ),
        ]

    def __str__(self):
        return self.title


class ExpectedAccomplishmentQuerySet(ScopedQuerySet):
    def for_list(self):
        return self.select_related("work_programme__biennium", "objective")


class ExpectedAccomplishment(models.Model):
    """An expected accomplishment of a work programme under an objective (or the enabling block)."""

    work_programme = models.ForeignKey(
        WorkProgramme, on_delete=models.CASCADE, related_name="expected_accomplishments"
    )
    objective = models.ForeignKey(
        Objective,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="expected_accomplishments",
        help_text=_("Empty for the block 'enabling environment for enhanced collaboration'."),
    )
    code = models.CharField(max_length=10)
    text = models.TextField()
    order = models.PositiveSmallIntegerField(default=0)

    objects = ExpectedAccomplishmentQuerySet.as_manager()

    class Meta:
        ordering = ["work_programme", "order"]
        constraints = [
            models.UniqueConstraint(
                fields=["work_programme", "code"],
                name="expected_accomplishment_code_unique",
                violation_error_message=_(
                    "This work programme already has an expected accomplishment with this code."
                ),
            )
        ]

    def __str__(self):
        return f"{self.code} {self.text[:80]}"


class PerformanceIndicatorQuerySet(ScopedQuerySet):
    def for_list(self):
        return self.select_related("expected_accomplishment")


class PerformanceIndicator(models.Model):
    """How an expected accomplishment is measured: baseline and target in a unit."""

    expected_accomplishment = models.ForeignKey(
        ExpectedAccomplishment, on_delete=models.CASCADE, related_name="performance_indicators"
    )
    code = models.CharField(max_length=12)
    text = models.TextField()
    unit = models.CharField(max_length=40, blank=True)
    baseline = models.DecimalField(max_digits=20, decimal_places=4, null=True, blank=True)
    target = models.DecimalField(max_digits=20, decimal_places=4, null=True, blank=True)
    order = models.PositiveSmallIntegerField(default=0)

    objects = PerformanceIndicatorQuerySet.as_manager()

    class Meta:
        ordering = ["expected_accomplishment", "order"]
        constraints = [
            models.UniqueConstraint(
                fields=["expected_accomplishment", "code"],
                name="performance_indicator_code_unique",
                violation_error_message=_("This expected accomplishment already has this indicator code."),
            )
        ]

    def __str__(self):
        return f"{self.code} {self.text[:80]}"


class OutputQuerySet(ScopedQuerySet):
    def for_list(self):
        """With the unit, office, committee or network that owns each output."""
        return self.select_related("owner_unit", "owner_office", "owner_committee", "owner_network")


class Output(models.Model):
    """A key output or task towards an expected accomplishment, with its owner, milestone and status."""

    expected_accomplishment = models.ForeignKey(
        ExpectedAccomplishment, on_delete=models.CASCADE, related_name="outputs"
    )
    title = models.CharField(max_length=400)
    owner_kind = models.CharField(max_length=20, choices=OutputOwnerKind.choices)
    owner_unit = models.ForeignKey(
        OrganisationalUnit, on_delete=models.PROTECT, null=True, blank=True, related_name="outputs"
    )
    owner_office = models.ForeignKey(
        RegionalOffice, on_delete=models.PROTECT, null=True, blank=True, related_name="outputs"
    )
    owner_committee = models.ForeignKey(
        RegionalCommittee, on_delete=models.PROTECT, null=True, blank=True, related_name="outputs"
    )
    owner_network = models.ForeignKey(
        ThematicProgrammeNetwork, on_delete=models.PROTECT, null=True, blank=True, related_name="outputs"
    )
    milestone_date = models.DateField(null=True, blank=True)
    status = models.CharField(max_length=20, choices=OutputStatus.choices, default=OutputStatus.NOT_STARTED)
    order = models.PositiveSmallIntegerField(default=0)

    objects = OutputQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["expected_accomplishment", "order"]
        constraints = [
            models.CheckConstraint(
                condition=Q(owner_kind=OutputOwnerKind.UNIT, owner_unit__isnull=False)
                | Q(owner_kind=OutputOwnerKind.GM)
                | Q(owner_kind=OutputOwnerKind.REGIONAL_OFFICE, owner_office__isnull=False)
                | Q(owner_kind=OutputOwnerKind.REGIONAL_COMMITTEE, owner_committee__isnull=False)
                | Q(owner_kind=OutputOwnerKind.TPN, owner_network__isnull=False),
                name="output_owner_matches_kind",
                violation_error_message=_(
                    "Name the unit, office, committee or network that owns the output."
                ),
            )
        ]

    def __str__(self):
        return self.title

    @property
    def owner_label(self) -> str:
        owner = self.owner_unit or self.owner_office or self.owner_committee or self.owner_network
        return str(owner) if owner else self.get_owner_kind_display()


class PerformanceData(models.Model):
    """The 'performance data, including key outputs' column of seed 001: a narrative and optional figure."""

    expected_accomplishment = models.ForeignKey(
        ExpectedAccomplishment, on_delete=models.CASCADE, related_name="performance_data"
    )
    indicator = models.ForeignKey(
        Indicator,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="performance_data",
        help_text=_("The results-framework indicator this narrative documents, if any."),
    )
    text = models.TextField()
    figure = models.DecimalField(max_digits=20, decimal_places=4, null=True, blank=True)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["expected_accomplishment", "order"]
        verbose_name_plural = _("performance data")
        constraints = [
            models.UniqueConstraint(
                fields=["expected_accomplishment", "order"],
                name="performance_data_order_unique",
                violation_error_message=_(
                    "This expected accomplishment already has an item in this position."
                ),
            )
        ]

    def __str__(self):
        return self.text[:80]


class TargetQuerySet(ScopedQuerySet):
    def for_list(self):
        """With the indicator's hierarchy, the biennium and the region or country of each target."""
        return self.select_related("indicator__outcome__objective", "biennium", "region", "country")


class Target(models.Model):
    """The value an indicator should reach in a biennium, globally, for a region or a country."""

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="targets")
    biennium = models.ForeignKey(Biennium, on_delete=models.PROTECT, related_name="targets")
    level = models.CharField(max_length=20, choices=TargetLevel.choices)
    region = models.ForeignKey(Region, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    country = models.ForeignKey(Country, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    value = models.DecimalField(max_digits=20, decimal_places=4)
    note = models.CharField(max_length=300, blank=True)

    objects = TargetQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["biennium__start_date", "indicator__outcome__objective__order", "indicator__order"]
        constraints = [
            models.CheckConstraint(
                condition=Q(level=TargetLevel.GLOBAL, region__isnull=True, country__isnull=True)
                | Q(level=TargetLevel.REGIONAL, region__isnull=False, country__isnull=True)
                | Q(level=TargetLevel.COUNTRY, region__isnull=True, country__isnull=False),
                name="target_scope_matches_level",
                violation_error_message=_(
                    "A global target has no region or country; "
                    "a regional target a region only; a country target a country only."
                ),
            ),
            models.UniqueConstraint(
                fields=["indicator", "biennium"],
                condition=Q(level=TargetLevel.GLOBAL),
                name="target_one_global_per_indicator_biennium",
                violation_error_message=_("This indicator already has a global target for the biennium."),
            ),
            models.UniqueConstraint(
                fields=["indicator", "biennium", "region"],
                name="target_one_per_region",
                violation_error_message=_("This indicator already has a target for the region."),
            ),
            models.UniqueConstraint(
                fields=["indicator", "biennium", "country"],
                name="target_one_per_country",
                violation_error_message=_("This indicator already has a target for the country."),
            ),
        ]

    def __str__(self):
        scope = self.country or self.region or "global"
        return f"{self.indicator.code} {self.biennium.code} ({scope}): {self.value}"
