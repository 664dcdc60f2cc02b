"""Reads of the regions app that several pages share."""

from django.db.models import Count, Prefetch, Q
from django.utils import timezone

from .choices import MoUStatus, OfficeStatus
from .models import (
    CommitteeAnnualReport,
    CommitteeMeeting,
    CommitteeMembership,
    Country,
    FocalPoint,
    FocalPointHandover,
    MemorandumOfUnderstanding,
    Region,
    RegionalCommittee,
    RegionalOffice,
    ThematicProgrammeNetwork,
)


def public_overview() -> dict:
    """Headline counts of Parties for the home page, in one query."""
    return Country.objects.aggregate(
        parties=Count("id"),
        affected=Count("id", filter=Q(is_affected=True)),
        ldc=Count("id", filter=Q(is_ldc=True)),
        sids=Count("id", filter=Q(is_sids=True)),
    )


def regions_with_party_counts():
    return Region.objects.annotate(party_count=Count("countries")).prefetch_related("subregions")


def office_mou_warning(office, mous) -> dict | None:
    """The office page's warning about its memorandum of understanding, or None when all is well.

    `mous` are the office's memoranda, newest first; the current one is the newest signed one.
    """
    signed = [mou for mou in mous if mou.status in (MoUStatus.IN_FORCE, MoUStatus.EXPIRED)]
    if not signed:
        if office.status == OfficeStatus.OPERATING and office.host_institution_id:
            return {"state": "missing", "mou": None}
        return None
    current = signed[0]
    state = current.expiry_state()
    if current.status == MoUStatus.EXPIRED:
        state = "expired"
    if state is None:
        return None
    days = (current.valid_to - timezone.localdate()).days if current.valid_to else None
    return {"state": state, "mou": current, "days": days}


def office_detail_context(office, user) -> dict:
    mous = list(MemorandumOfUnderstanding.objects.filter(office=office).for_list())
    return {
        "mous": mous if user.is_authenticated else [],
        "mou_warning": office_mou_warning(office, mous),
        "committee": RegionalCommittee.objects.filter(region_id=office.region_id).first(),
        "networks": ThematicProgrammeNetwork.objects.filter(region_id=office.region_id).select_related(
            "region"
        ),
    }


def committee_detail_context(committee, user) -> dict:
    memberships = CommitteeMembership.objects.filter(committee=committee).for_list()
    today = timezone.localdate()
    current = [m for m in memberships if m.end_date is None or m.end_date >= today]
    past = [m for m in memberships if m.end_date is not None and m.end_date < today]
    meetings = CommitteeMeeting.objects.visible_to(user).filter(committee=committee).for_list()[:10]
    return {
        "current_members": current,
        "past_members": past,
        "meetings": meetings if user.is_authenticated else [],
        "reports": CommitteeAnnualReport.objects.visible_to(user).filter(committee=committee).for_list(),
    }


def mechanism_overview():
    """Per annex: its offices, committee and number of networks, for the overview page."""
    return Region.objects.prefetch_related(
        Prefetch("offices", queryset=RegionalOffice.objects.select_related("host_institution")),
        "committee",
    ).annotate(network_count=Count("networks", distinct=True), party_count=Count("countries", distinct=True))


def country_mechanism_context(country, user) -> dict:
    """The Party page's mechanism section: its focal points, its region's offices and committee."""
    region_id = country.region_id
    return {
        "focal_points": FocalPoint.objects.visible_to(user).filter(country=country).for_list(),
        "handovers": FocalPointHandover.objects.visible_to(user).filter(country=country).for_list(),
        "can_see_focal_points": user.is_authenticated,
        "offices": RegionalOffice.objects.filter(region_id=region_id).for_list() if region_id else [],
        "committee": RegionalCommittee.objects.filter(region_id=region_id).first() if region_id else None,
        "memberships": CommitteeMembership.objects.filter(country=country).for_list(),
    }
