"""Fixed vocabularies of the results frameworks and work programmes."""

from django.db import models
from django.utils.translation import gettext_lazy as _


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


class CapacityBuildingKind(models.TextChoices):
    """Kinds of capacity-building activity reported in seed 004 (ICCD/CRIC(20)/…)."""

    WEBINAR = "webinar", _("Webinar")
    E_LEARNING_COURSE = "e_learning_course", _("E-learning course")
    TRAINING_WORKSHOP = "training_workshop", _("Training workshop")
    INTERNSHIP_PROGRAMME = "internship_programme", _("Internship programme")
    LDC_SIDS_INTERNSHIP = "ldc_sids_internship", _("Special internship for LDCs and SIDS")
    MENTORSHIP = "mentorship", _("Mentorship")
    LECTURE_SERIES = "lecture_series", _("Lecture series")
    ESSAY_CONTEST = "essay_contest", _("Essay contest")
    PROGRAMME_FOR_WOMEN = "programme_for_women", _("Programme for women")
    PROGRAMME_FOR_CHILDREN = "programme_for_children", _("Programme for children")
    MEDIA_TRAINING = "media_training", _("Media training")
    DROUGHT_TOOLKIT_TRAINING = "drought_toolkit_training", _("Drought toolkit training")
    OTHER = "other", _("Other")


class ActivityFormat(models.TextChoices):
    IN_PERSON = "in_person", _("In person")
    ONLINE = "online", _("Online")
    HYBRID = "hybrid", _("Hybrid")


# The six official languages of the United Nations, in the order the UN lists them.
UN_LANGUAGES = [
    ("ar", "Arabic", "阿拉伯文"),
    ("zh", "Chinese", "中文"),
    ("en", "English", "英文"),
    ("fr", "French", "法文"),
    ("ru", "Russian", "俄文"),
    ("es", "Spanish", "西班牙文"),
]
