"""API token authentication: django-rest-knox's hashed, expiring tokens (accounts.APIToken)."""

from django.utils.translation import gettext_lazy as _
from knox.auth import TokenAuthentication
from rest_framework.exceptions import AuthenticationFailed

from .services import token_record_use
from .two_factor import token_holder_lacks_second_factor


class ExpiringTokenAuthentication(TokenAuthentication):
    """`Authorization: Token <token>`. knox finds the token by its first characters, compares the
    hash, refuses (and deletes) an expired one and refuses inactive accounts; this records the
    token's last use and refuses staff accounts that lack a required second factor."""

    def validate_user(self, auth_token):
        user, token = super().validate_user(auth_token)
        if token_holder_lacks_second_factor(user):
            raise AuthenticationFailed(
                _("Two-factor authentication is required for this account: enrol in the portal first.")
            )
        token_record_use(token=token)
        return user, token
