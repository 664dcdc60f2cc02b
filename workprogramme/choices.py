"""Fixed vocabularies of the results frameworks and work programmes."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ObjectiveKind(models.TextChoices):
    OPERATIONAL = "operational", _("Operational objective")
    STRATEGIC = "strategic", _("Strategic objective")
    REGIONAL = "regional", _("Regional operational objective")


class IndicatorValueType(models.TextChoices):
    NUMBER = "number", _("Number")
    PERCENTAGE = "percentage", _("Percentage")
    YES_NO = "yes_no", _("Yes / no")
    TEXT = "text", _("Text")


class IndicatorAggregation(models.TextChoices):
    """How country values of an indicator add up across countries."""

    SUM = "sum", _("Sum")
    AVERAGE = "average", _("Average")
    COUNT_YES = "count_yes", _("Count of yes")
    COUNT_REPORTING = "count_reporting", _("Count of reporting countries")


class IndicatorReporter(models.TextChoices):
    COUNTRY = "country", _("Countries report it")
    SECRETARIAT = "secretariat", _("The secretariat reports it")


class BienniumState(models.TextChoices):
    PLANNING = "planning", _("Planning")
    RUNNING = "running", _("Running")
    CLOSED = "closed", _("Closed")


class ResponsibleBody(models.TextChoices):
    """Who shares responsibility for a regional function (seed 000 §50-51)."""

    PARTIES = "parties", _("Parties")
    SECRETARIAT = "secretariat", _("Secretariat")
    GM = "gm", _("Global Mechanism")
    REGIONAL_OFFICE = "regional_office", _("Regional office")
    REGIONAL_COMMITTEE = "regional_committee", _("Regional committee")
    TPN = "tpn", _("Thematic programme network")


class WorkProgrammeKind(models.TextChoices):
    JOINT = "joint", _("Joint work programme of the secretariat and the GM")
    REGIONAL = "regional", _("Regional work programme")


class OutputOwnerKind(models.TextChoices):
    UNIT = "unit", _("Secretariat unit")
    GM = "gm", _("Global Mechanism")
    REGIONAL_OFFICE = "regional_office", _("Regional office")
    REGIONAL_COMMITTEE = "regional_committee", _("Regional committee")
    TPN = "tpn", _("Thematic programme network")


class OutputStatus(models.TextChoices):
    NOT_STARTED = "not_started", _("Not started")
    ON_TRACK = "on_track", _("On track")
    DELAYED = "delayed", _("Delayed")
    DONE = "done", _("Done")
    DROPPED = "dropped", _("Dropped")


class TargetLevel(models.TextChoices):
    GLOBAL = "global", _("Global")
    REGIONAL = "regional", _("Regional")
    COUNTRY = "country", _("Country")


class ReportingCycleState(models.TextChoices):
    PLANNED = "planned", _("Planned")
    OPEN = "open", _("Open")
    CLOSED = "closed", _("Closed")


class SubmissionState(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    RETURNED = "returned", _("Returned for correction")
    RESUBMITTED = "resubmitted", _("Resubmitted")
    VALIDATED = "validated", _("Validated")


# States in which the country may still change its values.
EDITABLE_SUBMISSION_STATES = frozenset({SubmissionState.DRAFT, SubmissionState.RETURNED})
# States in which a submission waits on a reviewer (the first hand-in and every resubmission).
AWAITING_REVIEW_STATES = frozenset({SubmissionState.SUBMITTED, SubmissionState.RESUBMITTED})
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

    NATIONAL = "national", _("National data")
    DEFAULT = "default", _("Default data (pre-filled by the secretariat)")
    ESTIMATE = "estimate", _("Estimate")


class ReminderKind(models.TextChoices):
    DAYS_14 = "before_14", _("14 days before the deadline")
    DAYS_3 = "before_3", _("3 days before the deadline")
    OVERDUE = "overdue", _("The day after the deadline")


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
