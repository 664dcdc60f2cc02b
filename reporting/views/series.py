"""The dashboard's national series page (land cover, SDG 15.3.1, drought, exposure by sex): public,
validated data only, filtered by annex and Party with the API's FilterSet."""

from django.shortcuts import render
from django.views.decorators.http import require_safe

from regions.models import Country
from workprogramme.models import ResultObservation
from workprogramme.results import ResultSeriesFilterSet

from ..series import SERIES_CODES, national_series, series_scope


@require_safe
def national_series_page(request):
    """Each series as a chart and a table view, for all Parties, one annex or one Party."""
    filters = ResultSeriesFilterSet(
        request.GET or None, queryset=ResultObservation.objects.visible_to(request.user)
    )
    valid = filters.is_bound is False or filters.is_valid()
    cleaned = filters.form.cleaned_data if filters.is_bound and valid else {}
    scope = series_scope(cleaned)
    context = {
        "filters": filters,
        "valid": valid,
        "scope": scope,
        "chosen_region": scope.region,
        "chosen_country": scope.country.iso3 if scope.country else "",
        "parties": Country.objects.order_by("name").values_list("iso3", "name"),
        "series": national_series(SERIES_CODES, filters.qs, scope=scope) if valid else [],
    }
    return render(request, "reporting/dashboard_series.html", context, status=200 if valid else 400)
