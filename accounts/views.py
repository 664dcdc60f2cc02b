"""Login and the per-role home page."""

from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import LoginView
from django.shortcuts import render

from .forms import PortalAuthenticationForm
from .roles import Role, primary_role
from .selectors import home_context

HOME_TEMPLATES = {
    Role.SECRETARIAT: "accounts/home_staff.html",
    Role.GM: "accounts/home_staff.html",
    Role.REGIONAL_COORDINATOR: "accounts/home_coordinator.html",
    Role.NATIONAL_FOCAL_POINT: "accounts/home_country.html",
    Role.STC: "accounts/home_country.html",
    Role.API_READER: "accounts/home_api_reader.html",
}


class PortalLoginView(LoginView):
    template_name = "accounts/login.html"
    authentication_form = PortalAuthenticationForm
    redirect_authenticated_user = True


@login_required
def home(request):
    """The logged-in user's home page, chosen by their main role."""
    role = primary_role(request.user)
    template = HOME_TEMPLATES.get(role, "accounts/home_no_role.html")
    context = {"role": role, **home_context(request.user, role)}
    return render(request, template, context)
