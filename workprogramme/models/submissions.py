"""Reporting cycles and the countries' progress submissions (the NFPs' channel)."""

from django.conf import settings
from django.db import models
from django.db.models import Count, F, OuterRef, Prefetch, Q, Subquery
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.scoping import ScopedQuerySet
from core.uploads import generated_upload_path
from regions.models import Country

from ..choices import (
    AWAITING_REVIEW_STATES,
    EDITABLE_SUBMISSION_STATES,
    ReminderKind,
    ReportingCycleState,
    SubmissionState,
)
from .frameworks import Biennium, Indicator
from .observations import Observation


class ReportingCycleQuerySet(ScopedQuerySet):
    def with_biennium(self):
        return self.select_related("biennium")

    def for_list(self):
        """With the biennium and the indicators asked for, as every cycle row shows them."""
        return self.with_biennium().prefetch_related("cycle_indicators__indicator")


class ReportingCycle(models.Model):
    """A reporting round of a biennium: a deadline and the indicators the countries report."""

    biennium = models.ForeignKey(Biennium, on_delete=models.PROTECT, related_name="reporting_cycles")
    code = models.SlugField(max_length=40, unique=True)
    title = models.CharField(max_length=200)
    opens_on = models.DateField()
    deadline = models.DateField()
    state = models.CharField(
        max_length=20, choices=ReportingCycleState.choices, default=ReportingCycleState.PLANNED
    )
    indicators = models.ManyToManyField(Indicator, through="ReportingCycleIndicator", related_name="cycles")

    objects = ReportingCycleQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["-deadline"]
        constraints = [
            models.CheckConstraint(
                condition=Q(deadline__gte=F("opens_on")),
                name="reporting_cycle_deadline_after_opening",
                violation_error_message=_("The deadline cannot come before the cycle opens."),
            )
        ]

    def __str__(self):
        return self.title

    @property
    def is_editable_state(self) -> bool:
        return self.state in (ReportingCycleState.PLANNED, ReportingCycleState.OPEN)


class ReportingCycleIndicator(models.Model):
    """An indicator a cycle asks for, and whether every country must answer it."""

    cycle = models.ForeignKey(ReportingCycle, on_delete=models.CASCADE, related_name="cycle_indicators")
    indicator = models.ForeignKey(Indicator, on_delete=models.PROTECT, related_name="cycle_links")
    is_required = models.BooleanField(default=True)
    order = models.PositiveSmallIntegerField(default=0)
    time_periods = models.CharField(
        max_length=200,
        blank=True,
        help_text="The years or periods asked in this cycle; empty: the indicator's.",
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["cycle", "order"]
        constraints = [
            models.UniqueConstraint(
                fields=["cycle", "indicator"],
                name="cycle_indicator_unique",
                violation_error_message=_("The cycle already asks for this indicator."),
            )
        ]

    def __str__(self):
        return f"{self.cycle.code}: {self.indicator.code}"


class SubmissionQuerySet(ScopedQuerySet):
    def with_related(self):
        """Cycle, biennium, country and annex, as every submission row names them; latest deadline first."""
        return self.select_related("cycle__biennium", "country__region").order_by(
            "-cycle__deadline", "country__name"
        )

    def for_list(self):
        """With counts instead of the values, as the API's list rows show them: `indicator_count`
        (reported indicators), `value_count` (cells with a value, tables' cells included) and
        `invalid_value_count` (cells kept with an error). One query whatever the page."""

        def count(queryset):
            per_submission = queryset.filter(submission=OuterRef("pk")).order_by().values("submission")
            return Coalesce(Subquery(per_submission.annotate(n=Count("pk")).values("n")), 0)

        cells = Observation.objects.exclude(raw_value="")
        return self.with_related().annotate(
            indicator_count=count(SubmissionIndicator.objects.all()),
            value_count=count(cells),
            invalid_value_count=count(cells.exclude(error="")),
        )

    def for_list_with_values(self):
        """`for_list()` and the reported indicators with their scalar values (`scalar_observations`)
        and the workflow steps (the API's `?expand=values`; three more queries whatever the page)."""
        reported = SubmissionIndicator.objects.select_related("indicator").in_table_order()
        transitions = SubmissionTransition.objects.select_related("actor").order_by("at", "pk")
        scalar = Observation.objects.scalar()
        return self.for_list().prefetch_related(
            Prefetch("reported_indicators", queryset=reported),
            Prefetch("observations", queryset=scalar, to_attr="scalar_observations"),
            Prefetch("transitions", queryset=transitions),
        )

    def for_detail(self):
        """Cycle, country and the workflow steps: the submission pages read its tables through
        `workprogramme.tables.submission_tables`."""
        transitions = SubmissionTransition.objects.select_related("actor").order_by("at", "pk")
        return self.for_list().prefetch_related(Prefetch("transitions", queryset=transitions))

    def open(self):
        return self.filter(state__in=EDITABLE_SUBMISSION_STATES)

    def awaiting_review(self):
        """Submitted or resubmitted: what waits on a reviewer. The staff home page's count, the list it
        links to (`?awaiting_review=true`) and the API filter all read this."""
        return self.filter(state__in=AWAITING_REVIEW_STATES)


class Submission(models.Model):
    """One country's progress report for a reporting cycle."""

    cycle = models.ForeignKey(ReportingCycle, on_delete=models.PROTECT, related_name="submissions")
    country = models.ForeignKey(Country, on_delete=models.PROTECT, related_name="submissions")
    state = models.CharField(max_length=20, choices=SubmissionState.choices, default=SubmissionState.DRAFT)
    version = models.PositiveIntegerField(
        default=1, help_text="Raised by every save: a form opened on an older version cannot overwrite."
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    validated_at = models.DateTimeField(null=True, blank=True)
    review_round = models.PositiveSmallIntegerField(
        default=0, help_text="How many times the report was handed in for review: the current review round."
    )

    objects = SubmissionQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["cycle", "country__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["cycle", "country"],
                name="submission_one_per_country_and_cycle",
                violation_error_message=_("This country already has a submission for this cycle."),
            ),
            models.CheckConstraint(
                condition=~Q(state=SubmissionState.VALIDATED) | Q(validated_at__isnull=False),
                name="submission_validated_has_date",
                violation_error_message=_("A validated submission records when it was validated."),
            ),
        ]

    def __str__(self):
        return f"{self.country} – {self.cycle}"

    def get_absolute_url(self):
        return reverse("workprogramme:submission_detail", args=[self.pk])

    @property
    def is_editable_state(self) -> bool:
        return self.state in EDITABLE_SUBMISSION_STATES

    @property
    def accepts_values(self) -> bool:
        """Whether its values may still change: a draft or a returned report of a cycle not closed
        (`services.submissions.submission_ensure_accepts_values` says why not)."""
        return self.is_editable_state and self.cycle.state != ReportingCycleState.CLOSED


class SubmissionIndicatorQuerySet(ScopedQuerySet):
    def in_table_order(self):
        """In the order of the results framework (objective, outcome, indicator)."""
        return self.order_by(
            "indicator__outcome__objective__order", "indicator__outcome__order", "indicator__order"
        )


class SubmissionIndicator(models.Model):
    """An indicator a submission reports: the country's narrative and the reviewer's comment on it.

    Its values, one per cell of the indicator's table (one cell for a scalar indicator), are the
    submission's `Observation` rows for the indicator.
    """

    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="reported_indicators")
    indicator = models.ForeignKey(Indicator, on_delete=models.PROTECT, related_name="submission_links")
    narrative = models.TextField(blank=True)
    reviewer_comment = models.TextField(
        blank=True,
        help_text="The open comment of the current review round; cleared when the country resubmits.",
    )
    review_round = models.PositiveSmallIntegerField(
        default=0, help_text="The review round of the comment; each round's comments stay in the history."
    )

    objects = SubmissionIndicatorQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["submission", "indicator__outcome__objective__order", "indicator__outcome__order"]
        constraints = [
            models.UniqueConstraint(
                fields=["submission", "indicator"],
                name="submission_indicator_unique",
                violation_error_message=_("The submission already reports this indicator."),
            ),
        ]

    def __str__(self):
        return f"{self.submission}: {self.indicator.code}"


class SubmissionEvidence(models.Model):
    """A file backing a submission (a report, a map, a data table): the whole report, one indicator,
    or one cell of a table indicator (its time period and dimension members, as its `Observation`)."""

    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="evidence")
    indicator = models.ForeignKey(
        Indicator, on_delete=models.PROTECT, null=True, blank=True, related_name="evidence"
    )
    time_period = models.CharField(max_length=9, blank=True, help_text=_("The cell's time period, if any."))
    key = models.CharField(
        max_length=200, blank=True, help_text=_("The cell's dimension members (LAND_COVER=TREE), if any.")
    )
    members = models.JSONField(default=dict, blank=True)
    file = models.FileField(upload_to=generated_upload_path("workprogramme/evidence"))
    title = models.CharField(max_length=200)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["submission", "uploaded_at", "pk"]
        verbose_name_plural = "submission evidence"
        constraints = [
            models.CheckConstraint(
                condition=Q(indicator__isnull=False) | (Q(time_period="") & Q(key="")),
                name="submission_evidence_cell_has_indicator",
                violation_error_message=_("Evidence for a cell names the cell's indicator."),
            )
        ]

    def __str__(self):
        return self.title

    @property
    def is_for_cell(self) -> bool:
        return bool(self.time_period or self.key)


class SubmissionTransition(models.Model):
    """One step of a submission's workflow: who moved it from which state to which, when, and why."""

    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="transitions")
    from_state = models.CharField(max_length=20, choices=SubmissionState.choices)
    to_state = models.CharField(max_length=20, choices=SubmissionState.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    at = models.DateTimeField()
    comment = models.TextField(blank=True)
    review_round = models.PositiveSmallIntegerField(
        default=0, help_text="The review round the step belongs to."
    )

    class Meta:
        ordering = ["submission", "at", "pk"]

    def __str__(self):
        return f"{self.submission}: {self.from_state} -> {self.to_state}"


class ReminderSent(models.Model):
    """A deadline reminder e-mailed to a country for a cycle; the unique key makes sending idempotent."""

    cycle = models.ForeignKey(ReportingCycle, on_delete=models.CASCADE, related_name="reminders")
    country = models.ForeignKey(Country, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=20, choices=ReminderKind.choices)
    sent_at = models.DateTimeField()
    recipients = models.TextField(blank=True)

    class Meta:
        ordering = ["cycle", "country", "kind"]
        constraints = [
            models.UniqueConstraint(
                fields=["cycle", "country", "kind"],
                name="reminder_once_per_country_cycle_kind",
                violation_error_message=_("This reminder was already sent to this country."),
            )
        ]

    def __str__(self):
        return f"{self.cycle.code} {self.country} {self.kind}"
