"""National focal points, science and technology correspondents and their nominations (seed 003)."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.scoping import ScopedQuerySet
from core.uploads import generated_upload_path

from ..choices import FocalPointRole, NominationStatus
from .geography import Country


class FocalPointQuerySet(ScopedQuerySet):
    """Personal data: staff see all, coordinators their region, NFPs and STCs their country."""

    def active(self):
        return self.filter(end_date__isnull=True)

    def for_list(self):
        return self.select_related("country__region", "user")


class FocalPoint(models.Model):
    """A country's national focal point (NFP) or science and technology correspondent (STC) for a term."""

    country = models.ForeignKey(Country, on_delete=models.PROTECT, related_name="focal_points")
    role = models.CharField(max_length=10, choices=FocalPointRole.choices)
    title = models.CharField(max_length=40, blank=True, help_text=_("e.g. Dr., Ms., Mr."))
    first_name = models.CharField(max_length=100)
    last_name = models.CharField(max_length=100)
    email = models.EmailField()
    phone = models.CharField(max_length=50, blank=True)
    organisation = models.CharField(max_length=250, blank=True, help_text=_("Ministry or institution."))
    position = models.CharField(max_length=200, blank=True)
    languages = models.CharField(
        max_length=200, blank=True, help_text=_("Working languages, e.g. English, French.")
    )
    start_date = models.DateField()
    end_date = models.DateField(null=True, blank=True, help_text=_("Empty while the person is in office."))
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="focal_points",
    )

    objects = FocalPointQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["country__name", "role", "-start_date"]
        constraints = [
            models.UniqueConstraint(
                fields=["country"],
                condition=Q(role=FocalPointRole.NFP, end_date__isnull=True),
                name="focal_point_one_active_nfp_per_country",
                violation_error_message=_("This country already has an active national focal point."),
            ),
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=F("start_date")),
                name="focal_point_end_after_start",
                violation_error_message=_("A focal point's term cannot end before it starts."),
            ),
        ]

    def __str__(self):
        return f"{self.full_name} ({self.get_role_display()}, {self.country})"

    def get_absolute_url(self):
        return reverse("regions:focal_point_detail", kwargs={"pk": self.pk})

    @property
    def full_name(self) -> str:
        return " ".join(part for part in (self.title, self.first_name, self.last_name) if part)

    @property
    def is_active(self) -> bool:
        return self.end_date is None


class NominationQuerySet(ScopedQuerySet):
    """Staff see all, coordinators their region, a country's NFP its own; NFPs edit STC nominations."""

    def for_list(self):
        return self.select_related("country__region", "created_by", "submitted_by", "decided_by")


class Nomination(models.Model):
    """A government's nomination of an NFP, or an NFP's nomination of an STC (seed 003 annex §5)."""

    country = models.ForeignKey(Country, on_delete=models.PROTECT, related_name="nominations")
    role = models.CharField(max_length=10, choices=FocalPointRole.choices)
    title = models.CharField(max_length=40, blank=True)
    first_name = models.CharField(max_length=100)
    last_name = models.CharField(max_length=100)
    email = models.EmailField(help_text=_("The nominee's portal account is found or created from it."))
    phone = models.CharField(max_length=50, blank=True)
    organisation = models.CharField(max_length=250, blank=True)
    position = models.CharField(max_length=200, blank=True)
    languages = models.CharField(max_length=200, blank=True)
    proposed_start = models.DateField(
        null=True, blank=True, help_text=_("Empty: from the day of acceptance.")
    )
    nomination_letter = models.FileField(upload_to=generated_upload_path("regions/nomination-letters"))
    cv = models.FileField(_("CV"), upload_to=generated_upload_path("regions/cvs"), blank=True)
    status = models.CharField(max_length=20, choices=NominationStatus.choices, default=NominationStatus.DRAFT)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    submitted_at = models.DateTimeField(null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    rejection_reason = models.TextField(blank=True)
    focal_point = models.OneToOneField(
        FocalPoint, on_delete=models.SET_NULL, null=True, blank=True, related_name="nomination"
    )

    objects = NominationQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status=NominationStatus.REJECTED) | ~Q(rejection_reason=""),
                name="nomination_rejection_has_reason",
                violation_error_message=_("A rejected nomination records the reason."),
            ),
            models.CheckConstraint(
                condition=Q(status=NominationStatus.DRAFT) | Q(submitted_at__isnull=False),
                name="nomination_submitted_has_date",
                violation_error_message=_("A submitted nomination records when it was submitted."),
            ),
            models.CheckConstraint(
                condition=~Q(status__in=[NominationStatus.ACCEPTED, NominationStatus.REJECTED])
                | Q(decided_at__isnull=False),
                name="nomination_decided_has_date",
                violation_error_message=_("An accepted or rejected nomination records when it was decided."),
            ),
        ]

    def __str__(self):
        return f"{self.get_role_display()} nomination of {self.first_name} {self.last_name} ({self.country})"

    def get_absolute_url(self):
        return reverse("regions:nomination_detail", kwargs={"pk": self.pk})

    @property
    def nominee_name(self) -> str:
        return " ".join(part for part in (self.title, self.first_name, self.last_name) if part)


class FocalPointHandoverQuerySet(ScopedQuerySet):
    """Scoped like focal points: staff see all, coordinators their region, NFPs and STCs their country."""

    def for_list(self):
        return self.select_related("country", "previous", "successor", "recorded_by")


class FocalPointHandover(models.Model):
    """One focal point's term passing to a successor: the predecessor's access ended, logged."""

    country = models.ForeignKey(Country, on_delete=models.PROTECT, related_name="focal_point_handovers")
    role = models.CharField(max_length=10, choices=FocalPointRole.choices)
    previous = models.ForeignKey(FocalPoint, on_delete=models.PROTECT, related_name="handovers_out")
    successor = models.ForeignKey(FocalPoint, on_delete=models.PROTECT, related_name="handovers_in")
    nomination = models.ForeignKey(
        Nomination, on_delete=models.SET_NULL, null=True, blank=True, related_name="handovers"
    )
    handed_over_on = models.DateField(help_text="The first day of the successor's term.")
    recorded_at = models.DateTimeField()
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    access_ended = models.BooleanField(
        default=False,
        help_text="Whether the predecessor's account lost the role, its sessions and its API tokens.",
    )

    objects = FocalPointHandoverQuerySet.as_manager()

    class Meta:
        ordering = ["-handed_over_on", "-recorded_at"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(previous=F("successor")),
                name="focal_point_handover_between_two_terms",
                violation_error_message=_("A handover passes a term from one focal point to another."),
            )
        ]

    def __str__(self):
        names = f"{self.previous.full_name} → {self.successor.full_name}"
        return f"{self.get_role_display()} of {self.country}: {names}"
