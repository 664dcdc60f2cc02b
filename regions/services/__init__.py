"""Writes of the regions app: every change goes through one of these services."""

from .committees import (
    committee_meeting_create,
    committee_meeting_update,
    committee_membership_create,
    committee_membership_update,
    committee_report_create,
    committee_report_update,
)
from .focal_points import (
    focal_point_create,
    focal_point_update,
    nomination_accept,
    nomination_create,
    nomination_reject,
    nomination_submit,
    nomination_update,
    partnership_create,
    partnership_update,
)
from .mechanism import (
    host_institution_create,
    host_institution_update,
    mou_create,
    mou_update,
    network_create,
    network_update,
    regional_committee_create,
    regional_committee_update,
    regional_office_create,
    regional_office_update,
)
from .reference import regions_load_reference_data

__all__ = [
    "committee_meeting_create",
    "committee_meeting_update",
    "committee_membership_create",
    "committee_membership_update",
    "committee_report_create",
    "committee_report_update",
    "focal_point_create",
    "focal_point_update",
    "host_institution_create",
    "host_institution_update",
    "mou_create",
    "mou_update",
    "network_create",
    "network_update",
    "nomination_accept",
    "nomination_create",
    "nomination_reject",
    "nomination_submit",
    "nomination_update",
    "partnership_create",
    "partnership_update",
    "regional_committee_create",
    "regional_committee_update",
    "regional_office_create",
    "regional_office_update",
    "regions_load_reference_data",
]
