"""Project-level pages: the public home page, health check and error pages."""

from urllib.parse import urlsplit

from django.http import HttpResponseRedirect, HttpResponseServerError, JsonResponse
from django.shortcuts import render
from django.template import loader
from django.templatetags.static import static
from django.utils.cache import patch_cache_control
from django.utils.http import url_has_allowed_host_and_scheme
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


# Posted fields never copied into the CSRF failure page: secrets, and the token that failed.
UNSAFE_TO_ECHO = ("password", "csrfmiddlewaretoken", "token", "code", "secret")


def _same_origin(request) -> bool:
    """Whether the failed post came from one of the portal's own pages (its Origin, else its
    Referer): only then are its values offered to send again, never a post made by another site."""
    source = request.META.get("HTTP_ORIGIN") or request.META.get("HTTP_REFERER") or ""
    if not source:
        return False
    parts = urlsplit(source)
    return url_has_allowed_host_and_scheme(
        f"{parts.scheme}://{parts.netloc}/",
        allowed_hosts={request.get_host()},
        require_https=request.is_secure(),
    )


@never_cache
def csrf_failure(request, reason=""):
    """A form sent with an expired security token (a page left open, a session that ended): say so
    in words, and keep what was typed. The values come back in a form with a fresh token, to send
    again as they are; the browser's copy (static/js/session.js) is offered on the form's page too."""
    if request.path.startswith("/api/"):
        return JsonResponse(
            {"detail": "CSRF verification failed: reload the page, or send an API token instead."}, status=403
        )
    fields = []
    if request.user.is_authenticated and _same_origin(request):
        fields = [
            (name, value)
            for name in request.POST
            if not any(word in name.lower() for word in UNSAFE_TO_ECHO)
            for value in request.POST.getlist(name)
        ]
    context = {
        "fields": fields,
        "action": request.get_full_path(),
        "had_files": bool(request.FILES),
        "signed_in": request.user.is_authenticated,
    }
    return render(request, "403_csrf.html", context, status=403)
