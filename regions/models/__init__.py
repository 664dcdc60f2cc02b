"""Models of the regions app: geography, Parties, units and the regional coordination mechanism."""

from .geography import Country, CountryQuerySet, OrganisationalUnit, Region, Subregion
from .mechanism import HostInstitution, RegionalCommittee, RegionalOffice, ThematicProgrammeNetwork

__all__ = [
    "Country",
    "CountryQuerySet",
    "HostInstitution",
    "OrganisationalUnit",
    "Region",
    "RegionalCommittee",
    "RegionalOffice",
    "Subregion",
    "ThematicProgrammeNetwork",
]
