from django.contrib.auth import views as auth_views
from django.urls import path, reverse_lazy

from . import views
from .forms import PortalPasswordResetForm

app_name = "accounts"
# The top layer adds "home/" (the per-role home page) to this namespace: see unccd_portal/urls.py.
# allauth's pages (two-factor authentication, single sign-on) are in accounts/allauth_urls.py.

urlpatterns = [
    path("login/", views.PortalLoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("password/", views.PortalPasswordChangeView.as_view(), name="password_change"),
    path(
        "password/done/",
        auth_views.PasswordChangeDoneView.as_view(template_name="accounts/password_change_done.html"),
        name="password_change_done",
    ),
    path(
        "password/reset/",
        auth_views.PasswordResetView.as_view(
            template_name="accounts/password_reset_form.html",
            form_class=PortalPasswordResetForm,
            email_template_name="accounts/password_reset_email.txt",
            subject_template_name="accounts/password_reset_subject.txt",
            success_url=reverse_lazy("accounts:password_reset_done"),
        ),
        name="password_reset",
    ),
    path(
        "password/reset/sent/",
        auth_views.PasswordResetDoneView.as_view(template_name="accounts/password_reset_done.html"),
        name="password_reset_done",
    ),
    path(
        "password/reset/<uidb64>/<token>/",
        views.PortalPasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "password/reset/done/",
        auth_views.PasswordResetCompleteView.as_view(template_name="accounts/password_reset_complete.html"),
        name="password_reset_complete",
    ),
    path("language/", views.switch_language, name="switch_language"),
    path("session/keep-alive/", views.session_keep_alive, name="session_keep_alive"),
    path("tokens/", views.APITokenListView.as_view(), name="tokens"),
    path("notifications/", views.NotificationListView.as_view(), name="notifications"),
    path("api-clients/", views.APIClientListView.as_view(), name="api_client_list"),
    path("api-clients/<int:pk>/rotate/", views.api_client_rotate_view, name="api_client_rotate"),
    path("api-clients/<int:pk>/revoke/", views.api_client_revoke_view, name="api_client_revoke"),
]
