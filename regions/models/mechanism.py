"""The regional coordination mechanism of seed 000 (ICCD/COP(9)/3, §38-82)."""

from datetime import date, timedelta

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.scoping import ScopedQuerySet
from core.uploads import generated_upload_path

from ..choices import (
    EvaluationOutcome,
    HostInstitutionKind,
    MoUSignatory,
    MoUStatus,
    NetworkStatus,
    OfficeStatus,
)
from .geography import Country, Region

# The office page warns this many days before its memorandum of understanding ends.
MOU_WARNING_DAYS = 90


class HostInstitutionQuerySet(ScopedQuerySet):
    """Read by logged-in users, edited by staff."""

    def for_list(self):
        return self.select_related("country")


class HostInstitution(models.Model):
    """An institution hosting a regional office or network, e.g. the African Development Bank."""

    name = models.CharField(max_length=200, unique=True)
    kind = models.CharField(max_length=30, choices=HostInstitutionKind.choices)
    country = models.ForeignKey(Country, on_delete=models.PROTECT, related_name="host_institutions")
    website = models.URLField(blank=True)

    objects = HostInstitutionQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("regions:host_institution_detail", kwargs={"pk": self.pk})


class RegionalOfficeQuerySet(ScopedQuerySet):
    """Public; edited by staff and by the coordinator of the office's region."""

    def for_list(self):
        return self.select_related("region", "host_institution", "coordinator", "funding_source")


class RegionalOffice(models.Model):
    """A regional coordination unit: part of the secretariat, hosted in its region (§38-52)."""

    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="offices")
    name = models.CharField(max_length=200)
    host_institution = models.ForeignKey(
        HostInstitution, on_delete=models.PROTECT, null=True, blank=True, related_name="offices"
    )
    city = models.CharField(max_length=100, blank=True)
    coordinator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="coordinated_offices",
    )
    coordinator_name = models.CharField(
        max_length=200, blank=True, help_text=_("When the coordinator has no portal account.")
    )
    reporting_line = models.CharField(max_length=200, default="Deputy Executive Secretary")
    funding_source = models.ForeignKey(
        "reporting.FundingSource", on_delete=models.PROTECT, null=True, blank=True, related_name="offices"
    )
    status = models.CharField(max_length=20, choices=OfficeStatus.choices, default=OfficeStatus.PROPOSED)
    opened_on = models.DateField(null=True, blank=True)
    charter = models.FileField(upload_to=generated_upload_path("regions/charters"), blank=True)

    objects = RegionalOfficeQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["region__order", "name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("regions:office_detail", kwargs={"pk": self.pk})

    @property
    def coordinator_display(self) -> str:
        return str(self.coordinator) if self.coordinator_id else self.coordinator_name


class MoUQuerySet(ScopedQuerySet):
    """Read by logged-in users, edited by staff (the secretariat or GM signs them)."""

    def for_list(self):
        return self.select_related("office__region", "host_institution", "host_country")


class MemorandumOfUnderstanding(models.Model):
    """A memorandum of understanding between the secretariat/GM and an office's host (seed 000 §41)."""

    title = models.CharField(max_length=250)
    signatory = models.CharField(
        "Convention signatory", max_length=20, choices=MoUSignatory.choices, default=MoUSignatory.SECRETARIAT
    )
    office = models.ForeignKey(
        RegionalOffice, on_delete=models.PROTECT, null=True, blank=True, related_name="mous"
    )
    host_institution = models.ForeignKey(
        HostInstitution, on_delete=models.PROTECT, null=True, blank=True, related_name="mous"
    )
    host_country = models.ForeignKey(
        Country, on_delete=models.PROTECT, null=True, blank=True, related_name="hosted_mous"
    )
    signed_on = models.DateField(null=True, blank=True)
    valid_from = models.DateField()
    valid_to = models.DateField(null=True, blank=True, help_text=_("Empty when open-ended."))
    status = models.CharField(max_length=20, choices=MoUStatus.choices, default=MoUStatus.DRAFT)
    document = models.FileField(upload_to=generated_upload_path("regions/mous"), blank=True)

    objects = MoUQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["-valid_from", "title"]
        verbose_name = _("memorandum of understanding")
        verbose_name_plural = _("memoranda of understanding")
        constraints = [
            models.CheckConstraint(
                condition=Q(host_institution__isnull=False) | Q(host_country__isnull=False),
                name="mou_has_a_host",
                violation_error_message=_(
                    "A memorandum of understanding names a host institution or country."
                ),
            ),
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_to__gte=F("valid_from")),
                name="mou_valid_to_after_valid_from",
                violation_error_message=_("The memorandum cannot end before it starts."),
            ),
            models.CheckConstraint(
                condition=Q(signed_on__isnull=False) | ~Q(status=MoUStatus.IN_FORCE),
                name="mou_in_force_is_signed",
                violation_error_message=_("A memorandum in force needs its signature date."),
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("regions:mou_detail", kwargs={"pk": self.pk})

    def expiry_state(self, today: date | None = None) -> str | None:
        """'expired', 'expiring' (within 90 days) or None, for the office page's warning."""
        if self.valid_to is None:
            return None
        today = today or timezone.localdate()
        if self.valid_to < today:
            return "expired"
        if self.valid_to <= today + timedelta(days=MOU_WARNING_DAYS):
            return "expiring"
        return None


class RegionalCommitteeQuerySet(ScopedQuerySet):
    """Public; edited by staff and by the coordinator of the committee's region."""

    def for_list(self):
        current = Q(memberships__end_date__isnull=True) | Q(memberships__end_date__gte=timezone.localdate())
        # Meta.ordering is not applied to aggregating queries: order explicitly.
        return (
            self.select_related("region")
            .annotate(member_count=models.Count("memberships", filter=current, distinct=True))
            .order_by("region__order")
        )

    def with_members(self):
        """Prefetch the memberships with their countries (the API nests them)."""
        membership_model = self.model._meta.get_field("memberships").related_model
        return self.prefetch_related(
            models.Prefetch("memberships", queryset=membership_model.objects.select_related("country"))
        )


class RegionalCommittee(models.Model):
    """The lean, zero-cost committee of a region's Parties (§53-55); one per region."""

    region = models.OneToOneField(Region, on_delete=models.PROTECT, related_name="committee")
    name = models.CharField(
        max_length=200, help_text=_("As used in the region, e.g. 'Regional Implementation Committee' in LAC.")
    )
    established_on = models.DateField(null=True, blank=True)

    objects = RegionalCommitteeQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["region__order"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("regions:committee_detail", kwargs={"pk": self.pk})


class NetworkQuerySet(ScopedQuerySet):
    """Public; edited by staff and by the coordinator of the network's region."""

    def for_list(self):
        return self.select_related("region", "host_institution").prefetch_related("focal_points")


class ThematicProgrammeNetwork(models.Model):
    """A regional thematic programme network (TPN) on a science or technical issue (§56-58)."""

    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="networks")
    code = models.CharField(max_length=20, unique=True, help_text=_("e.g. TPN1 (Africa)."))
    theme = models.CharField(max_length=300)
    host_institution = models.ForeignKey(
        HostInstitution, on_delete=models.PROTECT, null=True, blank=True, related_name="networks"
    )
    status = models.CharField(max_length=20, choices=NetworkStatus.choices, default=NetworkStatus.ACTIVE)
    last_evaluated_on = models.DateField(null=True, blank=True)
    evaluation_outcome = models.CharField(
        max_length=30, choices=EvaluationOutcome.choices, blank=True, default=EvaluationOutcome.NOT_EVALUATED
    )
    focal_points = models.ManyToManyField(
        "FocalPoint", blank=True, related_name="networks", help_text=_("National contacts of the network.")
    )

    objects = NetworkQuerySet.as_manager()
    history = HistoricalRecords(m2m_fields=["focal_points"])

    class Meta:
        ordering = ["region__order", "code"]
        verbose_name = _("thematic programme network")

    def __str__(self):
        return f"{self.code}: {self.theme}"

    def get_absolute_url(self):
        return reverse("regions:network_detail", kwargs={"pk": self.pk})
