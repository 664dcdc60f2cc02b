"""Writes on committee memberships, meetings and annual reports."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from core.services import apply_data, ensure_may_change, save_validated
from core.uploads import check_documents

from ..choices import ReportStatus
from ..models import CommitteeAnnualReport, CommitteeMeeting, CommitteeMembership, RegionalCommittee


def overlapping_terms(queryset, *, start, end, exclude_pk=None):
    """Rows of `queryset` whose [start_date, end_date] term overlaps [start, end] (None = open)."""
    overlapping = queryset.filter(Q(end_date__isnull=True) | Q(end_date__gte=start))
    if end is not None:
        overlapping = overlapping.filter(start_date__lte=end)
    return overlapping.exclude(pk=exclude_pk) if exclude_pk else overlapping


def _check_membership_overlap(membership: CommitteeMembership) -> None:
    """Refuse a second, overlapping term of one country in one committee.

    The committee row is locked first (SELECT … FOR UPDATE on PostgreSQL), so two
    concurrent requests for the same committee check and write one after the other.
    """
    RegionalCommittee.objects.select_for_update().filter(pk=membership.committee_id).first()
    clash = overlapping_terms(
        CommitteeMembership.objects.filter(
            committee_id=membership.committee_id, country_id=membership.country_id
        ),
        start=membership.start_date,
        end=membership.end_date,
        exclude_pk=membership.pk,
    ).first()
    if clash is not None:
        until = clash.end_date.isoformat() if clash.end_date else "open-ended"
        raise ValidationError(
            {
                "start_date": _(
                    "%(country)s already holds a membership of this committee from %(start)s (%(until)s) "
                    "that overlaps this term."
                )
                % {"country": membership.country, "start": clash.start_date.isoformat(), "until": until}
            }
        )


def _save_membership(membership: CommitteeMembership, *, user: User, data: dict) -> CommitteeMembership:
    apply_data(membership, data)
    placed = membership.committee_id and membership.country_id
    if placed and membership.country.region_id != membership.committee.region_id:
        raise ValidationError(
            {
                "country": _("%(country)s is not a Party of %(region)s.")
                % {"country": membership.country, "region": membership.committee.region}
            }
        )
    if placed and membership.start_date:
        if membership.end_date and membership.end_date < membership.start_date:
            raise ValidationError({"end_date": _("A membership cannot end before it starts.")})
        _check_membership_overlap(membership)
    return save_validated(membership, user=user)


@transaction.atomic
def committee_membership_create(*, user: User, data: dict) -> CommitteeMembership:
    membership = CommitteeMembership()
    ensure_may_change(user, membership)
    return _save_membership(membership, user=user, data=data)


@transaction.atomic
def committee_membership_update(
    *, user: User, membership: CommitteeMembership, data: dict
) -> CommitteeMembership:
    ensure_may_change(user, membership)
    return _save_membership(membership, user=user, data=data)


@transaction.atomic
def committee_meeting_create(*, user: User, data: dict) -> CommitteeMeeting:
    meeting = CommitteeMeeting()
    ensure_may_change(user, meeting)
    check_documents(data, "minutes")
    return save_validated(meeting, user=user, data=data)


@transaction.atomic
def committee_meeting_update(*, user: User, meeting: CommitteeMeeting, data: dict) -> CommitteeMeeting:
    ensure_may_change(user, meeting)
    check_documents(data, "minutes")
    return save_validated(meeting, user=user, data=data)


def _stamp_publication(report: CommitteeAnnualReport, *, user: User, data: dict) -> dict:
    """Record who published a report and when, the first time its status becomes published."""
    data = dict(data)
    if data.get("status") == ReportStatus.PUBLISHED and report.status != ReportStatus.PUBLISHED:
        data["published_at"] = timezone.now()
        data["published_by"] = user
        if not (data.get("text") or report.text or data.get("file") or report.file):
            raise ValidationError(_("A report needs its text or a file before it can be published."))
    elif data.get("status") == ReportStatus.DRAFT:
        data["published_at"] = None
        data["published_by"] = None
    return data


@transaction.atomic
def committee_report_create(*, user: User, data: dict) -> CommitteeAnnualReport:
    report = CommitteeAnnualReport()
    ensure_may_change(user, report)
    check_documents(data, "file")
    return save_validated(report, user=user, data=_stamp_publication(report, user=user, data=data))


@transaction.atomic
def committee_report_update(
    *, user: User, report: CommitteeAnnualReport, data: dict
) -> CommitteeAnnualReport:
    ensure_may_change(user, report)
    check_documents(data, "file")
    return save_validated(report, user=user, data=_stamp_publication(report, user=user, data=data))
