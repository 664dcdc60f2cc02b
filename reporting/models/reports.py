"""Compiled reports: immutable versions of the tables computed from the data at a cut-off."""

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.scoping import ScopedQuerySet

from ..choices import ReportKind, ReportStatus

# How a compile abandoned by its worker is reported (the page offers a retry).
WORKER_DIED = "The compile stopped: the worker died."


class ReportQuerySet(ScopedQuerySet):
    def for_list(self):
        return self.select_related("biennium", "compiled_by", "office", "committee").defer("tables", "checks")


class Report(models.Model):
    """One compiled version of a report: its tables and checks as JSON, its inputs' cut-off."""

    kind = models.CharField(max_length=30, choices=ReportKind.choices)
    biennium = models.ForeignKey("workprogramme.Biennium", on_delete=models.PROTECT, related_name="reports")
    cutoff_date = models.DateField()
    office = models.ForeignKey(
        "regions.RegionalOffice", on_delete=models.PROTECT, null=True, blank=True, related_name="reports"
    )
    committee = models.ForeignKey(
        "regions.RegionalCommittee", on_delete=models.PROTECT, null=True, blank=True, related_name="reports"
    )
    year = models.PositiveSmallIntegerField(null=True, blank=True, help_text=_("Committee reports only."))
    scope = models.CharField(
        max_length=40,
        blank=True,
        editable=False,
        help_text=_("Which office or committee; versions count per scope."),
    )
    version = models.PositiveIntegerField(default=1)
    status = models.CharField(max_length=10, choices=ReportStatus.choices, default=ReportStatus.QUEUED)
    progress = models.PositiveSmallIntegerField(default=0)
    error = models.TextField(blank=True)
    attempt = models.PositiveSmallIntegerField(
        default=1, help_text="How many times the compile was queued (the watchdog and retries add one)."
    )
    attempt_token = models.CharField(
        max_length=32,
        blank=True,
        editable=False,
        help_text="The current attempt's token: only the task that carries it may write the result.",
    )
    heartbeat_at = models.DateTimeField(
        null=True, blank=True, help_text="The last sign of life of the compile (queued or running)."
    )
    requested_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    compiled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    published = models.BooleanField(default=False)
    published_at = models.DateTimeField(null=True, blank=True)
    publish_override_reason = models.TextField(
        blank=True,
        help_text=_(
            "Why this version was published although consistency checks failed (kept in its history)."
        ),
    )
    tables = models.JSONField(default=list, blank=True, encoder=DjangoJSONEncoder)
    checks = models.JSONField(default=list, blank=True, encoder=DjangoJSONEncoder)
    sections = models.JSONField(
        default=dict, blank=True, encoder=DjangoJSONEncoder, help_text=_("Results, offices and narratives.")
    )
    inputs = models.JSONField(default=dict, blank=True, help_text=_("Cut-off dates of the data used."))
    timings = models.JSONField(default=dict, blank=True)

    objects = ReportQuerySet.as_manager()
    history = HistoricalRecords(
        excluded_fields=[
            "tables",
            "checks",
            "sections",
            "inputs",
            "progress",
            "timings",
            "attempt_token",
            "heartbeat_at",
        ]
    )

    class Meta:
        ordering = ["-requested_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "biennium", "cutoff_date", "scope", "version"],
                name="report_version_unique",
                violation_error_message=_("This version of the report already exists."),
            ),
            models.UniqueConstraint(
                fields=["kind", "biennium", "scope"],
                condition=Q(published=True),
                name="report_one_published_version",
                violation_error_message=_("Another version of this report is already published."),
            ),
            models.CheckConstraint(
                condition=Q(attempt__gte=1),
                name="report_attempt_at_least_1",
                violation_error_message=_("A compile is attempted at least once."),
            ),
            models.CheckConstraint(
                condition=Q(progress__lte=100),
                name="report_progress_at_most_100",
                violation_error_message=_("Progress is a percentage."),
            ),
            models.CheckConstraint(
                condition=Q(published=False) | Q(status=ReportStatus.COMPLETE),
                name="report_published_only_when_complete",
                violation_error_message=_("Only a complete report can be published."),
            ),
        ]

    def __str__(self):
        scope = f" {self.scope}" if self.scope else ""
        return f"{self.get_kind_display()}{scope} {self.biennium} v{self.version}"

    @property
    def is_finished(self) -> bool:
        return self.status in (ReportStatus.COMPLETE, ReportStatus.FAILED)

    @property
    def worker_died(self) -> bool:
        """The compile failed because no worker finished it (the watchdog gave up), not on the data."""
        return self.status == ReportStatus.FAILED and self.error.startswith(WORKER_DIED)

    @property
    def failed_checks(self) -> list[dict]:
        return [check for check in self.checks if not check.get("passed")]
