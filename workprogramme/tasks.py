"""Celery tasks of the workprogramme app: deadline reminders."""

import smtplib

from celery import shared_task
from django.db import transaction
from django.utils import timezone

from .services.reminders import reminders_due, submission_send_reminder

# Only failures that a later attempt can fix are retried.
TRANSIENT_ERRORS = (smtplib.SMTPServerDisconnected, smtplib.SMTPConnectError, ConnectionError, TimeoutError)


@shared_task(
    name="workprogramme.send_submission_reminder",
    autoretry_for=TRANSIENT_ERRORS,
    retry_backoff=True,
    retry_backoff_max=600,
    max_retries=5,
    time_limit=60,
    soft_time_limit=45,
)
def send_submission_reminder(submission_id: int, kind: str) -> bool:
    """Send one reminder; the service re-reads the row and does nothing if it was already sent."""
    return submission_send_reminder(submission_id=submission_id, kind=kind)


@shared_task(name="workprogramme.send_deadline_reminders", time_limit=300, soft_time_limit=240)
def send_deadline_reminders() -> int:
    """Daily (beat): enqueue the reminders due today, one task per country and reminder."""
    due = reminders_due(today=timezone.localdate())
    for submission_id, kind in due:
        transaction.on_commit(
            lambda submission_id=submission_id, kind=kind: send_submission_reminder.delay(submission_id, kind)
        )
    return len(due)
