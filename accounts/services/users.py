"""Writes on users and roles: accounts, their roles and scope, passwords, deactivation."""

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.db import models, transaction

from core.roles import COUNTRY_ROLES, STAFF_ROLES, Role

from ..models import User
from .tokens import user_end_access, user_revoke_tokens

# A user's scope: a regions.Country or a regions.Region (accounts sits below regions, so it names
# them through the User's foreign keys and never imports them).
Scope = models.Model
# Roles that need a country: the focal points', and an API client reading one Party's data.
ROLES_WITH_COUNTRY = COUNTRY_ROLES | {Role.API_PARTY_READER}


def roles_ensure_groups() -> None:
    """Create the group of every role (idempotent)."""
    for role in Role:
        Group.objects.get_or_create(name=role.value)


@transaction.atomic
def user_assign_role(
    *, user: User, role: str, country: Scope | None = None, region: Scope | None = None
) -> User:
    """Give `user` a role with the scope it needs, validating that scope."""
    if role not in Role.values:
        raise ValidationError({"role": f"Unknown role '{role}'."})
    if role in ROLES_WITH_COUNTRY and country is None:
        raise ValidationError(
            {"country": "National focal points, STCs and Party API clients need a country."}
        )
    if role == Role.REGIONAL_COORDINATOR and region is None:
        raise ValidationError({"region": "A regional coordinator needs a region."})
    if country is not None and region is not None:
        raise ValidationError("A user is scoped to a country or to a region, not both.")
    if country is not None:
        user.country = country
    if region is not None:
        user.region = region
    user.save(update_fields=["country", "region"])
    group, _ = Group.objects.get_or_create(name=role)
    user.groups.add(group)
    user.__dict__.pop("_portal_roles", None)
    return user


def user_set_preferred_language(*, user: User, language: str) -> User:
    """Remember the interface language a user chose, so it follows them to every device."""
    if language not in dict(settings.LANGUAGES):
        raise ValidationError({"language": f"'{language}' is not one of the portal's languages."})
    user.preferred_language = language
    user.save(update_fields=["preferred_language"])
    return user


@transaction.atomic
def user_create(
    *,
    username: str,
    password: str,
    email: str = "",
    first_name: str = "",
    last_name: str = "",
    role: str | None = None,
    country: Scope | None = None,
    region: Scope | None = None,
) -> User:
    """Create a user, optionally with a role and its scope."""
    if User.objects.filter(username=username).exists():
        raise ValidationError({"username": f"The username '{username}' is taken."})
    user = User.objects.create_user(
        username=username, password=password, email=email, first_name=first_name, last_name=last_name
    )
    if role:
        user_assign_role(user=user, role=role, country=country, region=region)
    return user


@transaction.atomic
def user_revoke_role(*, user: User, role: str) -> User:
    """Take a role away; a user left without any country role also loses the country scope.

    When a focal point's role ends, so does everything they signed in with: every session
    and every API token (a successor's handover must not leave the predecessor's scripts running).
    """
    if role not in Role.values:
        raise ValidationError({"role": f"Unknown role '{role}'."})
    user.groups.remove(*Group.objects.filter(name=role))
    user.__dict__.pop("_portal_roles", None)
    remaining = set(user.groups.values_list("name", flat=True))
    if role in COUNTRY_ROLES and not remaining & COUNTRY_ROLES and user.country_id is not None:
        user.country = None
        user.save(update_fields=["country"])
    if role in COUNTRY_ROLES:
        user_end_access(user=user)
    return user


@transaction.atomic
def user_deactivate(*, user: User) -> User:
    """Close an account: it can no longer sign in, its sessions end and its API tokens are revoked."""
    User.objects.filter(pk=user.pk).update(is_active=False)
    user.is_active = False
    user_end_access(user=user)
    return user


def user_password_changed(*, user: User) -> int:
    """After a new password (changed or reset): revoke the API tokens issued under the old one.

    Django already ends the other sessions (their hash derives from the password).
    """
    return user_revoke_tokens(user=user)


@transaction.atomic
def user_sync_sso_roles(*, user: User, roles: set[str]) -> User:
    """Give an account that signed in by SSO exactly the staff roles its identity provider maps to.

    The identity provider is the source of truth for secretariat and GM membership: a mapped
    role is added, a staff role no longer mapped is taken away (with the administration access
    and the API tokens issued while the account had it).
    """
    unknown = set(roles) - STAFF_ROLES
    if unknown:
        raise ValidationError(f"Single sign-on maps only to staff roles, not {', '.join(sorted(unknown))}.")
    current = set(user.groups.filter(name__in=STAFF_ROLES).values_list("name", flat=True))
    if current - set(roles):
        user.groups.remove(*Group.objects.filter(name__in=current - set(roles)))
        user_revoke_tokens(user=user)
    for role in set(roles) - current:
        user_assign_role(user=user, role=role)
    if user.is_staff != bool(roles):
        user.is_staff = bool(roles)
        user.save(update_fields=["is_staff"])
    user.__dict__.pop("_portal_roles", None)
    return user


def _username_from_email(email: str) -> str:
    base = email.strip().lower()[:140]
    username, suffix = base, 1
    while User.objects.filter(username=username).exists():
        suffix += 1
        username = f"{base}-{suffix}"
    return username


@transaction.atomic
def user_get_or_create_for_email(
    *, email: str, first_name: str = "", last_name: str = ""
) -> tuple[User, bool]:
    """The account with this e-mail address, or a new one named after it (no usable password yet)."""
    email = email.strip()
    if not email:
        raise ValidationError({"email": "An e-mail address is needed to find or create the account."})
    existing = User.objects.filter(email__iexact=email).order_by("pk").first()
    if existing is not None:
        return existing, False
    user = User(username=_username_from_email(email), email=email, first_name=first_name, last_name=last_name)
    user.set_unusable_password()
    user.save()
    return user, True


def user_send_password_link(*, user_id: int) -> bool:
    """Mail a link to choose a password to an active account that has none yet (e.g. a new focal point)."""
    from ..forms import PortalPasswordResetForm

    user = User.objects.filter(pk=user_id, is_active=True).exclude(email="").first()
    if user is None or user.has_usable_password():
        return False
    base = urlsplit(settings.PORTAL_BASE_URL)
    form = PortalPasswordResetForm({"email": user.email})
    form.is_valid()
    form.save(
        domain_override=base.netloc,
        use_https=base.scheme == "https",
        subject_template_name="accounts/password_reset_subject.txt",
        email_template_name="accounts/password_reset_email.txt",
    )
    return True
