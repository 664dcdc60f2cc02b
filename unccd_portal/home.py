"""The home page of each role: what waits on the secretariat and the GM, a coordinator's region,
what a country owes. It composes every app's data, so it lives in the top layer.
"""

from datetime import date, timedelta

from django.contrib.auth.decorators import login_required
from django.db.models import Count, Q
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from core.roles import Role, primary_role
from regions.choices import MoUStatus, NominationStatus
from regions.models import (
    Country,
    MemorandumOfUnderstanding,
    Nomination,
    Region,
    RegionalCommittee,
    RegionalOffice,
    ThematicProgrammeNetwork,
)
from regions.models.mechanism import MOU_WARNING_DAYS
from reporting.choices import ReportStatus
from reporting.models import Report
from workprogramme.choices import ReportingCycleState, SubmissionState
from workprogramme.models import Submission
from workprogramme.selectors import country_obligations

HOME_TEMPLATES = {
    Role.SECRETARIAT: "home/staff.html",
    Role.GM: "home/staff.html",
    Role.REGIONAL_COORDINATOR: "home/coordinator.html",
    Role.NATIONAL_FOCAL_POINT: "home/country.html",
    Role.STC: "home/country.html",
    Role.API_READER: "home/api_reader.html",
}
COUNTRY_ROLE_INTRODUCTIONS = {
    Role.NATIONAL_FOCAL_POINT: _("You are the national focal point of this Party."),
    Role.STC: _("You are the science and technology correspondent of this Party."),
}


@login_required
def home(request):
    """The logged-in user's home page, chosen by their main role."""
    role = primary_role(request.user)
    template = HOME_TEMPLATES.get(role, "home/no_role.html")
    context = {"role_label": Role(role).label if role else "", **home_context(request.user, role)}
    return render(request, template, context)


def home_context(user, role: str | None) -> dict:
    """Data for the home page of `user` acting in `role`."""
    if role in (Role.NATIONAL_FOCAL_POINT, Role.STC):
        return {
            "country": Country.objects.with_geography().filter(pk=user.country_id).first(),
            "reporting": country_obligations(user.country_id),
            "introduction": COUNTRY_ROLE_INTRODUCTIONS[role],
        }
    if role == Role.REGIONAL_COORDINATOR:
        return coordinator_overview(user.region_id)
    if role in (Role.SECRETARIAT, Role.GM):
        return {
            "party_counts": Country.objects.aggregate(
                total=Count("id"), affected=Count("id", filter=Q(is_affected=True))
            ),
            "work_queue": staff_work_queue(user),
        }
    return {}


def staff_work_queue(user, today: date | None = None) -> dict:
    """What waits on the secretariat and GM: one count per queue. Each count is the number of rows of
    the list its card links to (the same queryset: `visible_to(user)` and the list's filter)."""
    today = today or date.today()
    visible = Submission.objects.visible_to(user)
    submissions = {
        "awaiting_review": visible.awaiting_review().count(),
        "returned": visible.filter(state=SubmissionState.RETURNED).count(),
    }
    reports = Report.objects.aggregate(
        in_progress=Count("id", filter=Q(status__in=[ReportStatus.QUEUED, ReportStatus.RUNNING])),
        failed=Count("id", filter=Q(status=ReportStatus.FAILED)),
        unpublished=Count("id", filter=Q(status=ReportStatus.COMPLETE, published=False)),
    )
    return {
        **submissions,
        **reports,
        "nominations_to_decide": Nomination.objects.filter(status=NominationStatus.SUBMITTED).count(),
        "mous_expiring": MemorandumOfUnderstanding.objects.filter(
            status=MoUStatus.IN_FORCE, valid_to__lte=today + timedelta(days=MOU_WARNING_DAYS)
        ).count(),
    }


def coordinator_overview(region_id: int | None) -> dict:
    """A regional coordinator's region: its office, committee, networks and national reports."""
    region = Region.objects.filter(pk=region_id).first()
    if region is None:
        return {"region": None}
    reports_by_state = dict(
        Submission.objects.filter(country__region_id=region_id, cycle__state=ReportingCycleState.OPEN)
        .values_list("state")
        .annotate(count=Count("id"))
    )
    countries = list(Country.objects.filter(region_id=region_id).order_by("name"))
    not_started = len(countries) - sum(reports_by_state.values())
    return {
        "region": region,
        "countries": countries,
        "offices": RegionalOffice.objects.filter(region_id=region_id).select_related("host_institution"),
        "committee": RegionalCommittee.objects.filter(region_id=region_id).first(),
        "network_count": ThematicProgrammeNetwork.objects.filter(region_id=region_id).count(),
        "reports_by_state": [(_("Not started"), not_started)]
        + [(label, reports_by_state.get(state, 0)) for state, label in SubmissionState.choices],
    }
