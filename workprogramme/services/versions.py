"""The version of a submission: each save bumps it, so that a form opened before refuses to save.

One helper for every path that bumps it (the draft save, evidence, the secretariat's bulk import),
so that each bump is saved like any other change: a history row naming who did it, and when.
"""

from accounts.models import User

from ..models import Submission


def submission_bump_version(*, submission: Submission, user: User | None) -> Submission:
    """One more version of `submission`, a row the caller has locked (`select_for_update`)."""
    submission.version += 1
    submission._history_user = user
    submission.save(update_fields=["version", "updated_at"])
    return submission
