"""Who may view and change the regions app's rows (see core.scoping for the convention).

Parties, annexes and the regional mechanism are public; host institutions, MoUs and
partnerships are for logged-in users. The secretariat and the GM edit everything; a
regional coordinator edits their own region's office, committee, meetings, annual reports
and networks. Focal points and nominations hold personal data: staff see all, coordinators
their region, a country's focal points their own country.
"""

from core.roles import Role
from core.scoping import ALL, ANYONE, SIGNED_IN, STAFF, declare, own_country, own_region, where

from .choices import FocalPointRole, ReportStatus


def _region_editors(region_path: str) -> dict:
    return {**STAFF, Role.REGIONAL_COORDINATOR: own_region(region_path)}


PUBLIC = {ANYONE: ALL}
SIGNED_IN_READERS = {SIGNED_IN: ALL}

for label in ("regions.Subregion", "regions.OrganisationalUnit"):
    declare(label, view=PUBLIC, change=STAFF)

declare(
    "regions.Region",
    view=PUBLIC,
    change=STAFF,
    # The regions whose mechanism (office, committee, networks...) a user maintains.
    actions={"coordinate": {**STAFF, Role.REGIONAL_COORDINATOR: own_region("")}},
)

declare(
    "regions.Country",
    view=PUBLIC,
    change=STAFF,
    actions={
        # Whose reporting progress a user follows country by country (cycle pages, submission lists).
        "follow_reporting": _region_editors("region"),
        # Whose validated results a signed-in user reads country by country.
        "read_results": {
            **STAFF,
            Role.API_READER: ALL,
            Role.API_PARTY_READER: own_country(""),
            Role.REGIONAL_COORDINATOR: own_region("region"),
            Role.NATIONAL_FOCAL_POINT: own_country(""),
            Role.STC: own_country(""),
        },
    },
)

declare("regions.HostInstitution", view=SIGNED_IN_READERS, change=STAFF)
declare("regions.MemorandumOfUnderstanding", view=SIGNED_IN_READERS, change=STAFF)
declare("regions.Partnership", view=SIGNED_IN_READERS, change=STAFF)
declare("regions.RegionalOffice", view=PUBLIC, change=_region_editors("region"))
declare("regions.RegionalCommittee", view=PUBLIC, change=_region_editors("region"))
declare("regions.ThematicProgrammeNetwork", view=PUBLIC, change=_region_editors("region"))
declare("regions.CommitteeMembership", view=PUBLIC, change=_region_editors("committee__region"))
declare("regions.CommitteeMeeting", view=SIGNED_IN_READERS, change=_region_editors("committee__region"))
declare(
    "regions.CommitteeAnnualReport",
    view={ANYONE: where(status=ReportStatus.PUBLISHED), **_region_editors("committee__region")},
    change=_region_editors("committee__region"),
)

FOCAL_POINT_READERS = {
    **STAFF,
    Role.REGIONAL_COORDINATOR: own_region("country__region"),
    Role.NATIONAL_FOCAL_POINT: own_country(),
    Role.STC: own_country(),
}
declare("regions.FocalPoint", view=FOCAL_POINT_READERS, change=STAFF)
# The log of focal points' handovers is read like the focal points; accepting a nomination writes it.
declare("regions.FocalPointHandover", view=FOCAL_POINT_READERS, change={Role.SECRETARIAT: ALL})
declare(
    "regions.Nomination",
    view={
        **STAFF,
        Role.REGIONAL_COORDINATOR: own_region("country__region"),
        Role.NATIONAL_FOCAL_POINT: own_country(),
    },
    # A country's NFP nominates its STC (seed 003 annex §5); the secretariat nominates NFPs.
    change={**STAFF, Role.NATIONAL_FOCAL_POINT: own_country() & where(role=FocalPointRole.STC)},
    actions={
        # The secretariat records any nomination; a country's NFP nominates its STC.
        "record": STAFF,
        "nominate_stc": {Role.NATIONAL_FOCAL_POINT: own_country()},
        "decide": {Role.SECRETARIAT: ALL},
    },
)
