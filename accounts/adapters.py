"""How django-allauth fits the portal: no self sign-up, staff single sign-on with mapped roles.

allauth runs the login stages (the second factor) after the portal's own login page and after
a single sign-on; these adapters are its extension points.
"""

import time

from allauth.account import app_settings as account_settings
from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.authentication import get_authentication_records
from allauth.core import context
from allauth.core.exceptions import ImmediateHttpResponse
from allauth.socialaccount.adapter import DefaultSocialAccountAdapter
from allauth.socialaccount.providers.base import AuthProcess
from django.conf import settings
from django.shortcuts import render

from .services import user_password_changed, user_set_preferred_language, user_sync_sso_roles
from .sso import claims_of, staff_roles_for

SILENT_MESSAGES = {"account/messages/logged_in.txt"}


class PortalAccountAdapter(DefaultAccountAdapter):
    """Accounts are created by the secretariat, by nominations or by staff single sign-on only."""

    def is_open_for_signup(self, request):
        return False

    def add_message(self, request, level, message_template=None, *args, **kwargs):
        if message_template in SILENT_MESSAGES:
            return
        super().add_message(request, level, message_template, *args, **kwargs)

    def post_login(self, request, user, **kwargs):
        """After every completed login: bring back the user's language, or keep the one chosen
        on the login page."""
        response = super().post_login(request, user, **kwargs)
        chosen_before_login = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
        if user.preferred_language:
            response.set_cookie(settings.LANGUAGE_COOKIE_NAME, user.preferred_language, samesite="Lax")
        elif chosen_before_login in dict(settings.LANGUAGES):
            user_set_preferred_language(user=user, language=chosen_before_login)
        return response

    def is_reauthentication_required(self, *, app, **kwargs):
        """An account without a password or second factor (staff who only sign in by SSO) can
        confirm nothing but by signing in again: a recent single sign-on counts."""
        required = super().is_reauthentication_required(app=app, **kwargs)
        request = context.request
        if not required or request is None or not request.user.is_authenticated:
            return required
        if request.user.has_usable_password():
            return required
        recent = time.time() - account_settings.REAUTHENTICATION_TIMEOUT
        return not any(
            record.get("method") == "socialaccount" and record.get("at", 0) >= recent
            for record in get_authentication_records(request, request.user)
        )


class StaffSignOnAdapter(DefaultSocialAccountAdapter):
    """Single sign-on is for secretariat and GM staff: the identity provider's groups or e-mail
    domain decide the role, at every sign-in; anyone else is refused."""

    def _staff_roles(self, sociallogin) -> set[str]:
        return staff_roles_for(claims_of(sociallogin.account.extra_data))

    def pre_social_login(self, request, sociallogin):
        if sociallogin.state.get("process") == AuthProcess.CONNECT:
            # Linking an identity to the account one is signed in to would give a local account
            # (and its password) a second way in: staff accounts are linked by their verified
            # e-mail address at their first single sign-on, and in no other way.
            raise ImmediateHttpResponse(
                render(request, "accounts/sso_refused.html", {"connect": True}, status=403)
            )
        roles = self._staff_roles(sociallogin)
        already_linked = sociallogin.account.pk is not None
        # An account linked to this identity follows the provider (a role taken away there is
        # taken away here); a local account found by e-mail only gains the mapped roles.
        if sociallogin.is_existing and (roles or already_linked):
            user_sync_sso_roles(user=sociallogin.user, roles=roles)
        if sociallogin.is_existing and roles and not already_linked:
            # allauth clears the local password of an account first reached by its e-mail
            # (someone may have registered it in the owner's name): its API tokens go too.
            user_password_changed(user=sociallogin.user)
        if not roles:
            response = render(request, "accounts/sso_refused.html", status=403)
            raise ImmediateHttpResponse(response)

    def is_open_for_signup(self, request, sociallogin):
        """Only an identity that maps to a staff role gets an account (pre_social_login has
        already refused the others: this is the second lock on the same door)."""
        return bool(self._staff_roles(sociallogin))

    def populate_user(self, request, sociallogin, data):
        user = super().populate_user(request, sociallogin, data)
        user.username = ""  # allauth derives a free username from the name or e-mail address
        return user

    def save_user(self, request, sociallogin, form=None):
        user = super().save_user(request, sociallogin, form)
        return user_sync_sso_roles(user=user, roles=self._staff_roles(sociallogin))
