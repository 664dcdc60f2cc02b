"""The header navigation: each app's menu, the user's home page, the administration and API links.

An app adds its pages by defining `navigation.py` with `menu(user)` returning a label and the
(label, url) pairs that user may open; the header shows each app as one drop-down.
"""

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from accounts.selectors import unread_notification_count
from core.roles import Role, primary_role
from core.scoping import may_ever
from regions import navigation as regions_navigation
from reporting import navigation as reporting_navigation
from workprogramme import navigation as workprogramme_navigation

APP_NAVIGATIONS = [regions_navigation, workprogramme_navigation, reporting_navigation]


def menus_for(user) -> list[tuple[str, list[tuple[str, str]]]]:
    """(menu label, [(label, url), …]) per app, leaving out menus with nothing to open."""
    menus = [navigation.menu(user) for navigation in APP_NAVIGATIONS]
    return [(label, entries) for label, entries in menus if entries]


def navigation(request):
    """Context processor: the header's menus and links, and the user's role as the header shows it."""
    user = request.user
    links_after = []
    if may_ever(user, User, "change"):
        links_after.append((_("Administration"), reverse("admin:index")))
    links_after.append((_("API"), reverse("swagger-ui", kwargs={"version": "v1"})))
    return {
        "nav_home": reverse("accounts:home") if user.is_authenticated else None,
        "nav_menus": menus_for(user),
        # Lazy: pages without the header (e-mails, files) never count.
        "nav_unread_notifications": lambda: unread_notification_count(user),
        "nav_links_after": links_after,
        "portal_name": settings.PORTAL_NAME,
        "user_role": primary_role(user) if user.is_authenticated else None,
        "role_labels": dict(Role.choices),
    }
