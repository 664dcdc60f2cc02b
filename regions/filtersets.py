"""Filters shared by the HTML list pages and the API list endpoints."""

import django_filters
from django.db.models import Q

from unccd_portal.filters import PortalFilterSet, StrictBooleanFilter

from .choices import UNRegionalGroup
from .models import Country, Region


class CountryFilterSet(PortalFilterSet):
    """Parties by annex, UN group, flags and free-text search."""

    region = django_filters.ModelChoiceFilter(
        field_name="region", to_field_name="code", queryset=Region.objects.all(), label="Annex"
    )
    un_group = django_filters.ChoiceFilter(choices=UNRegionalGroup.choices, label="UN regional group")
    affected = StrictBooleanFilter(field_name="is_affected")
    developed = StrictBooleanFilter(field_name="is_developed")
    ldc = StrictBooleanFilter(field_name="is_ldc", label="LDC")
    sids = StrictBooleanFilter(field_name="is_sids", label="SIDS")
    search = django_filters.CharFilter(method="filter_search", label="Search")

    class Meta:
        model = Country
        fields = ["region", "un_group", "affected", "developed", "ldc", "sids", "search"]

    def filter_search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(
            Q(name__icontains=value)
            | Q(name_en__icontains=value)
            | Q(name_zh_hans__icontains=value)
            | Q(iso3__iexact=value)
            | Q(iso2__iexact=value)
        )
