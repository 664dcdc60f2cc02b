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


class ResponsibleBody(models.TextChoices):
    """Who shares responsibility for a regional function (seed 000 §50-51)."""

    PARTIES = "parties", "Parties"
    SECRETARIAT = "secretariat", "Secretariat"
    GM = "gm", "Global Mechanism"
    REGIONAL_OFFICE = "regional_office", "Regional office"
    REGIONAL_COMMITTEE = "regional_committee", "Regional committee"
    TPN = "tpn", "Thematic programme network"


class WorkProgrammeKind(models.TextChoices):
    JOINT = "joint", "Joint work programme of the secretariat and the GM"
    REGIONAL = "regional", "Regional work programme"


class OutputOwnerKind(models.TextChoices):
    UNIT = "unit", "Secretariat unit"
    GM = "gm", "Global Mechanism"
    REGIONAL_OFFICE = "regional_office", "Regional office"
    REGIONAL_COMMITTEE = "regional_committee", "Regional committee"
    TPN = "tpn", "Thematic programme network"


class OutputStatus(models.TextChoices):
    NOT_STARTED = "not_started", "Not started"
    ON_TRACK = "on_track", "On track"
    DELAYED = "delayed", "Delayed"
    DONE = "done", "Done"
    DROPPED = "dropped", "Dropped"


class TargetLevel(models.TextChoices):
    GLOBAL = "global", "Global"
    REGIONAL = "regional", "Regional"
    COUNTRY = "country", "Country"


class ReportingCycleState(models.TextChoices):
    PLANNED = "planned", "Planned"
    OPEN = "open", "Open"
    CLOSED = "closed", "Closed"


class SubmissionState(models.TextChoices):
    DRAFT = "draft", "Draft"
    SUBMITTED = "submitted", "Submitted"
    RETURNED = "returned", "Returned for correction"
    RESUBMITTED = "resubmitted", "Resubmitted"
    VALIDATED = "validated", "Validated"


# States in which the country may still change its values.
EDITABLE_SUBMISSION_STATES = frozenset({SubmissionState.DRAFT, SubmissionState.RETURNED})
# States in which the country has handed its report in (counts as "submitted" in the overview).
HANDED_IN_STATES = frozenset(
    {
        SubmissionState.SUBMITTED,
        SubmissionState.RETURNED,
        SubmissionState.RESUBMITTED,
        SubmissionState.VALIDATED,
    }
)


class ValueSource(models.TextChoices):
    """Where a value comes from, as PRAIS distinguishes them."""

    NATIONAL = "national", "National data"
    DEFAULT = "default", "Default data (pre-filled by the secretariat)"
    ESTIMATE = "estimate", "Estimate"


class ReminderKind(models.TextChoices):
    DAYS_14 = "before_14", "14 days before the deadline"
    DAYS_3 = "before_3", "3 days before the deadline"
    OVERDUE = "overdue", "The day after the deadline"
