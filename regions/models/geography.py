"""Geography and institutions: annexes, subregions, Parties and organisational units."""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.scoping import ScopedQuerySet

from ..choices import UnitKind, UNRegionalGroup


class Region(models.Model):
    """A regional implementation annex of the Convention (I Africa … V Central and Eastern Europe)."""

    code = models.CharField(max_length=4, unique=True, help_text=_("Annex number: I, II, III, IV or V."))
    name = models.CharField(max_length=100)
    order = models.PositiveSmallIntegerField(default=0)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["order"]

    def __str__(self):
        return gettext("Annex %(code)s: %(name)s") % {"code": self.code, "name": self.name}


class Subregion(models.Model):
    """A subregion within an annex (e.g. East Africa)."""

    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="subregions")
    code = models.SlugField(max_length=40, unique=True)
    name = models.CharField(max_length=100)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["region__order", "order"]

    def __str__(self):
        return self.name


class CountryQuerySet(ScopedQuerySet):
    """Parties are public; the secretariat and GM staff maintain their annex, group and flags."""

    def with_geography(self):
        """Load annex and subregion with the country, as every list shows them."""
        return self.select_related("region", "subregion")


class Country(models.Model):
    """A Party to the Convention: 196 states and the European Union."""

    iso3 = models.CharField(_("ISO 3166 alpha-3"), max_length=3, unique=True)
    iso2 = models.CharField(_("ISO 3166 alpha-2"), max_length=2, unique=True)
    m49 = models.CharField(
        "UN M49 code",
        max_length=3,
        blank=True,
        help_text=_("Three digits, e.g. 404 for Kenya (SDMX REF_AREA)."),
    )
    name = models.CharField(max_length=120)
    region = models.ForeignKey(
        Region,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="countries",
        help_text=_("Regional implementation annex; empty for Parties that are not affected."),
    )
    subregion = models.ForeignKey(
        Subregion, on_delete=models.PROTECT, null=True, blank=True, related_name="countries"
    )
    un_group = models.CharField(_("UN regional group"), max_length=20, choices=UNRegionalGroup.choices)
    is_affected = models.BooleanField(_("affected"), default=True)
    is_developed = models.BooleanField(_("developed"), default=False)
    is_ldc = models.BooleanField(_("least developed country"), default=False)
    is_sids = models.BooleanField(_("small island developing State"), default=False)

    objects = CountryQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name = _("Party")
        verbose_name_plural = _("Parties")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(is_affected=False) | models.Q(region__isnull=False),
                name="country_affected_has_annex",
                violation_error_message=_("An affected Party belongs to a regional implementation annex."),
            )
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("regions:country_detail", kwargs={"iso3": self.iso3})


class OrganisationalUnit(models.Model):
    """A unit of the Convention's institutions: a secretariat unit (EDM, ERPA, STI, AS) or the GM."""

    code = models.CharField(max_length=10, unique=True)
    name = models.CharField(max_length=120)
    kind = models.CharField(max_length=20, choices=UnitKind.choices)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order"]

    def __str__(self):
        return f"{self.code}: {self.name}"
