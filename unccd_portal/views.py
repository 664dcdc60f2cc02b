"""Project-level pages: the public home page, health check and error pages."""

from django.http import HttpResponseServerError, JsonResponse
from django.shortcuts import render
from django.template import loader
from django.views import defaults
from django.views.decorators.cache import never_cache

from core.api.exceptions import api_bad_request, api_not_found, api_server_error
from regions.selectors import public_overview
from reporting.selectors import published_reporting_rate

from .health import health_report


def home(request):
    """Public landing page with the portal's reference figures."""
    context = {"overview": public_overview(), "reporting_rate": published_reporting_rate()}
    return render(request, "home.html", context)


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
