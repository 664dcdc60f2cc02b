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


class MoUSignatory(models.TextChoices):
    """Who signs a memorandum of understanding on the Convention's side."""

    SECRETARIAT = "secretariat", "Secretariat"
    GM = "gm", "Global Mechanism"
    SECRETARIAT_AND_GM = "secretariat_gm", "Secretariat and Global Mechanism"


class MoUStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    IN_FORCE = "in_force", "In force"
    EXPIRED = "expired", "Expired"
    TERMINATED = "terminated", "Terminated"


class CommitteeRole(models.TextChoices):
    CHAIR = "chair", "Chair"
    VICE_CHAIR = "vice_chair", "Vice-chair"
    RAPPORTEUR = "rapporteur", "Rapporteur"
    MEMBER = "member", "Member"


class ReportStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    PUBLISHED = "published", "Published"


class FocalPointRole(models.TextChoices):
    """The two national contacts of seed 003 (annex §2-3)."""

    NFP = "nfp", "National focal point"
    STC = "stc", "Science and technology correspondent"


class NominationStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    SUBMITTED = "submitted", "Submitted"
    ACCEPTED = "accepted", "Accepted"
    REJECTED = "rejected", "Rejected"


class PartnershipKind(models.TextChoices):
    """Seed 004 §38-42: formal agreements and informal partnerships."""

    FORMAL = "formal", "Formal agreement"
    INFORMAL = "informal", "Informal"


class PartnershipScope(models.TextChoices):
    CAPACITY_BUILDING = "capacity_building", "Capacity building"
    MEDIA = "media", "Media and journalist training"
    DROUGHT = "drought", "Drought"
    LDN = "ldn", "Land degradation neutrality"
    EDUCATION = "education", "Education and universities"
    YOUTH = "youth", "Youth and civil society"
