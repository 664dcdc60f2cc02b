"""Staff who must use two-factor authentication reach nothing else until they enrol."""

from django.conf import settings
from django.contrib import messages
from django.http import JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .two_factor import session_lacks_second_factor

ENROLMENT_MESSAGE = _(
    "Two-factor authentication is required for secretariat and GM accounts: "
    "add an authenticator app or a security key first."
)


class TwoFactorRequiredMiddleware:
    """Under TWO_FACTOR_REQUIRED_FOR_STAFF, a staff session without a second factor is sent to
    the enrolment page; the API answers 403 JSON. Tokens are checked by the token authentication."""

    def __init__(self, get_response):
        self.get_response = get_response
        self._open_paths = None

    def open_paths(self) -> tuple[str, ...]:
        """Where such a session may still go: enrolment, re-authentication, logout, language."""
        if self._open_paths is None:
            self._open_paths = (
                reverse("mfa_index"),
                reverse("account_reauthenticate"),
                reverse("accounts:logout"),
                reverse("accounts:switch_language"),
                "/i18n/",
                f"/{settings.STATIC_URL.lstrip('/')}",
            )
        return self._open_paths

    def __call__(self, request):
        if (
            settings.TWO_FACTOR_REQUIRED_FOR_STAFF
            and request.user.is_authenticated
            and not request.path.startswith(self.open_paths())
            and session_lacks_second_factor(request)
        ):
            if request.path.startswith("/api/"):
                return JsonResponse({"detail": str(ENROLMENT_MESSAGE)}, status=403)
            messages.warning(request, ENROLMENT_MESSAGE)
            return redirect("mfa_activate_totp")
        return self.get_response(request)
