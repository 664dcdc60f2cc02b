"""Fixed vocabularies of the regions app."""

from django.db import models


class UNRegionalGroup(models.TextChoices):
    """The five UN regional groups, used for staff geography (seed 002 table 8)."""

    AFRICA = "africa", "Africa"
    ASIA_PACIFIC = "asia_pacific", "Asia-Pacific"
    LAC = "lac", "Latin America and the Caribbean"
    CEE = "cee", "Central and Eastern Europe"
    WEOG = "weog", "Western European and other States"


class UnitKind(models.TextChoices):
    SECRETARIAT = "secretariat", "Secretariat unit"
    GLOBAL_MECHANISM = "gm", "Global Mechanism"
