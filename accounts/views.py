"""Login and the interface language (the per-role home pages are composed in unccd_portal.home)."""

from django.conf import settings
from django.contrib.auth.views import LoginView
from django.views.decorators.http import require_POST
from django.views.i18n import set_language

from .forms import PortalAuthenticationForm
from .services import user_set_preferred_language


class PortalLoginView(LoginView):
    template_name = "accounts/login.html"
    authentication_form = PortalAuthenticationForm
    redirect_authenticated_user = True

    def form_valid(self, form):
        """Log in, then bring back the user's language (or keep the one chosen on the login page)."""
        response = super().form_valid(form)
        user = form.get_user()
        chosen_before_login = self.request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
        if user.preferred_language:
            response.set_cookie(settings.LANGUAGE_COOKIE_NAME, user.preferred_language, samesite="Lax")
        elif chosen_before_login in dict(settings.LANGUAGES):
            user_set_preferred_language(user=user, language=chosen_before_login)
        return response


@require_POST
def switch_language(request):
    """Switch the interface language (Django's set_language) and remember it for the user."""
    response = set_language(request)
    language = request.POST.get("language", "")
    if request.user.is_authenticated and language in dict(settings.LANGUAGES):
        user_set_preferred_language(user=request.user, language=language)
    return response
