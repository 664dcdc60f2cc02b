"""Public pages of the regions app: annexes, Parties and the overview of the regional mechanism."""

from django.shortcuts import get_object_or_404, render

from core.history import history_rows
from core.paging import paginate

from ..filtersets import CountryFilterSet
from ..models import Country
from ..selectors import country_mechanism_context, mechanism_overview, regions_with_party_counts


def region_list(request):
    return render(request, "regions/region_list.html", {"regions": regions_with_party_counts()})


def country_list(request):
    filterset = CountryFilterSet(request.GET, queryset=Country.objects.with_geography())
    countries = filterset.qs if filterset.is_valid() else Country.objects.none()
    page = paginate(request, countries, per_page=50)
    return render(request, "regions/country_list.html", {"filterset": filterset, "page": page})


def country_detail(request, iso3):
    country = get_object_or_404(Country.objects.with_geography(), iso3=iso3.upper())
    can_edit = Country.objects.editable_by(request.user).filter(pk=country.pk).exists()
    context = {
        "country": country,
        "can_edit": can_edit,
        # The public page; those who maintain the Party's data see who changed what.
        "history": history_rows(country) if can_edit else None,
        **country_mechanism_context(country, request.user),
    }
    return render(request, "regions/country_detail.html", context)


def mechanism(request):
    """The regional coordination mechanism at a glance, with links to each of its lists."""
    return render(request, "regions/mechanism.html", {"regions": mechanism_overview()})
