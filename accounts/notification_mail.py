"""Mailing one notification in its recipient's language (run by accounts.notification_tasks)."""

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from .models import Notification


@transaction.atomic
def notification_send_email(*, notification_id: int) -> bool:
    """Mail one notification in its recipient's language; False if it was mailed already (a task
    run twice) or its recipient cannot receive it."""
    notification = (
        Notification.objects.select_for_update(of=("self",))
        .select_related("recipient")
        .filter(pk=notification_id, emailed_at__isnull=True)
        .first()
    )
    if notification is None:
        return False
    recipient = notification.recipient
    if not (recipient.is_active and recipient.email):
        return False
    with translation.override(recipient.preferred_language or settings.LANGUAGE_CODE):
        context = {
            "notification": notification,
            "recipient": recipient,
            "link": settings.PORTAL_BASE_URL.rstrip("/") + notification.link if notification.link else "",
            "inbox": settings.PORTAL_BASE_URL.rstrip("/") + reverse("accounts:notifications"),
        }
        subject = notification.subject
        body = render_to_string("accounts/notification_email.txt", context)
    # Marked first, inside the transaction: if sending fails the mark rolls back and the retry sends it.
    notification.emailed_at = timezone.now()
    notification.save(update_fields=["emailed_at"])
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [recipient.email])
    return True
