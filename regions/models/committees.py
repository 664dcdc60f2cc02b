"""Regional committees' members, meetings and annual reports (seed 000 §53-55, §68, §74)."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.scoping import ScopedQuerySet
from core.uploads import generated_upload_path

from ..choices import CommitteeRole, ReportStatus
from .geography import Country
from .mechanism import RegionalCommittee


class MembershipQuerySet(ScopedQuerySet):
    """Public with their committee; edited by staff and the coordinator of the committee's region."""

    def for_list(self):
        return self.select_related("committee__region", "country")


class CommitteeMembership(models.Model):
    """A Party's seat on a regional committee for a term."""

    committee = models.ForeignKey(RegionalCommittee, on_delete=models.CASCADE, related_name="memberships")
    country = models.ForeignKey(Country, on_delete=models.PROTECT, related_name="committee_memberships")
    representative = models.CharField(max_length=200, blank=True, help_text=_("Name of the representative."))
    role = models.CharField(max_length=20, choices=CommitteeRole.choices, default=CommitteeRole.MEMBER)
    start_date = models.DateField()
    end_date = models.DateField(null=True, blank=True, help_text=_("Empty while the term is open."))

    objects = MembershipQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["committee__region__order", "country__name", "-start_date"]
        # Overlapping terms of one country in one committee cannot be a PostgreSQL
        # ExclusionConstraint here without the btree_gist extension (not installed, and
        # SQLite has none): `committee_membership_create/_update` refuse overlaps while
        # holding a row lock on the committee. These constraints catch what a database can:
        # an end before the start, two terms starting the same day, two open-ended terms.
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=F("start_date")),
                name="membership_end_after_start",
                violation_error_message=_("A membership cannot end before it starts."),
            ),
            models.UniqueConstraint(
                fields=["committee", "country", "start_date"],
                name="membership_unique_start",
                violation_error_message=_("This country already has a membership starting that day."),
            ),
            models.UniqueConstraint(
                fields=["committee", "country"],
                condition=Q(end_date__isnull=True),
                name="membership_one_open_term",
                violation_error_message=_(
                    "This country already has an open-ended membership in the committee."
                ),
            ),
        ]

    def __str__(self):
        return f"{self.country} in {self.committee} ({self.get_role_display()})"

    def get_absolute_url(self):
        return reverse("regions:membership_detail", kwargs={"pk": self.pk})


class MeetingQuerySet(ScopedQuerySet):
    """Read by logged-in users; edited by staff and the coordinator of the committee's region."""

    def for_list(self):
        return self.select_related("committee__region", "country")


class CommitteeMeeting(models.Model):
    """A meeting of a regional committee, usually back-to-back with another regional meeting (§55)."""

    committee = models.ForeignKey(RegionalCommittee, on_delete=models.CASCADE, related_name="meetings")
    title = models.CharField(max_length=200)
    date = models.DateField()
    end_date = models.DateField(null=True, blank=True)
    place = models.CharField(max_length=200, help_text=_("City, or 'online'."))
    country = models.ForeignKey(
        Country, on_delete=models.PROTECT, null=True, blank=True, related_name="committee_meetings"
    )
    back_to_back_with = models.CharField(
        max_length=250, blank=True, help_text=_("The regional meeting this one was held back-to-back with.")
    )
    minutes = models.FileField(upload_to=generated_upload_path("regions/minutes"), blank=True)

    objects = MeetingQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["-date"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=F("date")),
                name="meeting_end_after_start",
                violation_error_message=_("A meeting cannot end before it starts."),
            )
        ]

    def __str__(self):
        return f"{self.title} ({self.date:%d %b %Y})"

    def get_absolute_url(self):
        return reverse("regions:meeting_detail", kwargs={"pk": self.pk})


class AnnualReportQuerySet(ScopedQuerySet):
    """Published reports are public; drafts are seen by those who may edit them."""

    def for_list(self):
        return self.select_related("committee__region", "published_by")


class CommitteeAnnualReport(models.Model):
    """A committee's annual report to the Parties of its region (§74); one per committee and year."""

    committee = models.ForeignKey(RegionalCommittee, on_delete=models.CASCADE, related_name="annual_reports")
    year = models.PositiveSmallIntegerField()
    text = models.TextField(blank=True)
    file = models.FileField(upload_to=generated_upload_path("regions/committee-reports"), blank=True)
    status = models.CharField(max_length=20, choices=ReportStatus.choices, default=ReportStatus.DRAFT)
    published_at = models.DateTimeField(null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    objects = AnnualReportQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["committee__region__order", "-year"]
        constraints = [
            models.UniqueConstraint(
                fields=["committee", "year"],
                name="annual_report_one_per_committee_year",
                violation_error_message=_("This committee already has a report for that year."),
            ),
            models.CheckConstraint(
                condition=Q(year__gte=1990) & Q(year__lte=2100),
                name="annual_report_year_plausible",
                violation_error_message=_("The year must be between 1990 and 2100."),
            ),
            models.CheckConstraint(
                condition=~Q(status=ReportStatus.PUBLISHED) | Q(published_at__isnull=False),
                name="annual_report_published_has_date",
                violation_error_message=_("A published report records when it was published."),
            ),
        ]

    def __str__(self):
        return f"{self.committee}: annual report {self.year}"

    def get_absolute_url(self):
        return reverse("regions:report_detail", kwargs={"pk": self.pk})
