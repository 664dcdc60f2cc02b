"""Partnerships for capacity development (seed 004 §37-46)."""

from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.scoping import ScopedQuerySet
from core.uploads import generated_upload_path

from ..choices import PartnershipKind, PartnershipScope
from .geography import Country, Region


class PartnershipQuerySet(ScopedQuerySet):
    """Read by logged-in users, edited by staff."""

    def for_list(self):
        return self.prefetch_related("regions", "countries")


class Partnership(models.Model):
    """A formal or informal partnership of the secretariat with an organisation (seed 004 §37-46)."""

    partner = models.CharField(_("partner organisation"), max_length=250)
    kind = models.CharField(_("type"), max_length=20, choices=PartnershipKind.choices)
    scope = models.CharField(max_length=30, choices=PartnershipScope.choices)
    description = models.TextField(blank=True)
    regions = models.ManyToManyField(Region, blank=True, related_name="partnerships")
    countries = models.ManyToManyField(Country, blank=True, related_name="partnerships")
    start_date = models.DateField(null=True, blank=True)
    end_date = models.DateField(null=True, blank=True)
    agreement = models.FileField(
        "agreement document", upload_to=generated_upload_path("regions/partnerships"), blank=True
    )
    source = models.CharField(
        max_length=100, blank=True, help_text=_("Where it is reported, e.g. seed 004 §38.")
    )

    objects = PartnershipQuerySet.as_manager()
    history = HistoricalRecords(m2m_fields=["regions", "countries"])

    class Meta:
        ordering = ["partner"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True)
                | Q(start_date__isnull=True)
                | Q(end_date__gte=F("start_date")),
                name="partnership_end_after_start",
                violation_error_message=_("A partnership cannot end before it starts."),
            ),
            models.UniqueConstraint(
                fields=["partner", "scope"],
                name="partnership_unique_partner_scope",
                violation_error_message=_("This partner already has a partnership with that scope."),
            ),
        ]

    def __str__(self):
        return f"{self.partner} ({self.get_kind_display()})"

    def get_absolute_url(self):
        return reverse("regions:partnership_detail", kwargs={"pk": self.pk})
