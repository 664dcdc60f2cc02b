"""Fixed vocabularies of finance, staffing and reports."""

from django.db import models


class GradeCategory(models.TextChoices):
    PROFESSIONAL = "professional", "Professional and higher categories"
    GENERAL_SERVICE = "general_service", "General Service"


class BudgetGroup(models.TextChoices):
    """The report's row groups in table 1 (seed 002)."""

    SECRETARIAT = "I", "I. Secretariat"
    GLOBAL_MECHANISM = "II", "II. Global Mechanism"


class BudgetHolderKind(models.TextChoices):
    PROGRAMME = "programme", "Budget programme"
    SUBSIDIARY_BODY = "subsidiary_body", "Subsidiary body"
    INITIATIVE = "initiative", "Supplementary initiative"


class Gender(models.TextChoices):
    FEMALE = "female", "Female"
    MALE = "male", "Male"


class ReportKind(models.TextChoices):
    BIENNIAL_PERFORMANCE = "biennial_performance", "Biennial performance report"
    REGIONAL_OFFICE = "regional_office", "Regional office report"
    COMMITTEE_ANNUAL = "committee_annual", "Regional committee annual report"


class ReportStatus(models.TextChoices):
    QUEUED = "queued", "Queued"
    RUNNING = "running", "Running"
    COMPLETE = "complete", "Complete"
    FAILED = "failed", "Failed"


# The regional-group codes of the posts import file (seed 002 table 8) -> stored values.
IMPORT_REGIONAL_GROUPS = {
    "Africa": "africa",
    "Asia": "asia_pacific",
    "LAC": "lac",
    "CEE": "cee",
    "WEOG": "weog",
}
