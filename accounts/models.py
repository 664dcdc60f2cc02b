"""Portal users: Django users with a country or region scope."""

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models import Q


class User(AbstractUser):
    """A portal account; groups carry its roles, `country`/`region` its scope."""

    country = models.ForeignKey(
        "regions.Country",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="users",
        help_text="For national focal points and STCs: the country they act for.",
    )
    region = models.ForeignKey(
        "regions.Region",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="users",
        help_text="For regional coordinators: the region they coordinate.",
    )
    preferred_language = models.CharField(max_length=10, blank=True)

    class Meta:
        ordering = ["username"]
        constraints = [
            models.CheckConstraint(
                condition=Q(country__isnull=True) | Q(region__isnull=True),
                name="user_scope_country_or_region",
                violation_error_message="A user is scoped to a country or to a region, not both.",
            )
        ]

    def __str__(self):
        return self.get_full_name() or self.username
