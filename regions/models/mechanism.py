"""The regional coordination mechanism of seed 000 (ICCD/COP(9)/3, §38-82)."""

from django.conf import settings
from django.db import models

from unccd_portal.uploads import generated_upload_path

from ..choices import EvaluationOutcome, HostInstitutionKind, NetworkStatus, OfficeStatus
from .geography import Country, Region


class HostInstitution(models.Model):
    """An institution hosting a regional office or network, e.g. the African Development Bank."""

    name = models.CharField(max_length=200, unique=True)
    kind = models.CharField(max_length=30, choices=HostInstitutionKind.choices)
    country = models.ForeignKey(Country, on_delete=models.PROTECT, related_name="host_institutions")
    website = models.URLField(blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


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
        max_length=200, blank=True, help_text="When the coordinator has no portal account."
    )
    reporting_line = models.CharField(max_length=200, default="Deputy Executive Secretary")
    funding_source = models.ForeignKey(
        "reporting.FundingSource", on_delete=models.PROTECT, null=True, blank=True, related_name="offices"
    )
    status = models.CharField(max_length=20, choices=OfficeStatus.choices, default=OfficeStatus.PROPOSED)
    opened_on = models.DateField(null=True, blank=True)
    charter = models.FileField(upload_to=generated_upload_path("regions/charters"), blank=True)

    class Meta:
        ordering = ["region__order", "name"]

    def __str__(self):
        return self.name


class RegionalCommittee(models.Model):
    """The lean, zero-cost committee of a region's Parties (§53-55); one per region."""

    region = models.OneToOneField(Region, on_delete=models.PROTECT, related_name="committee")
    name = models.CharField(
        max_length=200, help_text="As used in the region, e.g. 'Regional Implementation Committee' in LAC."
    )
    established_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["region__order"]

    def __str__(self):
        return self.name


class ThematicProgrammeNetwork(models.Model):
    """A regional thematic programme network (TPN) on a science or technical issue (§56-58)."""

    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="networks")
    code = models.CharField(max_length=20, unique=True, help_text="e.g. TPN1 (Africa).")
    theme = models.CharField(max_length=300)
    host_institution = models.ForeignKey(
        HostInstitution, on_delete=models.PROTECT, null=True, blank=True, related_name="networks"
    )
    status = models.CharField(max_length=20, choices=NetworkStatus.choices, default=NetworkStatus.ACTIVE)
    last_evaluated_on = models.DateField(null=True, blank=True)
    evaluation_outcome = models.CharField(
        max_length=30, choices=EvaluationOutcome.choices, blank=True, default=EvaluationOutcome.NOT_EVALUATED
    )

    class Meta:
        ordering = ["region__order", "code"]
        verbose_name = "thematic programme network"

    def __str__(self):
        return f"{self.code}: {self.theme}"
