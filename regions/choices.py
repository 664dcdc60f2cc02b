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


class HostInstitutionKind(models.TextChoices):
    DEVELOPMENT_BANK = "development_bank", "Development bank"
    UN_AGENCY = "un_agency", "United Nations agency"
    INTERGOVERNMENTAL = "intergovernmental", "Intergovernmental organization"
    GOVERNMENT = "government", "Government"
    RESEARCH = "research", "Research or academic institution"
    NGO = "ngo", "Non-governmental organization"


class OfficeStatus(models.TextChoices):
    PROPOSED = "proposed", "Proposed"
    OPERATING = "operating", "Operating"
    CLOSED = "closed", "Closed"


class NetworkStatus(models.TextChoices):
    PROPOSED = "proposed", "Proposed"
    ACTIVE = "active", "Active"
    DORMANT = "dormant", "Dormant"
    CLOSED = "closed", "Closed"


class EvaluationOutcome(models.TextChoices):
    NOT_EVALUATED = "", "Not evaluated"
    EFFECTIVE = "effective", "Effective"
    PARTLY_EFFECTIVE = "partly_effective", "Partly effective"
    NOT_EFFECTIVE = "not_effective", "Not effective"
