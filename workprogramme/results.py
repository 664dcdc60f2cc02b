"""Reads of the results read model (`ResultObservation`): its filters and the API's row shape.

One FilterSet serves the observations endpoint, its streamed exports and the background
exports. Besides its named filters, every dimension is a filter under its code in capitals,
as in SDMX (`?LAND_COVER=TREE&SEX=F`); lowercase names are the API's own. Country and
dimension codes are read from a short-lived cache, so that a page stays one query.
"""

import django_filters
from django import forms
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db.models import Exists, OuterRef
from django.db.models.fields.json import KeyTextTransform
from django.db.models.lookups import Exact

from regions.models import Country, Region

from .choices import ValueSource
from .models import Dimension, IndicatorDimension, ResultObservation

CODE_CACHE_SECONDS = 300
_COUNTRY_CODES_KEY = "workprogramme:results:country-codes:v1"
_DIMENSION_CODES_KEY = "workprogramme:results:dimension-codes:v1"


def _load_country_codes() -> dict[str, str]:
    codes = {}
    for iso3, iso2, m49 in Country.objects.values_list("iso3", "iso2", "m49"):
        codes[iso3.upper()] = iso3
        codes[iso2.upper()] = iso3
        if m49:
            codes[m49] = iso3
    cache.set(_COUNTRY_CODES_KEY, codes, CODE_CACHE_SECONDS)
    return codes


def country_iso3(code: str) -> str | None:
    """The ISO3 code of the Party named by its ISO3, ISO2 or M49 code (404 or 4 for 004), or None."""
    text = code.strip().upper()
    if text.isdigit():
        text = text.zfill(3)
    codes = cache.get(_COUNTRY_CODES_KEY)
    if codes is None or text not in codes:
        codes = _load_country_codes()  # a Party added since the cache was filled
    return codes.get(text)


def dimension_codes(wanted=()) -> frozenset[str]:
    """The codes of every dimension; read again if one of `wanted` is not among the cached ones."""
    codes = cache.get(_DIMENSION_CODES_KEY)
    if codes is None or not set(wanted) <= codes:
        codes = frozenset(Dimension.objects.values_list("code", flat=True))
        cache.set(_DIMENSION_CODES_KEY, codes, CODE_CACHE_SECONDS)
    return codes


class CountryCodeField(forms.CharField):
    """A Party given by ISO 3166 alpha-3, alpha-2 or UN M49 code, cleaned to its ISO3 code."""

    def clean(self, value):
        value = super().clean(value)
        if not value:
            return value
        iso3 = country_iso3(value)
        if iso3 is None:
            raise ValidationError(
                "Unknown country '%(code)s': give an ISO 3166 alpha-3 (KEN), alpha-2 (KE) "
                "or UN M49 (404) code.",
                code="unknown_country",
                params={"code": value},
            )
        return iso3


class CountryCodeFilter(django_filters.CharFilter):
    field_class = CountryCodeField


class ResultObservationFilterSet(django_filters.FilterSet):
    """The named filters of the observations API; dimension filters are added by `filter_observations`."""

    indicator = django_filters.CharFilter(field_name="indicator_code", help_text="Indicator code.")
    country = CountryCodeFilter(
        field_name="country_iso3", help_text="Party: ISO 3166 alpha-3 (KEN), alpha-2 (KE) or UN M49 (404)."
    )
    time_period = django_filters.CharFilter(help_text="ISO 8601 year or period: 2019, 2016/2019.")
    cycle = django_filters.CharFilter(field_name="cycle_code", help_text="Reporting cycle code.")
    source = django_filters.ChoiceFilter(choices=ValueSource.choices, help_text="national/default/estimate")

    class Meta:
        model = ResultObservation
        fields = []


class ResultSeriesFilterSet(django_filters.FilterSet):
    """The filters of the dashboard's national series (page and API): an annex and a Party."""

    region = django_filters.ModelChoiceFilter(
        queryset=Region.objects.all(),
        to_field_name="code",
        method="filter_region",
        help_text="Regional implementation annex: I, II, III, IV or V.",
    )
    country = CountryCodeFilter(
        field_name="country_iso3", help_text="Party: ISO 3166 alpha-3 (KEN), alpha-2 (KE) or UN M49 (404)."
    )

    class Meta:
        model = ResultObservation
        fields = []

    def filter_region(self, queryset, name, value):
        return queryset.filter(region_code=value.code)


def filter_observations(queryset, parameters, *, control=frozenset()):
    """`queryset` filtered by the query `parameters` (the names in `control` are not filters).

    Raises ValidationError naming every unknown parameter and every bad value.
    """
    names = set(parameters) - set(control)
    named = set(ResultObservationFilterSet.base_filters)
    candidates = sorted(names - named)
    dimensions = dimension_codes(candidates) if candidates else frozenset()
    unknown = [name for name in candidates if name not in dimensions]
    if unknown:
        known = ", ".join(sorted(named | set(control)))
        examples = ", ".join(sorted(dimensions)[:8]) or "none yet"
        raise ValidationError(
            {
                name: [
                    f"Unknown filter '{name}'. Known filters: {known}; and a dimension's code in "
                    f"capitals with a member code, e.g. LAND_COVER=TREE (dimensions: {examples})."
                ]
                for name in unknown
            }
        )
    rows = queryset
    if names & named:  # building a FilterSet costs more than the page's query: only when filtering
        filterset = ResultObservationFilterSet(
            {name: parameters[name] for name in names & named}, queryset=queryset
        )
        if not filterset.is_valid():
            raise ValidationError(filterset.errors)
        rows = filterset.qs
    for code in sorted(names & dimensions):
        rows = rows.filter(Exact(KeyTextTransform(code, "members"), parameters[code]))
    return rows


def export_dimensions(indicator_code: str = "") -> list[str]:
    """The dimension columns of an export: those of the indicator, or of every table indicator with
    validated data (one index probe per indicator)."""
    with_data = ResultObservation.objects.filter(indicator_code=OuterRef("indicator__code"))
    links = IndicatorDimension.objects.filter(Exists(with_data))
    if indicator_code:
        links = links.filter(indicator__code=indicator_code)
    codes = links.values_list("dimension__code", "dimension__order").distinct()
    return [code for code, _order in sorted(set(codes), key=lambda pair: (pair[1], pair[0]))]


def api_row(row: dict) -> dict:
    """One observation as the API serves it, from a row of `ResultObservation.objects.for_list()`."""
    number = row["value_number"]
    return {
        "indicator": row["indicator_code"],
        "country": row["country_iso3"],
        "m49": row["country_m49"] or None,
        "time_period": row["time_period"] or None,
        "dimensions": row["members"],
        "value": row["value_text"] if number is None else number,
        "unit": row["unit"],
        "unit_multiplier": row["unit_multiplier"],
        "source": row["source"] or None,
        "justification": row["justification"],
        "data_source": {
            "title": row["data_source_title"],
            "link": row["data_source_link"],
            "publisher": row["data_source_publisher"],
        }
        if row["data_source_title"]
        else None,
        "cycle": row["cycle_code"],
        "validated_at": row["validated_at"],
    }


def numeric_only(queryset):
    """The observations with a number (SDMX OBS_VALUE); yes/no and text values are left out."""
    return queryset.filter(value_number__isnull=False)
