"""The Celery task that mails notifications (kept apart from tasks.py, which imports the services
that enqueue it: imports go services -> notification_tasks -> notification_mail)."""

import smtplib

from celery import shared_task

from .notification_mail import notification_send_email

TRANSIENT_ERRORS = (smtplib.SMTPServerDisconnected, smtplib.SMTPConnectError, ConnectionError, TimeoutError)


@shared_task(
    name="accounts.send_notification_email",
    autoretry_for=TRANSIENT_ERRORS,
    retry_backoff=True,
    max_retries=5,
    time_limit=60,
    soft_time_limit=45,
)
def send_notification_email(notification_id: int) -> bool:
    """Mail one notification in its recipient's language; does nothing once it was mailed."""
    return notification_send_email(notification_id=notification_id)
