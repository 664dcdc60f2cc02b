"""Portal users (Django users with a country or region scope), API clients, API tokens and
notifications."""

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models import Count, Max, Q
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from knox.models import AbstractAuthToken, AuthTokenManager
from knox.settings import CONSTANTS
from simple_history.models import HistoricalRecords

from core.scoping import ScopedQuerySet

from .choices import NOTIFICATION_MESSAGES, APIClientScope, NotificationKind


class User(AbstractUser):
    """A portal account; groups carry its roles, `country`/`region` its scope."""

    country = models.ForeignKey(
        "regions.Country",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="users",
        help_text="For national focal points and STCs: the country they act for.",
    )
    region = models.ForeignKey(
        "regions.Region",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="users",
        help_text="For regional coordinators: the region they coordinate.",
    )
    preferred_language = models.CharField(max_length=10, blank=True)
    session_epoch = models.PositiveIntegerField(
        default=0,
        editable=False,
        help_text="Raised to end every session of the account at once (its access ended).",
    )

    class Meta:
        ordering = ["username"]
        constraints = [
            models.CheckConstraint(
                condition=Q(country__isnull=True) | Q(region__isnull=True),
                name="user_scope_country_or_region",
                violation_error_message=_("A user is scoped to a country or to a region, not both."),
            )
        ]

    def __str__(self):
        return self.get_full_name() or self.username

    # A session stays valid while the hash stored in it matches; Django derives it from the
    # password, so a new password ends the other sessions. The epoch ends them all without one.
    def _with_epoch(self, session_hash: str) -> str:
        if not self.session_epoch:
            return session_hash
        return salted_hmac("accounts.User.session_epoch", f"{session_hash}:{self.session_epoch}").hexdigest()

    @property
    def signs_in_by_sso(self) -> bool:
        """Whether the account is linked to the staff single sign-on: then it has no local
        password (allauth clears it on linking) and no page may give it one."""
        return self.socialaccount_set.exists()

    def get_session_auth_hash(self):
        return self._with_epoch(super().get_session_auth_hash())

    def get_session_auth_fallback_hash(self):
        for session_hash in super().get_session_auth_fallback_hash():
            yield self._with_epoch(session_hash)


class APIClientQuerySet(ScopedQuerySet):
    """API clients: the secretariat and the GM see them all."""

    def active(self):
        return self.filter(revoked_at__isnull=True)

    def for_list(self):
        return (
            self.select_related("account__country", "created_by", "revoked_by")
            .annotate(token_expires_at=Max("tokens__expiry"), token_count=Count("tokens"))
            .order_by("name")  # an aggregating query leaves out Meta.ordering
        )


class APIClient(models.Model):
    """A named program reading the API through its own service account, created by the secretariat."""

    name = models.CharField(max_length=100)
    purpose = models.TextField(blank=True, help_text="Who runs it and what for.")
    scope = models.CharField(max_length=20, choices=APIClientScope.choices)
    account = models.OneToOneField(User, on_delete=models.PROTECT, related_name="api_client")
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    revoked_by = models.ForeignKey(User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")

    objects = APIClientQuerySet.as_manager()
    # Who created, renewed or revoked it; its last use is a counter, kept out of the history.
    history = HistoricalRecords(excluded_fields=["last_used_at"])

    class Meta:
        ordering = ["name"]
        verbose_name = "API client"
        constraints = [
            models.UniqueConstraint(
                Lower("name"),
                name="api_client_unique_name",
                violation_error_message=_("An API client with this name exists already."),
            ),
            models.CheckConstraint(
                condition=Q(revoked_by__isnull=True) | Q(revoked_at__isnull=False),
                name="api_client_revocation_has_date",
                violation_error_message=_("A revoked API client records when it was revoked."),
            ),
        ]

    def __str__(self):
        return self.name

    @property
    def country(self):
        """The Party whose data a Party-scoped client reads (its account's scope)."""
        return self.account.country

    @property
    def is_revoked(self) -> bool:
        return self.revoked_at is not None


class APITokenQuerySet(ScopedQuerySet):
    """API tokens: each user sees their own."""

    def live(self):
        return self.filter(expiry__gt=timezone.now())

    def for_list(self):
        return self.select_related("client")


class APITokenManager(AuthTokenManager.from_queryset(APITokenQuerySet)):
    """knox's manager (`create()` returns the row and the token, which is never stored) with scoping."""


class APIToken(AbstractAuthToken):
    """An API token, stored as a hash: a user's own, or an API client's; it always expires."""

    id = models.BigAutoField(primary_key=True)
    digest = models.CharField(max_length=CONSTANTS.DIGEST_LENGTH, unique=True)
    name = models.CharField(max_length=100, blank=True, help_text="What the token is for.")
    client = models.ForeignKey(
        APIClient, on_delete=models.CASCADE, null=True, blank=True, related_name="tokens"
    )
    last_used_at = models.DateTimeField(null=True, blank=True)

    objects = APITokenManager()

    class Meta:
        ordering = ["-created"]
        verbose_name = "API token"
        constraints = [
            models.CheckConstraint(
                condition=Q(expiry__isnull=False),
                name="api_token_expires",
                violation_error_message=_("Every API token has an expiry date."),
            )
        ]

    def __str__(self):
        return f"{self.token_key}… ({self.user})"

    @property
    def is_expired(self) -> bool:
        return self.expiry is not None and self.expiry <= timezone.now()


class NotificationQuerySet(ScopedQuerySet):
    """Notifications: each user sees their own."""

    def unread(self):
        return self.filter(read_at__isnull=True)

    def for_list(self):
        return self.order_by("-created_at", "-pk")


class Notification(models.Model):
    """One event told to one user: in their inbox, and by e-mail unless they turned its kind off."""

    recipient = models.ForeignKey(User, on_delete=models.CASCADE, related_name="notifications")
    kind = models.CharField(max_length=40, choices=NotificationKind.choices)
    # A key of choices.NOTIFICATION_MESSAGES and its parameters: the text is written in the
    # reader's language each time it is shown or mailed.
    message = models.CharField(max_length=40)
    params = models.JSONField(default=dict, blank=True)
    link = models.CharField(max_length=300, blank=True, help_text="The page the notification is about.")
    created_at = models.DateTimeField(default=timezone.now)
    read_at = models.DateTimeField(null=True, blank=True)
    emailed_at = models.DateTimeField(null=True, blank=True)

    objects = NotificationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["recipient", "read_at"], name="notification_recipient_unread")]
        constraints = [
            models.CheckConstraint(
                condition=Q(message__in=list(NOTIFICATION_MESSAGES)),
                name="notification_known_message",
                violation_error_message="A notification's message is one the portal knows.",
            )
        ]

    def __str__(self):
        return self.subject

    def _text(self, index: int) -> str:
        language = get_language() or settings.LANGUAGE_CODE
        params = _DefaultDict(
            # A name stored in every language ({"en": …, "fr": …}) is read in the active one.
            (
                name,
                value.get(language) or value.get(settings.LANGUAGE_CODE, "")
                if isinstance(value, dict)
                else value,
            )
            for name, value in self.params.items()
        )
        return str(NOTIFICATION_MESSAGES[self.message][index]) % params

    @property
    def subject(self) -> str:
        """The one-line text, in the active language."""
        return self._text(0)

    @property
    def lead(self) -> str:
        """The sentence that follows the subject, in the active language."""
        return self._text(1)

    @property
    def is_read(self) -> bool:
        return self.read_at is not None


class _DefaultDict(dict):
    """Parameters of an older notification may lack a newer placeholder: show a dash instead."""

    def __missing__(self, key):
        return "–"


class NotificationPreference(models.Model):
    """Whether a user receives one kind of notification by e-mail (on unless they turned it off)."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="notification_preferences")
    kind = models.CharField(max_length=40, choices=NotificationKind.choices)
    email = models.BooleanField(default=True)

    objects = ScopedQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["user", "kind"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "kind"],
                name="notification_preference_unique_kind",
                violation_error_message="A user has one preference per kind of notification.",
            )
        ]

    def __str__(self):
        return f"{self.user}: {self.get_kind_display()}"
