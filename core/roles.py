"""The portal's roles. Each role is a Django group of the same name.

A user's scope (the country of an NFP or STC, the region of a regional coordinator)
is stored on the user itself (`User.country`, `User.region`).
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    SECRETARIAT = "secretariat", _("Secretariat")
    GM = "gm", _("Global Mechanism")
    REGIONAL_COORDINATOR = "regional_coordinator", _("Regional coordinator")
    NATIONAL_FOCAL_POINT = "national_focal_point", _("National focal point")
    STC = "stc", _("Science and technology correspondent")
    API_READER = "api_reader", _("API reader")
    # An API client that reads one Party's data (its country is the account's scope).
    API_PARTY_READER = "api_party_reader", _("API reader (one Party)")


# Roles that manage the portal's data across all countries and regions.
STAFF_ROLES = frozenset({Role.SECRETARIAT, Role.GM})
COUNTRY_ROLES = frozenset({Role.NATIONAL_FOCAL_POINT, Role.STC})
# Read-only roles of API clients' service accounts; they never change rows.
API_READER_ROLES = frozenset({Role.API_READER, Role.API_PARTY_READER})


def roles_of(user) -> frozenset[str]:
    """The user's role names, read once per user object and cached on it."""
    if not user.is_authenticated:
        return frozenset()
    cached = getattr(user, "_portal_roles", None)
    if cached is None:
        cached = frozenset(user.groups.values_list("name", flat=True))
        if user.is_superuser:
            cached |= {Role.SECRETARIAT}
        user._portal_roles = cached
    return cached


def has_role(user, role: str) -> bool:
    return role in roles_of(user)


def is_staff_member(user) -> bool:
    """Secretariat or GM staff, who see and manage everything."""
    return bool(roles_of(user) & STAFF_ROLES)


def primary_role(user) -> str | None:
    """The role that decides the user's home page, most powerful first."""
    for role in Role:
        if role in roles_of(user):
            return role
    return None
