from rest_framework import viewsets

from regions.filtersets import CountryFilterSet
from regions.models import Country, Region

from .serializers import CountrySerializer, RegionSerializer


class RegionViewSet(viewsets.ReadOnlyModelViewSet):
    """The five regional implementation annexes with their subregions (public)."""

    queryset = Region.objects.prefetch_related("subregions")
    serializer_class = RegionSerializer
    public_read = True
    lookup_field = "code"
    filterset_fields = ["code"]


class CountryViewSet(viewsets.ReadOnlyModelViewSet):
    """The Parties to the Convention (public)."""

    queryset = Country.objects.with_geography()
    serializer_class = CountrySerializer
    filterset_class = CountryFilterSet
    public_read = True
    lookup_field = "iso3"
    ordering_fields = ["name", "iso3"]
