"""Notifications: tell users about events of the higher apps (a report submitted, returned or
validated, a nomination decided), in their inbox and by e-mail in their own language.

The higher apps call `notify()` from their services, inside their transaction: nothing is told
of a write that rolls back, and the e-mails are enqueued on commit.
"""

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from core.scoping import ensure_may_ever, ensure_permitted

from ..choices import NOTIFICATION_MESSAGES, NotificationKind
from ..models import Notification, NotificationPreference, User
from ..notification_tasks import send_notification_email


def notify(
    *,
    recipients: Iterable[User],
    kind: str,
    message: str,
    params: dict,
    link: str = "",
    actor: User | None = None,
) -> list[Notification]:
    """Put a notification in each active recipient's inbox (not the actor's: they did it) and mail
    it to those who did not turn e-mail off for `kind`."""
    if kind not in NotificationKind.values or message not in NOTIFICATION_MESSAGES:
        raise ValueError(f"Unknown notification {kind}/{message}.")
    actor_id = getattr(actor, "pk", None)
    people = {user.pk: user for user in recipients if user.is_active and user.pk != actor_id}
    if not people:
        return []
    now = timezone.now()
    created = Notification.objects.bulk_create(
        Notification(recipient_id=pk, kind=kind, message=message, params=params, link=link, created_at=now)
        for pk in sorted(people)
    )
    muted = set(
        NotificationPreference.objects.filter(user_id__in=people, kind=kind, email=False).values_list(
            "user_id", flat=True
        )
    )
    to_mail = [row.pk for row in created if row.recipient_id not in muted and people[row.recipient_id].email]
    if to_mail:
        for pk in to_mail:
            transaction.on_commit(lambda pk=pk: send_notification_email.delay(pk))
    return created


def notification_mark_read(*, user: User, notification: Notification) -> Notification:
    """Mark one of the user's notifications read (once: a second call changes nothing)."""
    ensure_permitted(user, "mark_read", notification)
    if notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])
    return notification


def notification_mark_all_read(*, user: User) -> int:
    """Mark every unread notification of the user read; answers how many."""
    return Notification.objects.restrict(user, "mark_read").unread().update(read_at=timezone.now())


@transaction.atomic
def notification_preferences_set(*, user: User, email: dict[str, bool]) -> list[NotificationPreference]:
    """Turn e-mail on or off per kind of notification for `user` (kinds left out keep theirs)."""
    unknown = sorted(set(email) - set(NotificationKind.values))
    if unknown:
        raise ValidationError({"email": f"Unknown kinds of notification: {', '.join(unknown)}."})
    ensure_may_ever(user, NotificationPreference, "choose")
    saved = []
    for kind, wanted in email.items():
        preference = NotificationPreference.objects.filter(user=user, kind=kind).first()
        preference = preference or NotificationPreference(user=user, kind=kind)
        if preference.pk is None or preference.email != bool(wanted):
            preference.email = bool(wanted)
            preference.full_clean()
            preference._history_user = user
            preference.save()
        saved.append(preference)
    return saved
