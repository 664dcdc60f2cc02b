"""Finance and staffing data as at a cut-off date: the inputs of the biennial report.

Both kinds are a `Snapshot` (a biennium, a cut-off date, who changed it last, the imported file's
name, an audit history) holding rows: budget lines or posts. The services in
`reporting/services/snapshots.py` import, replace and edit the rows of either kind alike.
"""

from django.conf import settings
from django.db import models
from django.db.models import Count, Q, Sum
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.scoping import ScopedQuerySet
from regions.choices import UNRegionalGroup

from ..choices import Gender


class SnapshotQuerySet(ScopedQuerySet):
    """Finance and staffing data are internal: secretariat and GM staff only (see permissions.py)."""

    def for_list(self):
        return self.select_related("biennium", "updated_by").order_by("-biennium__start_date", "-cutoff_date")


class Snapshot(models.Model):
    """The rows of one kind of data of a biennium as at one cut-off date; an import replaces them all.

    Each kind declares its `biennium` (the reverse names differ: `finance_snapshots`,
    `post_snapshots`), its cut-off constraint and `rows_name`, the reverse name of its rows.
    """

    cutoff_date = models.DateField()
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    source_name = models.CharField(max_length=200, blank=True, help_text=_("The imported file's name."))

    objects = SnapshotQuerySet.as_manager()
    # The change reason says what changed: an import (the file, how many rows) or one row's edit.
    history = HistoricalRecords(inherit=True, history_change_reason_field=models.TextField(null=True))

    rows_name = ""

    class Meta:
        abstract = True
        ordering = ["-biennium__start_date", "-cutoff_date"]

    @property
    def rows(self):
        """The snapshot's budget lines or posts (a related manager)."""
        return getattr(self, self.rows_name)

    @classmethod
    def row_model(cls) -> type[models.Model]:
        return cls._meta.get_field(cls.rows_name).related_model


class FinanceSnapshotQuerySet(SnapshotQuerySet):
    def for_list(self):
        return super().for_list().annotate(line_count=Count("lines"), approved_total=Sum("lines__approved"))


class FinanceSnapshot(Snapshot):
    """The budget lines of one biennium as at one cut-off date."""

    biennium = models.ForeignKey(
        "workprogramme.Biennium", on_delete=models.PROTECT, related_name="finance_snapshots"
    )

    objects = FinanceSnapshotQuerySet.as_manager()

    rows_name = "lines"

    class Meta(Snapshot.Meta):
        constraints = [
            models.UniqueConstraint(
                fields=["biennium", "cutoff_date"],
                name="finance_snapshot_unique_cutoff",
                violation_error_message=_("This biennium already has finance data for this cut-off date."),
            )
        ]

    def __str__(self):
        return f"Finance {self.biennium.code} at {self.cutoff_date:%Y-%m-%d}"


class SnapshotRowQuerySet(ScopedQuerySet):
    """Budget lines and posts: as internal as their snapshot."""


class BudgetLineQuerySet(SnapshotRowQuerySet):
    def for_list(self):
        return self.select_related("fund", "budget_holder", "object_of_expenditure")


class BudgetLine(models.Model):
    """An amount of a fund held by a budget holder for an object of expenditure (EUR)."""

    snapshot = models.ForeignKey(FinanceSnapshot, on_delete=models.CASCADE, related_name="lines")
    fund = models.ForeignKey("reporting.FundingSource", on_delete=models.PROTECT, related_name="+")
    budget_holder = models.ForeignKey("reporting.BudgetHolder", on_delete=models.PROTECT, related_name="+")
    object_of_expenditure = models.ForeignKey(
        "reporting.ObjectOfExpenditure", on_delete=models.PROTECT, related_name="+"
    )
    approved = models.DecimalField(max_digits=14, decimal_places=2, default=0)
    expenditure = models.DecimalField(
        max_digits=14, decimal_places=2, default=0, help_text=_("Spent up to the cut-off date.")
    )
    forecast = models.DecimalField(
        max_digits=14, decimal_places=2, default=0, help_text=_("Forecast from the cut-off to the end.")
    )

    objects = BudgetLineQuerySet.as_manager()

    class Meta:
        ordering = ["budget_holder__order", "object_of_expenditure__order", "pk"]
        indexes = [
            # The compile's one pass (`compiler.finance.finance_aggregates`) can read only this
            # index: the snapshot's lines in group order, with their amounts (key columns rather
            # than INCLUDE, which SQLite lacks).
            models.Index(
                fields=[
                    "snapshot",
                    "budget_holder",
                    "object_of_expenditure",
                    "fund",
                    "approved",
                    "expenditure",
                    "forecast",
                ],
                name="budget_line_sums",
            )
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(approved__gte=0) & Q(expenditure__gte=0) & Q(forecast__gte=0),
                name="budget_line_amounts_not_negative",
                violation_error_message=_("Budget, expenditure and forecast cannot be negative."),
            )
        ]

    def __str__(self):
        return f"{self.budget_holder_id}/{self.object_of_expenditure_id}: {self.approved}"


class PostSnapshotQuerySet(SnapshotQuerySet):
    def for_list(self):
        return (
            super()
            .for_list()
            .annotate(post_count=Count("posts"), filled_count=Count("posts", filter=Q(posts__filled=True)))
        )


class PostSnapshot(Snapshot):
    """The posts of the secretariat and the GM as at one cut-off date."""

    biennium = models.ForeignKey(
        "workprogramme.Biennium", on_delete=models.PROTECT, related_name="post_snapshots"
    )

    objects = PostSnapshotQuerySet.as_manager()

    rows_name = "posts"

    class Meta(Snapshot.Meta):
        constraints = [
            models.UniqueConstraint(
                fields=["biennium", "cutoff_date"],
                name="post_snapshot_unique_cutoff",
                violation_error_message=_("This biennium already has staffing data for this cut-off date."),
            )
        ]

    def __str__(self):
        return f"Posts {self.biennium.code} at {self.cutoff_date:%Y-%m-%d}"


class PostQuerySet(SnapshotRowQuerySet):
    def for_list(self):
        return self.select_related("grade", "unit", "funding_source")


class Post(models.Model):
    """A post: approved and/or filled, with the incumbent's gender and regional group."""

    snapshot = models.ForeignKey(PostSnapshot, on_delete=models.CASCADE, related_name="posts")
    post_number = models.CharField(max_length=30)
    grade = models.ForeignKey("reporting.StaffGrade", on_delete=models.PROTECT, related_name="+")
    unit = models.ForeignKey("regions.OrganisationalUnit", on_delete=models.PROTECT, related_name="+")
    funding_source = models.ForeignKey("reporting.FundingSource", on_delete=models.PROTECT, related_name="+")
    approved = models.BooleanField(default=True, help_text=_("A temporary post can be filled unapproved."))
    filled = models.BooleanField(default=False)
    gender = models.CharField(max_length=10, choices=Gender.choices, blank=True)
    regional_group = models.CharField(max_length=20, choices=UNRegionalGroup.choices, blank=True)
    footnote = models.CharField(max_length=300, blank=True)

    objects = PostQuerySet.as_manager()

    class Meta:
        ordering = ["grade__order", "post_number"]
        constraints = [
            models.UniqueConstraint(
                fields=["snapshot", "post_number"],
                name="post_number_unique_in_snapshot",
                violation_error_message=_("This post number is already used in this staffing snapshot."),
            ),
            models.CheckConstraint(
                condition=Q(filled=False, gender="", regional_group="")
                | (Q(filled=True) & ~Q(gender="") & ~Q(regional_group="")),
                name="post_incumbent_only_when_filled",
                violation_error_message=_(
                    "A filled post needs the incumbent's gender and regional group; "
                    "a vacant post has neither."
                ),
            ),
        ]

    def __str__(self):
        return f"{self.post_number} ({self.grade_id})"
