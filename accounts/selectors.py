"""Reads of the accounts app beyond queryset methods: a user's notifications."""

from .choices import NotificationKind
from .models import Notification, NotificationPreference, User


def unread_notification_count(user: User) -> int:
    """The number the header shows beside the inbox link (one query; none for anonymous visitors)."""
    if not user.is_authenticated:
        return 0
    return Notification.objects.visible_to(user).unread().count()


def notification_email_preferences(user: User) -> dict[str, bool]:
    """Whether `user` gets each kind of notification by e-mail (on unless turned off), in the
    order of NotificationKind."""
    stored = dict(NotificationPreference.objects.visible_to(user).values_list("kind", "email"))
    return {kind: stored.get(kind, True) for kind in NotificationKind.values}


def active_users_with_roles(roles, *, country_id: int | None = None, region_id: int | None = None):
    """Active accounts holding any of `roles` (of core.roles.Role), optionally of one country or
    region: whom a notification reaches."""
    users = User.objects.filter(is_active=True, groups__name__in=list(roles))
    if country_id is not None:
        users = users.filter(country_id=country_id)
    if region_id is not None:
        users = users.filter(region_id=region_id)
    return users.distinct().order_by("pk")
