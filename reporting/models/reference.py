"""Finance and staffing reference data (seed 002): grades, funds, objects, budget holders."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from ..choices import BudgetGroup, BudgetHolderKind, GradeCategory


class StaffGrade(models.Model):
    """A UN staff grade, USG down to GS."""

    code = models.CharField(max_length=10, unique=True)
    category = models.CharField(max_length=20, choices=GradeCategory.choices)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order"]

    def __str__(self):
        return self.code


class FundingSource(models.Model):
    """A fund that pays for budget lines and posts: core, supplementary, Bonn Fund, PSC."""

    code = models.SlugField(max_length=20, unique=True)
    name = models.CharField(max_length=100)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order"]

    def __str__(self):
        return self.name


class ObjectOfExpenditure(models.Model):
    """What money is spent on: staff costs, consultants, travel… (seed 002 table 2)."""

    code = models.SlugField(max_length=40, unique=True)
    name = models.CharField(max_length=120)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order"]
        verbose_name_plural = _("objects of expenditure")

    def __str__(self):
        return self.name


class BudgetHolder(models.Model):
    """Who holds a budget line: a programme (A-E), a subsidiary body or an initiative.

    The group and the core-total flag come from data, so the report's grouping and
    totals do too.
    """

    code = models.CharField(max_length=20, unique=True)
    name = models.CharField(max_length=160)
    kind = models.CharField(max_length=20, choices=BudgetHolderKind.choices)
    letter = models.CharField(max_length=2, blank=True, help_text=_("Programme letter in table 1 (A-E)."))
    group = models.CharField(max_length=4, choices=BudgetGroup.choices, blank=True)
    counts_in_core_total = models.BooleanField(default=False)
    unit = models.ForeignKey(
        "regions.OrganisationalUnit",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="budget_holders",
    )
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order"]

    def __str__(self):
        return f"{self.letter}. {self.name}" if self.letter else self.name
