"""The public results dashboard, its CSV downloads and the Party pages (no login needed)."""

from hashlib import sha1

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import get_language
from django.views.decorators.http import condition

from regions.models import Country
from regions.selectors import country_mechanism_context
from workprogramme.selectors import results_data_version

from .. import selectors
from ..rendering.files import table_csv


def _chosen_biennium(request, biennia: list, report):
    """The biennium asked for (404 when it has no results), else the published report's, else the latest."""
    code = request.GET.get("biennium")
    by_code = {biennium.code: biennium for biennium in biennia}
    if code:
        if code not in by_code:
            raise Http404("No validated results for this biennium.")
        return by_code[code]
    if report is not None and report.biennium.code in by_code:
        return by_code[report.biennium.code]
    return biennia[-1] if biennia else None


def _csv_url(name: str, biennium) -> str:
    url = reverse("reporting:dashboard_csv", args=[name])
    return f"{url}?biennium={biennium.code}" if biennium is not None else url


def public_page_etag(request, *args, **kwargs) -> str:
    """A public page changes with the results' data version, the language and who reads it (the
    header and the links a user may follow); never a query."""
    parts = (results_data_version(), get_language(), request.user.pk, request.get_full_path())
    return sha1(repr(parts).encode(), usedforsecurity=False).hexdigest()


@condition(etag_func=public_page_etag)
def dashboard(request):
    """Headline figures of the latest published report and the validated results, with charts;
    computed once per data version (`selectors.dashboard_content`), 304 while it holds."""
    content = selectors.dashboard_content(request.GET.get("biennium"))
    if content is None:
        raise Http404("No validated results for this biennium.")
    biennium = content["biennium"]
    context = {
        **content,
        "data_version": results_data_version(),
        "trends_csv": _csv_url("trends", None),
        "budget_csv": _csv_url("budget", None),
    }
    if biennium is not None:
        context |= {
            "rate_csv": _csv_url("reporting-rate", biennium),
            "indicators_csv": _csv_url("indicators", biennium),
            "parties_csv": _csv_url("parties", biennium),
        }
    return render(request, "reporting/dashboard.html", context)


def dashboard_csv(request, dataset: str):
    """One dashboard dataset as CSV (cells a spreadsheet would run as a formula are neutralised)."""
    if dataset not in selectors.DATASETS:
        raise Http404
    biennia = selectors.biennia_with_results()
    biennium = _chosen_biennium(request, biennia, selectors.latest_published_report(request.user))
    table = selectors.dashboard_dataset(dataset, user=request.user, biennium=biennium)
    if table is None:
        raise Http404("No validated results yet.")
    response = HttpResponse(table_csv(table), content_type="text/csv; charset=utf-8")
    suffix = f"_{biennium.code}" if biennium is not None and dataset not in ("budget", "trends") else ""
    response["Content-Disposition"] = f'attachment; filename="unccd_dashboard_{dataset}{suffix}.csv"'
    return response


def party(request, iso3: str):
    """A Party's page: focal points (as the user may see them), submissions, validated values against
    targets, its region's office and committee, and the capacity building that reached it."""
    country = get_object_or_404(Country.objects.with_geography(), iso3=iso3.upper())
    context = {
        "country": country,
        **country_mechanism_context(country, request.user),
        "submissions": selectors.party_submissions(country, request.user),
        "values": selectors.party_validated_values(country),
        "activities": selectors.party_capacity_activities(country),
    }
    return render(request, "reporting/dashboard_party.html", context)
