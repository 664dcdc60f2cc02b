"""Who must sign in with a second factor, and whether a session or a token holder did.

With `TWO_FACTOR_REQUIRED_FOR_STAFF` on (production), secretariat and GM accounts need an
authenticator app or a security key (allauth.mfa); a single sign-on counts as the second
factor only when `SSO_COUNTS_AS_TWO_FACTOR` says the identity provider enforces its own.
allauth's login stages ask every account that has a second factor for it, staff or not.
"""

from allauth.account.authentication import get_authentication_records
from allauth.mfa.models import Authenticator
from allauth.mfa.utils import is_mfa_enabled
from django.conf import settings

from core.roles import is_staff_member

SECOND_FACTORS = [Authenticator.Type.TOTP, Authenticator.Type.WEBAUTHN]


def two_factor_required(user) -> bool:
    return bool(settings.TWO_FACTOR_REQUIRED_FOR_STAFF) and is_staff_member(user)


def has_second_factor(user) -> bool:
    return is_mfa_enabled(user, SECOND_FACTORS)


def signed_in_by_sso(request, user) -> bool:
    return any(
        record.get("method") == "socialaccount" for record in get_authentication_records(request, user)
    )


def session_lacks_second_factor(request) -> bool:
    """A signed-in staff session that must enrol a second factor before anything else."""
    user = request.user
    if not two_factor_required(user) or has_second_factor(user):
        return False
    return not (settings.SSO_COUNTS_AS_TWO_FACTOR and signed_in_by_sso(request, user))


def token_holder_lacks_second_factor(user) -> bool:
    """A staff account using an API token without the second factor it is required to have."""
    if not two_factor_required(user) or has_second_factor(user):
        return False
    return not (settings.SSO_COUNTS_AS_TWO_FACTOR and user.socialaccount_set.exists())
