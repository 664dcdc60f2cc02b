"""Project-level pages: the public home page, health check and error pages."""

from django.http import HttpResponseRedirect, HttpResponseServerError, JsonResponse
from django.shortcuts import render
from django.template import loader
from django.templatetags.static import static
from django.utils.cache import patch_cache_control
from django.views import defaults
from django.views.decorators.cache import never_cache

from core.api.exceptions import api_bad_request, api_not_found, api_server_error
from regions.selectors import public_overview

from .health import health_report


def home(request):
    """Public landing page with the portal's reference figures."""
    return render(request, "home.html", {"overview": public_overview()})


def favicon(request):
    """Browsers ask for /favicon.ico whatever the page says: send them to the static file."""
    response = HttpResponseRedirect(static("favicon.ico"))
    patch_cache_control(response, public=True, max_age=24 * 60 * 60)
    return response


@never_cache
def healthz(request):
    """Database and cache checked live, Celery workers from a status at most 10 s old (health.py)."""
    report = health_report()
    return JsonResponse(report, status=503 if report["status"] == "unhealthy" else 200)


def bad_request(request, exception=None):
    if request.path.startswith("/api/"):
        return api_bad_request(request, exception)
    return defaults.bad_request(request, exception)


def not_found(request, exception=None):
    if request.path.startswith("/api/"):
        return api_not_found(request, exception)
    return render(request, "404.html", status=404)


def server_error(request):
    if request.path.startswith("/api/"):
        return api_server_error(request)
    # Rendered without the request's context processors: they may need the database that failed.
    return HttpResponseServerError(loader.get_template("500.html").render())
