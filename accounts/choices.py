from django.db import models
from django.utils.translation import gettext_lazy as _


class APIClientScope(models.TextChoices):
    """What an API client reads: what the API reader role reads, or one Party's data."""

    PUBLISHED = "published", _("Published and validated data")
    PARTY = "party", _("One Party's data")
