"""Fixed vocabularies of the regions app."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class UNRegionalGroup(models.TextChoices):
    """The five UN regional groups, used for staff geography (seed 002 table 8)."""

    AFRICA = "africa", _("Africa")
    ASIA_PACIFIC = "asia_pacific", _("Asia-Pacific")
    LAC = "lac", _("Latin America and the Caribbean")
    CEE = "cee", _("Central and Eastern Europe")
    WEOG = "weog", _("Western European and other States")


class UnitKind(models.TextChoices):
    SECRETARIAT = "secretariat", _("Secretariat unit")
    GLOBAL_MECHANISM = "gm", _("Global Mechanism")


class HostInstitutionKind(models.TextChoices):
    DEVELOPMENT_BANK = "development_bank", _("Development bank")
    UN_AGENCY = "un_agency", _("United Nations agency")
    INTERGOVERNMENTAL = "intergovernmental", _("Intergovernmental organization")
    GOVERNMENT = "government", _("Government")
    RESEARCH = "research", _("Research or academic institution")
    NGO = "ngo", _("Non-governmental organization")


class OfficeStatus(models.TextChoices):
    PROPOSED = "proposed", _("Proposed")
    OPERATING = "operating", _("Operating")
    CLOSED = "closed", _("Closed")


class NetworkStatus(models.TextChoices):
    PROPOSED = "proposed", _("Proposed")
    ACTIVE = "active", _("Active")
    DORMANT = "dormant", _("Dormant")
    CLOSED = "closed", _("Closed")


class EvaluationOutcome(models.TextChoices):
    NOT_EVALUATED = "", _("Not evaluated")
    EFFECTIVE = "effective", _("Effective")
    PARTLY_EFFECTIVE = "partly_effective", _("Partly effective")
    NOT_EFFECTIVE = "not_effective", _("Not effective")


class MoUSignatory(models.TextChoices):
    """Who signs a memorandum of understanding on the Convention's side."""

    SECRETARIAT = "secretariat", _("Secretariat")
    GM = "gm", _("Global Mechanism")
    SECRETARIAT_AND_GM = "secretariat_gm", _("Secretariat and Global Mechanism")


class MoUStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    IN_FORCE = "in_force", _("In force")
    EXPIRED = "expired", _("Expired")
    TERMINATED = "terminated", _("Terminated")


class CommitteeRole(models.TextChoices):
    CHAIR = "chair", _("Chair")
    VICE_CHAIR = "vice_chair", _("Vice-chair")
    RAPPORTEUR = "rapporteur", _("Rapporteur")
    MEMBER = "member", _("Member")


class ReportStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")


class FocalPointRole(models.TextChoices):
    """The two national contacts of seed 003 (annex §2-3)."""

    NFP = "nfp", _("National focal point")
    STC = "stc", _("Science and technology correspondent")


class NominationStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    ACCEPTED = "accepted", _("Accepted")
    REJECTED = "rejected", _("Rejected")


class PartnershipKind(models.TextChoices):
    """Seed 004 §38-42: formal agreements and informal partnerships."""

    FORMAL = "formal", _("Formal agreement")
    INFORMAL = "informal", _("Informal")


class PartnershipScope(models.TextChoices):
    CAPACITY_BUILDING = "capacity_building", _("Capacity building")
    MEDIA = "media", _("Media and journalist training")
    DROUGHT = "drought", _("Drought")
    LDN = "ldn", _("Land degradation neutrality")
    EDUCATION = "education", _("Education and universities")
    YOUTH = "youth", _("Youth and civil society")
