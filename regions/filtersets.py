"""Filters shared by the HTML list pages and the API list endpoints."""

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from core.filters import PortalFilterSet, StrictBooleanFilter

from .choices import (
    EvaluationOutcome,
    FocalPointRole,
    HostInstitutionKind,
    MoUSignatory,
    MoUStatus,
    NetworkStatus,
    NominationStatus,
    OfficeStatus,
    PartnershipKind,
    PartnershipScope,
    ReportStatus,
    UNRegionalGroup,
)
from .models import (
    CommitteeAnnualReport,
    CommitteeMeeting,
    Country,
    FocalPoint,
    FocalPointHandover,
    HostInstitution,
    MemorandumOfUnderstanding,
    Nomination,
    Partnership,
    Region,
    RegionalCommittee,
    RegionalOffice,
    ThematicProgrammeNetwork,
)


class CountryFilterSet(PortalFilterSet):
    """Parties by annex, UN group, flags and free-text search."""

    region = django_filters.ModelChoiceFilter(
        field_name="region", to_field_name="code", queryset=Region.objects.all(), label=_("Annex")
    )
    un_group = django_filters.ChoiceFilter(choices=UNRegionalGroup.choices, label=_("UN regional group"))
    affected = StrictBooleanFilter(field_name="is_affected", label=_("Affected"))
    developed = StrictBooleanFilter(field_name="is_developed", label=_("Developed"))
    ldc = StrictBooleanFilter(field_name="is_ldc", label=_("LDC"))
    sids = StrictBooleanFilter(field_name="is_sids", label=_("SIDS"))
    search = django_filters.CharFilter(method="filter_search", label=_("Search"))

    class Meta:
        model = Country
        fields = ["region", "un_group", "affected", "developed", "ldc", "sids", "search"]

    def filter_search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        names = Q()
        for language in (
            "en",
            "zh_hans",
            "fr",
            "es",
            "ru",
            "ar",
        ):  # a Party is found by its name in any UN language
            names |= Q(**{f"name_{language}__icontains": value})
        return queryset.filter(names | Q(iso3__iexact=value) | Q(iso2__iexact=value))


def _region_filter(field_name: str = "region", **kwargs) -> django_filters.ModelChoiceFilter:
    return django_filters.ModelChoiceFilter(
        field_name=field_name, to_field_name="code", queryset=Region.objects.all(), label=_("Annex"), **kwargs
    )


class CountryCodeField(forms.ModelChoiceField):
    """A Party given by its ISO 3166 alpha-3 or alpha-2 code or its UN M49 code, in any case."""

    def to_python(self, value):
        if value in self.empty_values:
            return None
        code = str(value).strip().upper()
        lookup = Q(iso3=code) | Q(iso2=code)
        if code.isdigit():
            lookup |= Q(m49=code.zfill(3))
        country = self.queryset.filter(lookup).first()
        if country is None:
            raise ValidationError(
                _("Unknown Party '%(value)s': give its ISO3, ISO2 or M49 code."),
                code="invalid_choice",
                params={"value": value},
            )
        return country


class CountryFilter(django_filters.ModelChoiceFilter):
    field_class = CountryCodeField


def country_filter(field_name: str = "country", *, as_code: bool = False, **kwargs) -> CountryFilter:
    """Filter on a Party by ISO3, ISO2 or M49 code; an unknown code answers 400.

    On HTML pages it is a choice of Parties, or with `as_code` a text box for the code.
    """
    if as_code:
        kwargs["widget"] = forms.TextInput(attrs={"placeholder": _("ISO3, ISO2 or M49 code")})
    return CountryFilter(
        field_name=field_name,
        to_field_name="iso3",
        queryset=Country.objects.all(),
        **{"label": _("Party"), **kwargs},
    )


def _date_range(field_name: str, label: str) -> tuple[django_filters.DateFilter, django_filters.DateFilter]:
    return (
        django_filters.DateFilter(
            field_name=field_name, lookup_expr="gte", label=format_lazy(_("{} from"), label)
        ),
        django_filters.DateFilter(
            field_name=field_name, lookup_expr="lte", label=format_lazy(_("{} until"), label)
        ),
    )


class SearchMixin:
    """A free-text `search` filter over the FilterSet's `search_fields`."""

    search_fields: tuple[str, ...] = ()

    def filter_search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        condition = Q()
        for field in self.search_fields:
            condition |= Q(**{f"{field}__icontains": value})
        return queryset.filter(condition)


def _search() -> django_filters.CharFilter:
    return django_filters.CharFilter(method="filter_search", label=_("Search"))


class HostInstitutionFilterSet(SearchMixin, PortalFilterSet):
    """Host institutions by kind, country and name."""

    search_fields = ("name", "website")
    search = _search()
    kind = django_filters.ChoiceFilter(choices=HostInstitutionKind.choices)
    country = country_filter()

    class Meta:
        model = HostInstitution
        fields = ["search", "kind", "country"]


class RegionalOfficeFilterSet(SearchMixin, PortalFilterSet):
    """Regional offices by annex, status and opening date."""

    search_fields = ("name", "city", "host_institution__name", "coordinator_name")
    search = _search()
    region = _region_filter()
    country = country_filter("host_institution__country", label=_("Host country"))
    status = django_filters.ChoiceFilter(choices=OfficeStatus.choices)
    opened_after, opened_before = _date_range("opened_on", _("Opened"))

    class Meta:
        model = RegionalOffice
        fields = ["search", "region", "country", "status", "opened_after", "opened_before"]


class MoUFilterSet(SearchMixin, PortalFilterSet):
    """Memoranda of understanding by annex, status and validity dates."""

    search_fields = ("title", "host_institution__name", "host_country__name", "office__name")
    search = _search()
    region = _region_filter("office__region")
    country = country_filter("host_country", label=_("Host country"))
    status = django_filters.ChoiceFilter(choices=MoUStatus.choices)
    signatory = django_filters.ChoiceFilter(choices=MoUSignatory.choices)
    valid_to_after, valid_to_before = _date_range("valid_to", _("Valid to"))

    class Meta:
        model = MemorandumOfUnderstanding
        fields = ["search", "region", "country", "status", "signatory", "valid_to_after", "valid_to_before"]


class RegionalCommitteeFilterSet(SearchMixin, PortalFilterSet):
    """Regional committees by annex and name."""

    search_fields = ("name",)
    search = _search()
    region = _region_filter()
    country = country_filter("memberships__country", label=_("Member Party"), distinct=True)

    class Meta:
        model = RegionalCommittee
        fields = ["search", "region", "country"]


class CommitteeMeetingFilterSet(SearchMixin, PortalFilterSet):
    """Committee meetings by annex, host country and date."""

    search_fields = ("title", "place", "back_to_back_with")
    search = _search()
    region = _region_filter("committee__region")
    country = country_filter()
    date_after, date_before = _date_range("date", _("Date"))

    class Meta:
        model = CommitteeMeeting
        fields = ["search", "region", "country", "date_after", "date_before"]


class CommitteeAnnualReportFilterSet(SearchMixin, PortalFilterSet):
    """Committee annual reports by annex, year and status."""

    search_fields = ("text", "committee__name")
    search = _search()
    region = _region_filter("committee__region")
    year = django_filters.NumberFilter()
    status = django_filters.ChoiceFilter(choices=ReportStatus.choices)

    class Meta:
        model = CommitteeAnnualReport
        fields = ["search", "region", "year", "status"]


class NetworkFilterSet(SearchMixin, PortalFilterSet):
    """Thematic programme networks by annex, status, evaluation outcome and date."""

    search_fields = ("code", "theme", "host_institution__name")
    search = _search()
    region = _region_filter()
    status = django_filters.ChoiceFilter(choices=NetworkStatus.choices)
    evaluation_outcome = django_filters.ChoiceFilter(choices=EvaluationOutcome.choices[1:])
    evaluated_after, evaluated_before = _date_range("last_evaluated_on", _("Evaluated"))

    class Meta:
        model = ThematicProgrammeNetwork
        fields = ["search", "region", "status", "evaluation_outcome", "evaluated_after", "evaluated_before"]


class FocalPointFilterSet(SearchMixin, PortalFilterSet):
    """Focal points by annex, Party, role, whether in office and start date."""

    search_fields = ("first_name", "last_name", "email", "organisation", "country__name")
    search = _search()
    region = _region_filter("country__region")
    country = country_filter()
    role = django_filters.ChoiceFilter(choices=FocalPointRole.choices)
    active = StrictBooleanFilter(field_name="end_date", lookup_expr="isnull", label=_("In office"))
    started_after, started_before = _date_range("start_date", _("Started"))

    class Meta:
        model = FocalPoint
        fields = ["search", "region", "country", "role", "active", "started_after", "started_before"]


class FocalPointHandoverFilterSet(PortalFilterSet):
    """Focal points' handovers by annex, Party, role and date."""

    region = _region_filter("country__region")
    country = country_filter()
    role = django_filters.ChoiceFilter(choices=FocalPointRole.choices)
    handed_over_after, handed_over_before = _date_range("handed_over_on", _("Handed over"))

    class Meta:
        model = FocalPointHandover
        fields = ["region", "country", "role", "handed_over_after", "handed_over_before"]


class NominationFilterSet(SearchMixin, PortalFilterSet):
    """Nominations by annex, Party, role, status and submission date."""

    search_fields = ("first_name", "last_name", "email", "country__name")
    search = _search()
    region = _region_filter("country__region")
    country = country_filter()
    role = django_filters.ChoiceFilter(choices=FocalPointRole.choices)
    status = django_filters.ChoiceFilter(choices=NominationStatus.choices)
    submitted_after = django_filters.DateFilter(
        field_name="submitted_at", lookup_expr="date__gte", label=_("Submitted from")
    )
    submitted_before = django_filters.DateFilter(
        field_name="submitted_at", lookup_expr="date__lte", label=_("Submitted until")
    )

    class Meta:
        model = Nomination
        fields = ["search", "region", "country", "role", "status", "submitted_after", "submitted_before"]


class PartnershipFilterSet(SearchMixin, PortalFilterSet):
    """Partnerships by type, scope, annex, Party and start date."""

    search_fields = ("partner", "description")
    search = _search()
    kind = django_filters.ChoiceFilter(choices=PartnershipKind.choices, label=_("Type"))
    scope = django_filters.ChoiceFilter(choices=PartnershipScope.choices)
    region = _region_filter("regions", distinct=True)
    country = country_filter("countries", distinct=True)
    started_after, started_before = _date_range("start_date", _("Started"))

    class Meta:
        model = Partnership
        fields = ["search", "kind", "scope", "region", "country", "started_after", "started_before"]
