"""Root URL configuration: web pages per app, the API under /api/v1/, health check.

The per-role home page is composed here (unccd_portal.home) and mounted in the accounts
namespace, at /accounts/home/ (`accounts:home`), beside login and password pages.
"""

from django.contrib import admin
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from accounts import urls as accounts_urls

from . import home, views

accounts_patterns = [*accounts_urls.urlpatterns, path("home/", home.home, name="home")]

api_v1_patterns = [
    path("", include("accounts.api.urls")),
    path("", include("regions.api.urls")),
    path("", include("workprogramme.api.urls")),
    path("", include("reporting.api.urls")),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", SpectacularSwaggerSplitView.as_view(url_name="schema"), name="swagger-ui"),
]

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("favicon.ico", views.favicon, name="favicon"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("accounts/", include((accounts_patterns, accounts_urls.app_name))),
    path("accounts/", include("accounts.allauth_urls")),
    path("regions/", include("regions.urls")),
    path("results/", include("workprogramme.urls")),
    path("reports/", include("reporting.urls")),
    path("admin/", admin.site.urls),
    path("api/<version>/", include(api_v1_patterns)),
]

# Uploads are never served from /media/: only through the permission-checked document views.
handler400 = "unccd_portal.views.bad_request"
handler404 = "unccd_portal.views.not_found"
handler500 = "unccd_portal.views.server_error"
