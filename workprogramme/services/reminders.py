"""Deadline reminders to countries with open drafts: 14 and 3 days before, and the day after."""

import datetime

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone

from accounts.models import User
from accounts.roles import COUNTRY_ROLES

from ..choices import ReminderKind, ReportingCycleState
from ..models import ReminderSent, Submission

# Days from the deadline (negative: after it) on which each reminder goes out.
REMINDER_OFFSETS = {ReminderKind.DAYS_14: 14, ReminderKind.DAYS_3: 3, ReminderKind.OVERDUE: -1}


def reminders_due(*, today: datetime.date) -> list[tuple[int, str]]:
    """(submission id, reminder kind) pairs due today for open drafts and returned submissions."""
    due = []
    for kind, offset in REMINDER_OFFSETS.items():
        deadline = today + datetime.timedelta(days=offset)
        submissions = (
            Submission.objects.open()
            .filter(cycle__deadline=deadline, cycle__state=ReportingCycleState.OPEN)
            .exclude(
                Exists(
                    ReminderSent.objects.filter(
                        cycle=OuterRef("cycle"), country=OuterRef("country"), kind=kind
                    )
                )
            )
            .values_list("pk", flat=True)
        )
        due.extend((pk, kind) for pk in submissions)
    return due


def _message(submission: Submission, kind: str) -> tuple[str, str]:
    cycle = submission.cycle
    if kind == ReminderKind.OVERDUE:
        subject = f"Overdue: {submission.country}'s report for {cycle.title}"
        lead = f"The deadline of {cycle.deadline:%d %B %Y} has passed and the report is not yet handed in."
    else:
        days = REMINDER_OFFSETS[kind]
        subject = f"Reminder: {submission.country}'s report for {cycle.title} is due in {days} days"
        lead = f"The report is due on {cycle.deadline:%d %B %Y}."
    body = (
        f"Dear focal point,\n\n{lead}\nIts current state: {submission.get_state_display()}.\n\n"
        "Please complete it and submit it through the portal.\n\nUNCCD secretariat"
    )
    return subject, body


@transaction.atomic
def submission_send_reminder(*, submission_id: int, kind: str) -> bool:
    """E-mail the country's focal points once per cycle and kind; False if already sent or closed."""
    submission = (
        Submission.objects.select_for_update().select_related("cycle", "country").get(pk=submission_id)
    )
    if not submission.is_editable_state or submission.cycle.state != ReportingCycleState.OPEN:
        return False
    if ReminderSent.objects.filter(cycle=submission.cycle, country=submission.country, kind=kind).exists():
        return False
    recipients = sorted(
        User.objects.filter(country=submission.country, groups__name__in=COUNTRY_ROLES, is_active=True)
        .exclude(email="")
        .values_list("email", flat=True)
        .distinct()
    )
    try:
        with transaction.atomic():
            ReminderSent.objects.create(
                cycle=submission.cycle,
                country=submission.country,
                kind=kind,
                sent_at=timezone.now(),
                recipients=", ".join(recipients),
            )
    except IntegrityError:
        return False  # another worker recorded it first
    if recipients:
        subject, body = _message(submission, kind)
        # Sent inside the transaction: if sending fails the record rolls back and the retry sends it.
        send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, recipients)
    return True
