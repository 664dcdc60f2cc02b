"""Navigation entries for the base layout, by role."""

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.roles import Role, is_staff_member, primary_role
from unccd_portal.navigation import menus_for


def navigation(request):
    user = request.user
    links_after = []
    if user.is_authenticated and is_staff_member(user):
        links_after.append((_("Administration"), reverse("admin:index")))
    links_after.append((_("API"), reverse("swagger-ui", kwargs={"version": "v1"})))
    return {
        "nav_home": reverse("accounts:home") if user.is_authenticated else None,
        "nav_menus": menus_for(user),
        "nav_links_after": links_after,
        "portal_name": settings.PORTAL_NAME,
        "user_role": primary_role(user) if user.is_authenticated else None,
        "role_labels": dict(Role.choices),
    }
