"""Capacity-building activities of the secretariat and the GM (seed 004, decision 2/COP.14)."""

from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.scoping import ScopedQuerySet
from regions.models import Country, Partnership, Region

from ..choices import ActivityFormat, CapacityBuildingKind
from .frameworks import Biennium, Objective, Outcome


class Language(models.Model):
    """One of the six official languages of the United Nations."""

    code = models.CharField(max_length=2, unique=True, help_text=_("ISO 639-1 code, e.g. fr."))
    name = models.CharField(max_length=40)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order"]

    def __str__(self):
        return self.name


class CapacityBuildingActivityQuerySet(ScopedQuerySet):
    def with_participants(self):
        """Annotate `participants_total` (female + male + other or undisclosed) in the database."""
        return self.annotate(
            participants_total=F("participants_female") + F("participants_male") + F("participants_other")
        )

    def for_list(self):
        """Everything a list row or a serializer shows, loaded in a fixed number of queries."""
        return (
            self.with_participants()
            .select_related("biennium", "objective", "outcome")
            .prefetch_related("languages", "partners", "countries", "regions")
        )

    def in_period(self, start, end):
        """Activities whose dates overlap [start, end]; an activity without an end date lasts a day."""
        return self.filter(start_date__lte=end).filter(
            Q(end_date__gte=start) | Q(end_date__isnull=True, start_date__gte=start)
        )


class CapacityBuildingActivity(models.Model):
    """A capacity-building activity: a webinar, course, internship, contest, training… (seed 004)."""

    kind = models.CharField(_("type"), max_length=30, choices=CapacityBuildingKind.choices)
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"), null=True, blank=True, help_text=_("Empty while it runs."))
    format = models.CharField(_("format"), max_length=20, choices=ActivityFormat.choices)
    languages = models.ManyToManyField(
        Language, related_name="capacity_activities", verbose_name=_("languages")
    )
    partners = models.ManyToManyField(
        Partnership, blank=True, related_name="capacity_activities", verbose_name=_("partners")
    )
    countries = models.ManyToManyField(
        Country, blank=True, related_name="capacity_activities", verbose_name=_("Parties")
    )
    regions = models.ManyToManyField(
        Region, blank=True, related_name="capacity_activities", verbose_name=_("regions")
    )
    participants_female = models.PositiveIntegerField(_("female participants"), default=0)
    participants_male = models.PositiveIntegerField(_("male participants"), default=0)
    participants_other = models.PositiveIntegerField(
        _("other or undisclosed participants"),
        default=0,
        help_text=_("Participants of another gender or whose gender was not recorded."),
    )
    mandate_decision = models.CharField(
        _("mandating decision"), max_length=20, blank=True, help_text=_("E.g. 2/COP.14.")
    )
    mandate_paragraph = models.CharField(
        _("mandating paragraph"), max_length=40, blank=True, help_text=_("E.g. para 1(a).")
    )
    objective = models.ForeignKey(
        Objective,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="capacity_activities",
        verbose_name=_("objective"),
    )
    outcome = models.ForeignKey(
        Outcome,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="capacity_activities",
        verbose_name=_("outcome"),
    )
    biennium = models.ForeignKey(
        Biennium,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="capacity_activities",
        verbose_name=_("biennium"),
    )
    source = models.CharField(
        _("source"), max_length=100, blank=True, help_text=_("Where it is reported, e.g. seed 004 §7.")
    )

    objects = CapacityBuildingActivityQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["-start_date", "title"]
        verbose_name = _("capacity-building activity")
        verbose_name_plural = _("capacity-building activities")
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=F("start_date")),
                name="capacity_activity_end_after_start",
                violation_error_message=_("An activity cannot end before it starts."),
            ),
            models.CheckConstraint(
                condition=Q(participants_female__gte=0, participants_male__gte=0, participants_other__gte=0),
                name="capacity_activity_participants_not_negative",
                violation_error_message=_("Participant numbers cannot be negative."),
            ),
            models.CheckConstraint(
                condition=Q(outcome__isnull=True) | Q(objective__isnull=False),
                name="capacity_activity_outcome_has_objective",
                violation_error_message=_("An activity linked to an outcome is linked to its objective too."),
            ),
            models.UniqueConstraint(
                fields=["title", "start_date"],
                name="capacity_activity_unique_title_start",
                violation_error_message=_("An activity with this title already starts on this date."),
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("workprogramme:capacity_detail", kwargs={"pk": self.pk})

    @property
    def total_participants(self) -> int:
        return self.participants_female + self.participants_male + self.participants_other

    @property
    def female_share(self) -> float | None:
        """Women as a percentage of all participants, one decimal; None when no participant's gender
        was recorded (the same rule as the summary selector)."""
        if self.participants_female + self.participants_male == 0:
            return None
        return round(100 * self.participants_female / self.total_participants, 1)

    @property
    def mandate(self) -> str:
        return " ".join(part for part in (self.mandate_decision, self.mandate_paragraph) if part)
