"""Login, passwords, the interface language, API tokens, API clients and notifications.

(The per-role home pages are composed in unccd_portal.home.)
"""

from allauth.account.utils import perform_login
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import LoginView, PasswordChangeView, PasswordResetConfirmView
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse, reverse_lazy
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django.views.i18n import set_language

from core.errors import add_service_errors
from core.scoping import may_ever
from core.views import ScopedListView

from .filtersets import APIClientFilterSet, APITokenFilterSet, NotificationFilterSet
from .forms import APIClientForm, APITokenForm, NotificationPreferencesForm, PortalAuthenticationForm
from .models import APIClient, APIToken, Notification
from .selectors import notification_email_preferences
from .services import (
    api_client_create,
    api_client_revoke,
    api_client_rotate,
    notification_mark_all_read,
    notification_mark_read,
    notification_preferences_set,
    token_create,
    token_revoke,
    user_password_changed,
    user_set_preferred_language,
)
from .sessions import session_refresh
from .sso import identity_provider_origins, sso_enabled


class PortalLoginView(LoginView):
    """Username and password (with the axes lockout), then allauth's login stages: the second
    factor of an account that has one. Staff may sign in by SSO instead, anyone with a passkey."""

    template_name = "accounts/login.html"
    authentication_form = PortalAuthenticationForm
    redirect_authenticated_user = True

    def form_valid(self, form):
        return perform_login(self.request, form.get_user(), redirect_url=self.get_success_url())

    def render_to_response(self, context, **kwargs):
        response = super().render_to_response(context, **kwargs)
        if sso_enabled():
            # The single sign-on button posts here, then goes on to the identity provider.
            response._csp_update = {"form-action": identity_provider_origins()}
        return response

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if sso_enabled():
            context["sso_login_url"] = reverse(
                "openid_connect_login", kwargs={"provider_id": settings.OIDC_PROVIDER_ID}
            )
            context["sso_name"] = settings.OIDC_PROVIDER_NAME
        return context


class PortalPasswordChangeView(PasswordChangeView):
    """Change the password; the API tokens issued under the old one are revoked. An account
    that signs in by single sign-on has no local password to change, and gets none."""

    template_name = "accounts/password_change.html"
    success_url = reverse_lazy("accounts:password_change_done")

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and request.user.signs_in_by_sso:
            raise PermissionDenied(_("You sign in through single sign-on: your password is kept there."))
        return super().dispatch(request, *args, **kwargs)

    def form_valid(self, form):
        response = super().form_valid(form)
        if user_password_changed(user=form.user):
            messages.info(self.request, _("Your API tokens were revoked with the old password."))
        return response


class PortalPasswordResetConfirmView(PasswordResetConfirmView):
    """Choose a new password from an e-mailed link; the account's API tokens are revoked."""

    template_name = "accounts/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:password_reset_complete")

    def get_user(self, uidb64):
        """No link sets a local password of an account that signs in by single sign-on."""
        user = super().get_user(uidb64)
        return None if user is None or user.signs_in_by_sso else user

    def form_valid(self, form):
        response = super().form_valid(form)
        user_password_changed(user=form.user)
        return response


@require_POST
def switch_language(request):
    """Switch the interface language (Django's set_language) and remember it for the user."""
    response = set_language(request)
    language = request.POST.get("language", "")
    if request.user.is_authenticated and language in dict(settings.LANGUAGES):
        user_set_preferred_language(user=request.user, language=language)
    return response


@method_decorator(login_required, name="dispatch")
class APITokenListView(ScopedListView):
    """The user's own API tokens: create one (shown once), see when each expires and was last
    used, revoke any."""

    model = APIToken
    filterset_class = APITokenFilterSet
    template_name = "accounts/token_list.html"

    def extra_context(self, request) -> dict:
        return {"form": APITokenForm(initial={"days": settings.API_TOKEN_DAYS}), "can_create": True}

    def post(self, request):
        if "revoke" in request.POST:
            pk = request.POST["revoke"]
            token = get_object_or_404(
                APIToken.objects.visible_to(request.user), pk=pk if pk.isdigit() else None
            )
            token_revoke(user=request.user, token=token)
            messages.success(request, _("The token %(key)s… is revoked.") % {"key": token.token_key})
            return redirect("accounts:tokens")
        form = APITokenForm(request.POST)
        if form.is_valid():
            try:
                _row, token = token_create(user=request.user, **form.cleaned_data)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                return self.render_list(
                    request, status=201, new_token=token, form=APITokenForm(initial=form.initial)
                )
        return self.render_list(request, status=400, form=form)


class APIClientListView(ScopedListView):
    """The API clients (secretariat and GM): the secretariat creates, renews and revokes them."""

    model = APIClient
    filterset_class = APIClientFilterSet
    template_name = "accounts/api_client_list.html"
    page_action = "view"

    def extra_context(self, request) -> dict:
        if not may_ever(request.user, APIClient, "change"):
            return {}
        return {"form": APIClientForm(initial={"days": settings.API_CLIENT_TOKEN_DAYS})}

    def post(self, request):
        form = APIClientForm(request.POST)
        if form.is_valid():
            try:
                client, token = api_client_create(user=request.user, **form.cleaned_data)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                return self.render_list(request, status=201, new_token=token, new_client=client)
        return self.render_list(request, status=400, form=form)


@login_required
@require_POST
def api_client_rotate_view(request, pk):
    """Give a client a new token (the old one stops working); the list shows it once."""
    client = get_object_or_404(APIClient.objects.visible_to(request.user), pk=pk)
    try:
        client, token = api_client_rotate(user=request.user, client=client)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("accounts:api_client_list")
    return APIClientListView().render_list(request, status=201, new_token=token, new_client=client)


@login_required
@require_POST
def api_client_revoke_view(request, pk):
    client = get_object_or_404(APIClient.objects.visible_to(request.user), pk=pk)
    api_client_revoke(user=request.user, client=client)
    messages.success(request, _("The API client %(name)s is revoked.") % {"name": client.name})
    return redirect("accounts:api_client_list")


class NotificationListView(ScopedListView):
    """The user's inbox: newest first, unread ones marked; open one (marks it read) or mark all read.
    Beside it, whether each kind also comes by e-mail."""

    model = Notification
    filterset_class = NotificationFilterSet
    template_name = "accounts/notification_list.html"
    per_page = 25

    def extra_context(self, request) -> dict:
        return {
            "preferences_form": NotificationPreferencesForm(
                initial=notification_email_preferences(request.user)
            )
        }

    def post(self, request):
        if "read_all" in request.POST:
            notification_mark_all_read(user=request.user)
            messages.success(request, _("All your notifications are marked read."))
            return redirect("accounts:notifications")
        if "open" in request.POST:
            pk = request.POST["open"]
            notification = get_object_or_404(
                Notification.objects.visible_to(request.user), pk=pk if pk.isdigit() else None
            )
            notification_mark_read(user=request.user, notification=notification)
            return redirect(notification.link or "accounts:notifications")
        form = NotificationPreferencesForm(request.POST)
        if form.is_valid():
            notification_preferences_set(user=request.user, email=form.cleaned_data)
            messages.success(request, _("Your e-mail preferences are saved."))
            return redirect("accounts:notifications")
        return self.render_list(request, status=400, preferences_form=form)


@require_POST
def session_keep_alive(request):
    """Extend the session (the page's "Stay signed in"); answers the seconds it now has left, or
    401 once it has ended (the page then keeps the user's input in the browser)."""
    if not request.user.is_authenticated:
        return JsonResponse({"detail": _("Your session has ended."), "seconds_left": 0}, status=401)
    session_refresh(request, force=True)
    return JsonResponse({"seconds_left": settings.SESSION_COOKIE_AGE})
