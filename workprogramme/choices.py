"""Fixed vocabularies of the results frameworks and work programmes."""

from django.db import models


class ObjectiveKind(models.TextChoices):
    OPERATIONAL = "operational", "Operational objective"
    STRATEGIC = "strategic", "Strategic objective"
    REGIONAL = "regional", "Regional operational objective"


class IndicatorValueType(models.TextChoices):
    NUMBER = "number", "Number"
    PERCENTAGE = "percentage", "Percentage"
    YES_NO = "yes_no", "Yes / no"
    TEXT = "text", "Text"


class IndicatorAggregation(models.TextChoices):
    """How country values of an indicator add up across countries."""

    SUM = "sum", "Sum"
    AVERAGE = "average", "Average"
    COUNT_YES = "count_yes", "Count of yes"
    COUNT_REPORTING = "count_reporting", "Count of reporting countries"


class IndicatorReporter(models.TextChoices):
    COUNTRY = "country", "Countries report it"
    SECRETARIAT = "secretariat", "The secretariat reports it"


class BienniumState(models.TextChoices):
    PLANNING = "planning", "Planning"
    RUNNING = "running", "Running"
    CLOSED = "closed", "Closed"
