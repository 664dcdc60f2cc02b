from django.db import models
from django.utils.translation import gettext_lazy as _


class APIClientScope(models.TextChoices):
    """What an API client reads: what the API reader role reads, or one Party's data."""

    PUBLISHED = "published", _("Published and validated data")
    PARTY = "party", _("One Party's data")


class NotificationKind(models.TextChoices):
    """What a notification is about; each user turns e-mail on or off per kind."""

    SUBMISSION_SUBMITTED = "submission_submitted", _("A national report was submitted")
    SUBMISSION_RETURNED = "submission_returned", _("A national report was returned for correction")
    SUBMISSION_VALIDATED = "submission_validated", _("A national report was validated")
    NOMINATION_DECIDED = "nomination_decided", _("A nomination was decided")


# The text of each notification, by message code: a subject (the inbox's line, the e-mail's subject)
# and a lead sentence, both written in the reader's language when shown or sent, from the
# parameters stored with the notification.
NOTIFICATION_MESSAGES = {
    "submission_submitted": (
        _("%(country)s submitted its report for %(cycle)s"),
        _("%(country)s handed in its report for %(cycle)s; it awaits review."),
    ),
    "submission_resubmitted": (
        _("%(country)s resubmitted its report for %(cycle)s"),
        _("%(country)s handed in its corrected report for %(cycle)s; it awaits review."),
    ),
    "submission_returned": (
        _("%(country)s's report for %(cycle)s was returned for correction"),
        _("The secretariat returned the report for correction: %(comment)s"),
    ),
    "submission_validated": (
        _("%(country)s's report for %(cycle)s was validated"),
        _("The secretariat validated the report; its values now enter the results."),
    ),
    "nomination_accepted": (
        _("The nomination of %(nominee)s (%(role)s, %(country)s) was accepted"),
        _("The secretariat accepted the nomination; the focal point's term starts on %(start)s."),
    ),
    "nomination_rejected": (
        _("The nomination of %(nominee)s (%(role)s, %(country)s) was rejected"),
        _("The secretariat rejected the nomination: %(reason)s"),
    ),
}
