"""Models of the workprogramme app: results frameworks, work programmes, targets, submissions,
capacity-building activities."""

from .capacity import CapacityBuildingActivity, CapacityBuildingActivityQuerySet, Language
from .frameworks import Biennium, Indicator, IndicatorQuerySet, Objective, Outcome, ResultsFramework
from .mechanism import RESPONSIBLE_FIELDS, RegionalFunction
from .observations import (
    DataSource,
    DefaultDataset,
    DefaultObservation,
    Dimension,
    DimensionMember,
    IndicatorDimension,
    Observation,
    ObservationQuerySet,
)
from .programmes import (
    ExpectedAccomplishment,
    Output,
    PerformanceData,
    PerformanceIndicator,
    Target,
    WorkProgramme,
)
from .results import ObservationExport, ResultObservation
from .submissions import (
    ReminderSent,
    ReportingCycle,
    ReportingCycleIndicator,
    Submission,
    SubmissionEvidence,
    SubmissionIndicator,
    SubmissionTransition,
)

__all__ = [
    "RESPONSIBLE_FIELDS",
    "Biennium",
    "CapacityBuildingActivity",
    "CapacityBuildingActivityQuerySet",
    "DataSource",
    "DefaultDataset",
    "DefaultObservation",
    "Dimension",
    "DimensionMember",
    "IndicatorDimension",
    "Observation",
    "ObservationExport",
    "ObservationQuerySet",
    "ExpectedAccomplishment",
    "Indicator",
    "IndicatorQuerySet",
    "Language",
    "Objective",
    "Outcome",
    "Output",
    "PerformanceData",
    "PerformanceIndicator",
    "RegionalFunction",
    "ReminderSent",
    "ReportingCycle",
    "ReportingCycleIndicator",
    "ResultObservation",
    "ResultsFramework",
    "Submission",
    "SubmissionEvidence",
    "SubmissionTransition",
    "SubmissionIndicator",
    "Target",
    "WorkProgramme",
]
