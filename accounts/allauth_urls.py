"""django-allauth's pages that the portal uses, under the URL names allauth reverses.

Mounted at /accounts/ without a namespace, after the portal's own `accounts:` pages. The
portal keeps its own login (axes lockout), logout and password pages: the allauth names for
them point at the same addresses. From allauth come two-factor authentication
(/accounts/2fa/: authenticator app, recovery codes, security keys and passkeys),
re-authentication before changing them, and OpenID Connect single sign-on
(/accounts/oidc/<provider>/login/ and its callback).
"""

from allauth.account import views as allauth_views
from allauth.socialaccount import views as social_views
from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.views.generic import RedirectView

from . import views

urlpatterns = [
    path("login/", views.PortalLoginView.as_view(), name="account_login"),
    path("logout/", auth_views.LogoutView.as_view(), name="account_logout"),
    path("password/", views.PortalPasswordChangeView.as_view(), name="account_change_password"),
    path(
        "password/reset/",
        RedirectView.as_view(pattern_name="accounts:password_reset"),
        name="account_reset_password",
    ),
    # Nobody signs up: accounts come from the secretariat, nominations and staff single sign-on.
    path(
        "signup/",
        RedirectView.as_view(pattern_name="accounts:login", query_string=True),
        name="account_signup",
    ),
    path("email/", RedirectView.as_view(pattern_name="mfa_index"), name="account_email"),
    path("reauthenticate/", allauth_views.reauthenticate, name="account_reauthenticate"),
    path("inactive/", allauth_views.account_inactive, name="account_inactive"),
    path("2fa/", include("allauth.mfa.urls")),
    # No page links an identity to a signed-in account (StaffSignOnAdapter refuses it too).
    path("3rdparty/", RedirectView.as_view(pattern_name="mfa_index"), name="socialaccount_connections"),
    path("3rdparty/login/cancelled/", social_views.login_cancelled, name="socialaccount_login_cancelled"),
    path("3rdparty/login/error/", social_views.login_error, name="socialaccount_login_error"),
    path("3rdparty/signup/", social_views.signup, name="socialaccount_signup"),
    path("", include("allauth.socialaccount.providers.openid_connect.urls")),
]
