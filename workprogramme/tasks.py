"""Celery tasks of the workprogramme app: deadline reminders."""

import smtplib

from celery import shared_task
from django.db import transaction
from django.utils import timezone

from .export_tasks import export_observations  # noqa: F401  (the worker finds tasks in this module)
from .services.reminders import country_send_reminder, reminders_due

# Only failures that a later attempt can fix are retried.
TRANSIENT_ERRORS = (smtplib.SMTPServerDisconnected, smtplib.SMTPConnectError, ConnectionError, TimeoutError)


@shared_task(
    name="workprogramme.send_deadline_reminder",
    autoretry_for=TRANSIENT_ERRORS,
    retry_backoff=True,
    retry_backoff_max=600,
    max_retries=5,
    time_limit=60,
    soft_time_limit=45,
)
def send_deadline_reminder(cycle_id: int, country_id: int, kind: str) -> bool:
    """Send one reminder; the service re-reads the rows and does nothing if it was already sent."""
    return country_send_reminder(cycle_id=cycle_id, country_id=country_id, kind=kind)


@shared_task(name="workprogramme.send_deadline_reminders", time_limit=300, soft_time_limit=240)
def send_deadline_reminders() -> int:
    """Daily (beat): enqueue the reminders due today, one task per country and reminder."""
    due = reminders_due(today=timezone.localdate())
    for cycle_id, country_id, kind in due:
        transaction.on_commit(
            lambda cycle_id=cycle_id, country_id=country_id, kind=kind: send_deadline_reminder.delay(
                cycle_id, country_id, kind
            )
        )
    return len(due)
