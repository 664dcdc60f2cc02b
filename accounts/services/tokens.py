"""API tokens: issued (shown once, stored hashed), used, revoked; a user's access ended at once."""

from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from core.scoping import ensure_permitted

from ..models import APIClient, APIToken, User

MAX_TOKEN_DAYS = 365
# A token's last use is written at most this often (not on every request).
LAST_USE_RESOLUTION = timedelta(minutes=1)


def token_create(
    *, user: User, name: str = "", days: int | None = None, client: APIClient | None = None
) -> tuple[APIToken, str]:
    """Issue a token to `user` expiring in `days` (the configured default when None).

    Returns the row and the token itself, which is not stored anywhere: show it once.
    """
    if not user.is_active:
        raise ValidationError("An inactive account gets no API token.")
    if days is None:
        days = settings.API_CLIENT_TOKEN_DAYS if client is not None else settings.API_TOKEN_DAYS
    if not 1 <= days <= MAX_TOKEN_DAYS:
        raise ValidationError({"days": f"A token lasts between 1 and {MAX_TOKEN_DAYS} days."})
    APIToken.objects.filter(user=user, expiry__lte=timezone.now()).delete()  # expired: no use keeping
    return APIToken.objects.create(user=user, expiry=timedelta(days=days), name=name.strip(), client=client)


@transaction.atomic
def token_revoke(*, user: User, token: APIToken) -> None:
    """Revoke one token: its owner, or the secretariat, may."""
    ensure_permitted(user, "revoke", token, "You may revoke only your own tokens.")
    token.delete()


def user_revoke_tokens(*, user: User) -> int:
    """Revoke every API token of `user`; returns how many there were."""
    deleted, _ = APIToken.objects.filter(user=user).delete()
    return deleted


def user_end_sessions(*, user: User) -> None:
    """Log `user` out everywhere: every session of theirs stops being valid."""
    User.objects.filter(pk=user.pk).update(session_epoch=F("session_epoch") + 1)
    user.refresh_from_db(fields=["session_epoch"])


@transaction.atomic
def user_end_access(*, user: User) -> int:
    """End every session and revoke every API token of `user` (e.g. their focal-point term ended)."""
    user_end_sessions(user=user)
    return user_revoke_tokens(user=user)


def token_record_use(*, token: APIToken) -> None:
    """Remember when a token (and its API client) was last used, to the minute.

    One conditional UPDATE per request, which writes only when the time kept is older than a
    minute: the same number of queries whether or not it writes.
    """
    now = timezone.now()
    stale = Q(last_used_at__isnull=True) | Q(last_used_at__lt=now - LAST_USE_RESOLUTION)
    APIToken.objects.filter(stale, pk=token.pk).update(last_used_at=now)
    if token.client_id is not None:
        APIClient.objects.filter(stale, pk=token.client_id).update(last_used_at=now)
