"""Models of the regions app: geography, Parties, units and the regional coordination mechanism."""

from .committees import CommitteeAnnualReport, CommitteeMeeting, CommitteeMembership
from .focal_points import FocalPoint, FocalPointHandover, Nomination
from .geography import Country, CountryQuerySet, OrganisationalUnit, Region, Subregion
from .mechanism import (
    MOU_WARNING_DAYS,
    HostInstitution,
    MemorandumOfUnderstanding,
    RegionalCommittee,
    RegionalOffice,
    ThematicProgrammeNetwork,
)
from .partnerships import Partnership

__all__ = [
    "MOU_WARNING_DAYS",
    "CommitteeAnnualReport",
    "CommitteeMeeting",
    "CommitteeMembership",
    "Country",
    "CountryQuerySet",
    "FocalPoint",
    "FocalPointHandover",
    "HostInstitution",
    "MemorandumOfUnderstanding",
    "Nomination",
    "OrganisationalUnit",
    "Partnership",
    "Region",
    "RegionalCommittee",
    "RegionalOffice",
    "Subregion",
    "ThematicProgrammeNetwork",
]
