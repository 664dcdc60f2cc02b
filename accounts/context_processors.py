"""Navigation entries for the base layout, by role."""

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from unccd_portal.navigation import items_for

from .roles import Role, is_staff_member, primary_role


def navigation(request):
    user = request.user
    items = items_for(user)
    if user.is_authenticated:
        items.insert(0, (_("My home"), reverse("accounts:home")))
        if is_staff_member(user):
            items.append((_("Administration"), reverse("admin:index")))
    items.append((_("API"), reverse("swagger-ui", kwargs={"version": "v1"})))
    return {
        "nav_items": items,
        "portal_name": settings.PORTAL_NAME,
        "user_role": primary_role(user) if user.is_authenticated else None,
        "role_labels": dict(Role.choices),
    }
