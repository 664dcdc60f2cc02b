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
