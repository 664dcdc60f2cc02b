"""Celery tasks of the accounts app."""

from celery import shared_task

from .notification_tasks import (
    TRANSIENT_ERRORS,
    send_notification_email,  # noqa: F401  (the worker finds tasks in this module)
)
from .services import user_send_password_link


@shared_task(
    name="accounts.send_password_link",
    autoretry_for=TRANSIENT_ERRORS,
    retry_backoff=True,
    max_retries=5,
    time_limit=60,
    soft_time_limit=45,
)
def send_password_link(user_id: int) -> bool:
    """Mail a new account its password link; does nothing once the account has a password."""
    return user_send_password_link(user_id=user_id)
