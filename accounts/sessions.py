"""How long a signed-in session lasts, and keeping it alive while the user works.

A session ends SESSION_COOKIE_AGE seconds after it was last saved. Saving it on every request
would write the session row each time, so it is refreshed at most every
SESSION_REFRESH_INTERVAL seconds; the time of the last refresh is kept in the session, so that
each page knows when the session ends and its script (static/js/session.js) warns the user
before that and lets them extend it (the keep-alive endpoint refreshes it at once).
"""

import time

from django.conf import settings
from django.utils.translation import gettext_lazy as _

REFRESHED_AT = "portal_session_refreshed_at"


def session_refresh(request, *, force: bool = False) -> None:
    """Restart the session's lifetime (saved at the end of the request) unless it was refreshed
    less than SESSION_REFRESH_INTERVAL seconds ago."""
    now = time.time()
    refreshed = request.session.get(REFRESHED_AT)
    if force or refreshed is None or now - refreshed >= settings.SESSION_REFRESH_INTERVAL:
        request.session[REFRESHED_AT] = now


def session_seconds_left(request) -> int:
    """Seconds until the session of `request` ends if the user does nothing."""
    refreshed = request.session.get(REFRESHED_AT, time.time())
    return max(0, int(refreshed + settings.SESSION_COOKIE_AGE - time.time()))


def session_started(sender, request, user, **kwargs) -> None:
    """At login (receiver of user_logged_in, like Django's own last-login update): the session's
    lifetime starts now; recording it then spares the first page a second write."""
    if request is not None and hasattr(request, "session"):
        request.session[REFRESHED_AT] = time.time()


class SessionRefreshMiddleware:
    """Each request of a signed-in user keeps the session alive (see the module's docstring)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            session_refresh(request)
        return self.get_response(request)


# The words the session script writes ("{}" stands for a time or a number of minutes).
SESSION_LABELS = {
    "warning": _("Your session ends in {} min. Stay signed in to keep your work."),
    "restore": _("This form has input that was not saved ({}). Restore it?"),
    "restore_button": _("Restore"),
    "discard_button": _("Discard"),
    "restored": _("Your unsaved input is restored: check it, then save."),
    "saving": _("Saving…"),
    "saved_at": _("Draft saved at {}"),
    "stale": _(
        "Not saved automatically: someone else saved this report meanwhile. Reload the page to see "
        "their changes; your input is kept in this browser and offered again."
    ),
    "session_ended": _("Not saved: your session has ended. Your input is kept in this browser."),
    "failed": _("Automatic save failed; it will try again."),
}


def session_keeper(request) -> dict:
    """Context processor: what the session script of every signed-in page needs."""
    if not getattr(request, "user", None) or not request.user.is_authenticated:
        return {}
    if not hasattr(request, "session"):  # a page rendered outside a browser session (benchmarks)
        return {}
    return {
        "session_keeper": {
            "seconds_left": session_seconds_left(request),
            "warn_before": settings.SESSION_WARNING_SECONDS,
            "user": request.user.pk,
        },
        "session_labels": SESSION_LABELS,
    }
