"""Reads of the regions app that several pages share."""

from django.db.models import Count, Q

from .models import Country, Region


def public_overview() -> dict:
    """Headline counts of Parties for the home page, in one query."""
    return Country.objects.aggregate(
        parties=Count("id"),
        affected=Count("id", filter=Q(is_affected=True)),
        ldc=Count("id", filter=Q(is_ldc=True)),
        sids=Count("id", filter=Q(is_sids=True)),
    )


def regions_with_party_counts():
    return Region.objects.annotate(party_count=Count("countries")).prefetch_related("subregions")
