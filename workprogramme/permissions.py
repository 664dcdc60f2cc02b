"""Who may view and change the workprogramme app's rows (see core.scoping for the convention).

Frameworks, work programmes, targets, cycles and capacity building are public; the
secretariat and the GM maintain them (and load many countries' values into a cycle), a
regional coordinator also the outputs owned by their region's bodies and their region's
regional targets. Submissions: a country's NFP and STC start, see and edit their own, only
the NFP hands in, staff see and review all (and may start any country's), a coordinator
reads their region's, the API reader validated ones only, an API client of one Party
that Party's.
"""

from core.roles import Role
from core.scoping import ALL, ANYONE, SIGNED_IN, STAFF, declare, own_country, own_region, owned_by, where

from .choices import SubmissionState, TargetLevel

PUBLIC = {ANYONE: ALL}

for label in (
    "workprogramme.ResultsFramework",
    "workprogramme.Objective",
    "workprogramme.Outcome",
    "workprogramme.Indicator",
    "workprogramme.Biennium",
    "workprogramme.RegionalFunction",
    "workprogramme.WorkProgramme",
    "workprogramme.ExpectedAccomplishment",
    "workprogramme.PerformanceIndicator",
    "workprogramme.PerformanceData",
    "workprogramme.Language",
    "workprogramme.CapacityBuildingActivity",
):
    declare(label, view=PUBLIC, change=STAFF)

declare(
    "workprogramme.ReportingCycle",
    view=PUBLIC,
    change=STAFF,
    # Who loads many countries' values (e.g. default data) into the cycle's drafts at once.
    actions={"import_values": STAFF},
)

# Default data: which global datasets pre-fill the tables is public; only the secretariat imports.
for label in ("workprogramme.DefaultDataset", "workprogramme.DefaultObservation"):
    declare(label, view=PUBLIC, change={Role.SECRETARIAT: ALL})

declare(
    "workprogramme.Output",
    view=PUBLIC,
    change={
        **STAFF,
        Role.REGIONAL_COORDINATOR: own_region("owner_office__region")
        | own_region("owner_committee__region")
        | own_region("owner_network__region"),
    },
)
declare(
    "workprogramme.Target",
    view=PUBLIC,
    change={
        **STAFF,
        Role.REGIONAL_COORDINATOR: own_region("region") & where(level=TargetLevel.REGIONAL),
    },
)


def _submission_rules(prefix: str = "") -> dict:
    """View, change and workflow rules of a submission, or of a row reached through `prefix`."""
    country = own_country(f"{prefix}country")
    country_editors = {Role.NATIONAL_FOCAL_POINT: country, Role.STC: country}
    return {
        "view": {
            **STAFF,
            **country_editors,
            Role.REGIONAL_COORDINATOR: own_region(f"{prefix}country__region"),
            Role.API_READER: where(**{f"{prefix}state": SubmissionState.VALIDATED}),
            # An API client of one Party reads that Party's submissions in every state.
            Role.API_PARTY_READER: country,
        },
        "change": {**STAFF, **country_editors},
        "actions": {
            "edit": country_editors,
            "hand_in": {Role.NATIONAL_FOCAL_POINT: country},
            "review": STAFF,
            # The review conversation (steps, reviewer comments, rounds) is between the country and the
            # reviewers, read by the region's coordinator: not by API readers or API clients.
            "read_review": {
                **STAFF,
                **country_editors,
                Role.REGIONAL_COORDINATOR: own_region(f"{prefix}country__region"),
            },
        },
    }


declare("workprogramme.Submission", **_submission_rules())
for label in (
    "workprogramme.SubmissionIndicator",
    "workprogramme.Observation",
    "workprogramme.DataSource",
    "workprogramme.SubmissionEvidence",
):
    declare(label, **_submission_rules("submission__"))

# The read model of validated results holds validated data only: public. Only the results
# services write it. Background exports: any signed-in user asks for them and sees their own.
declare("workprogramme.ResultObservation", view=PUBLIC, change={})
declare(
    "workprogramme.ObservationExport",
    view={**STAFF, SIGNED_IN: owned_by("requested_by")},
    change={},
    actions={"request": {SIGNED_IN: ALL}},
)
