"""What each role sees on its home page."""

from datetime import date, timedelta

from django.db.models import Count, Q

from regions.choices import MoUStatus, NominationStatus
from regions.models import Country, MemorandumOfUnderstanding, Nomination
from regions.models.mechanism import MOU_WARNING_DAYS
from reporting.choices import ReportStatus
from reporting.models import Report
from workprogramme.choices import SubmissionState
from workprogramme.models import Submission
from workprogramme.selectors import country_obligations

from .roles import Role


def home_context(user, role: str | None) -> dict:
    """Data for the home page of `user` acting in `role`."""
    if role in (Role.NATIONAL_FOCAL_POINT, Role.STC):
        return {
            "country": Country.objects.with_geography().filter(pk=user.country_id).first(),
            "reporting": country_obligations(user.country_id),
        }
    if role == Role.REGIONAL_COORDINATOR:
        countries = Country.objects.filter(region_id=user.region_id).order_by("name")
        return {"region": user.region, "countries": countries}
    if role in (Role.SECRETARIAT, Role.GM):
        return {
            "party_counts": Country.objects.aggregate(
                total=Count("id"), affected=Count("id", filter=Q(is_affected=True))
            ),
            "work_queue": staff_work_queue(),
        }
    return {}


def staff_work_queue(today: date | None = None) -> dict:
    """What waits on the secretariat and GM: one count per queue, one query per app."""
    today = today or date.today()
    submissions = Submission.objects.aggregate(
        awaiting_review=Count(
            "id", filter=Q(state__in=[SubmissionState.SUBMITTED, SubmissionState.RESUBMITTED])
        ),
        returned=Count("id", filter=Q(state=SubmissionState.RETURNED)),
    )
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
