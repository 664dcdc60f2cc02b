"""Single sign-on for staff: which portal roles an identity provider's claims map to.

The mapping settings (README, "Sign-in and API access"): `OIDC_GROUPS_CLAIM` names the claim
that lists the person's groups; `OIDC_SECRETARIAT_GROUPS` / `OIDC_GM_GROUPS` are the groups
that make a secretariat or GM member; `OIDC_SECRETARIAT_EMAIL_DOMAINS` / `OIDC_GM_EMAIL_DOMAINS`
do the same by the domain of an e-mail address the provider marks verified.
"""

from urllib.parse import urlsplit

from django.conf import settings

from core.roles import Role

TRUE_VALUES = (True, "true", "True", "1", 1)


def _as_set(value) -> set[str]:
    if value is None:
        return set()
    if isinstance(value, str):
        value = [value]
    return {str(item).strip().lower() for item in value if str(item).strip()}


def claims_of(extra_data: dict) -> dict:
    """The claims allauth kept of a sign-in: the ID token's, completed by userinfo."""
    if "userinfo" in extra_data or "id_token" in extra_data:
        return {**(extra_data.get("id_token") or {}), **(extra_data.get("userinfo") or {})}
    return dict(extra_data)


def staff_roles_for(claims: dict) -> set[str]:
    """The staff roles (secretariat, GM) that the claims map to; empty: not portal staff."""
    groups = _as_set(claims.get(settings.OIDC_GROUPS_CLAIM))
    email = str(claims.get("email") or "").strip().lower()
    domain = email.rpartition("@")[2] if "@" in email and claims.get("email_verified") in TRUE_VALUES else ""
    roles = set()
    for role, role_groups, domains in (
        (Role.SECRETARIAT, settings.OIDC_SECRETARIAT_GROUPS, settings.OIDC_SECRETARIAT_EMAIL_DOMAINS),
        (Role.GM, settings.OIDC_GM_GROUPS, settings.OIDC_GM_EMAIL_DOMAINS),
    ):
        if groups & _as_set(role_groups) or (domain and domain in _as_set(domains)):
            roles.add(role.value)
    return roles


def _apps() -> list[dict]:
    return settings.SOCIALACCOUNT_PROVIDERS.get("openid_connect", {}).get("APPS") or []


def sso_enabled() -> bool:
    return bool(_apps())


def identity_provider_origins() -> list[str]:
    """Where the sign-in form's redirect goes: the content security policy's `form-action` must
    allow it, or the browser stops the redirect to the identity provider."""
    origins = []
    for app in _apps():
        parts = urlsplit(app.get("settings", {}).get("server_url", ""))
        if parts.scheme and parts.netloc:
            origins.append(f"{parts.scheme}://{parts.netloc}")
    return origins
