"""Fixed vocabularies of finance, staffing and reports."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class GradeCategory(models.TextChoices):
    PROFESSIONAL = "professional", _("Professional and higher categories")
    GENERAL_SERVICE = "general_service", _("General Service")


class BudgetGroup(models.TextChoices):
    """The report's row groups in table 1 (seed 002)."""

    SECRETARIAT = "I", _("I. Secretariat")
    GLOBAL_MECHANISM = "II", _("II. Global Mechanism")


class BudgetHolderKind(models.TextChoices):
    PROGRAMME = "programme", _("Budget programme")
    SUBSIDIARY_BODY = "subsidiary_body", _("Subsidiary body")
    INITIATIVE = "initiative", _("Supplementary initiative")


class Gender(models.TextChoices):
    FEMALE = "female", _("Female")
    MALE = "male", _("Male")


class ReportKind(models.TextChoices):
    BIENNIAL_PERFORMANCE = "biennial_performance", _("Biennial performance report")
    REGIONAL_OFFICE = "regional_office", _("Regional office report")
    COMMITTEE_ANNUAL = "committee_annual", _("Regional committee annual report")


class ReportStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Running")
    COMPLETE = "complete", _("Complete")
    FAILED = "failed", _("Failed")


# The regional-group codes of the posts import file (seed 002 table 8) -> stored values.
IMPORT_REGIONAL_GROUPS = {
    "Africa": "africa",
    "Asia": "asia_pacific",
    "LAC": "lac",
    "CEE": "cee",
    "WEOG": "weog",
}
