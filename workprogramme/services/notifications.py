"""Who hears of each step of a submission's workflow (accounts.services.notify)."""

from django.urls import reverse

from accounts.choices import NotificationKind
from accounts.models import User
from accounts.selectors import active_users_with_roles
from accounts.services import notify
from core.roles import COUNTRY_ROLES, STAFF_ROLES, Role
from core.translations import in_every_language

from ..choices import SubmissionState
from ..models import Submission

# The kind of notification (what a user turns e-mail on or off for) and the message of each step.
STEPS = {
    SubmissionState.SUBMITTED: (NotificationKind.SUBMISSION_SUBMITTED, "submission_submitted"),
    SubmissionState.RESUBMITTED: (NotificationKind.SUBMISSION_SUBMITTED, "submission_resubmitted"),
    SubmissionState.RETURNED: (NotificationKind.SUBMISSION_RETURNED, "submission_returned"),
    SubmissionState.VALIDATED: (NotificationKind.SUBMISSION_VALIDATED, "submission_validated"),
}


def _recipients(submission: Submission, to_state: str) -> list[User]:
    """A handed-in report: the reviewers (secretariat and GM) and the coordinator of the country's
    region, who follows its Parties' reports; a decision: the country's NFP and STC."""
    country = submission.country
    if to_state in (SubmissionState.SUBMITTED, SubmissionState.RESUBMITTED):
        reviewers = list(active_users_with_roles(STAFF_ROLES))
        if country.region_id is None:
            return reviewers
        coordinators = active_users_with_roles([Role.REGIONAL_COORDINATOR], region_id=country.region_id)
        return reviewers + list(coordinators)
    return list(active_users_with_roles(COUNTRY_ROLES, country_id=country.pk))


def submission_notify_step(*, submission: Submission, to_state: str, actor: User, comment: str = "") -> None:
    """Tell who needs to know that the submission moved to `to_state` (inside the step's transaction)."""
    if to_state not in STEPS:
        return
    kind, message = STEPS[to_state]
    notify(
        recipients=_recipients(submission, to_state),
        kind=kind,
        message=message,
        params={
            "country": in_every_language(submission.country, "name"),
            "cycle": submission.cycle.title,
            "comment": comment,
            "submission": submission.pk,
        },
        link=reverse("workprogramme:submission_detail", args=[submission.pk]),
        actor=actor,
    )
