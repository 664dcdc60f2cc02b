"""Filters shared by the HTML list pages and the API list endpoints."""

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.filters import PortalFilterSet, StrictBooleanFilter, code_filter
from regions.filtersets import country_filter
from regions.models import Partnership, Region

from .choices import (
    ActivityFormat,
    BienniumState,
    CapacityBuildingKind,
    IndicatorReporter,
    IndicatorValueType,
    ObjectiveKind,
    OutputOwnerKind,
    OutputStatus,
    ReportingCycleState,
    SubmissionState,
    TargetLevel,
    WorkProgrammeKind,
)
from .models import (
    Biennium,
    CapacityBuildingActivity,
    ExpectedAccomplishment,
    Indicator,
    Objective,
    Observation,
    Outcome,
    Output,
    PerformanceIndicator,
    RegionalFunction,
    ReportingCycle,
    ResultsFramework,
    Submission,
    Target,
    WorkProgramme,
)


class ResultsFrameworkFilterSet(PortalFilterSet):
    class Meta:
        model = ResultsFramework
        fields = ["code"]


class ObjectiveFilterSet(django_filters.FilterSet):
    framework = django_filters.ModelChoiceFilter(
        to_field_name="code", queryset=ResultsFramework.objects.all()
    )
    kind = django_filters.ChoiceFilter(choices=ObjectiveKind.choices)
    code = django_filters.CharFilter()

    class Meta:
        model = Objective
        fields = ["framework", "kind", "code"]


class OutcomeFilterSet(django_filters.FilterSet):
    framework = django_filters.ModelChoiceFilter(
        field_name="objective__framework", to_field_name="code", queryset=ResultsFramework.objects.all()
    )
    objective = django_filters.CharFilter(field_name="objective__code")
    code = django_filters.CharFilter()

    class Meta:
        model = Outcome
        fields = ["framework", "objective", "code"]


class IndicatorFilterSet(django_filters.FilterSet):
    framework = django_filters.ModelChoiceFilter(
        field_name="outcome__objective__framework",
        to_field_name="code",
        queryset=ResultsFramework.objects.all(),
    )
    objective = django_filters.CharFilter(field_name="outcome__objective__code")
    outcome = django_filters.CharFilter(field_name="outcome__code")
    value_type = django_filters.ChoiceFilter(choices=IndicatorValueType.choices)
    reported_by = django_filters.ChoiceFilter(choices=IndicatorReporter.choices)

    class Meta:
        model = Indicator
        fields = ["framework", "objective", "outcome", "value_type", "reported_by"]


class BienniumFilterSet(PortalFilterSet):
    state = django_filters.ChoiceFilter(choices=BienniumState.choices)
    code = django_filters.CharFilter()

    class Meta:
        model = Biennium
        fields = ["state", "code"]


class WorkProgrammeFilterSet(PortalFilterSet):
    biennium = code_filter(Biennium, "biennium")
    kind = django_filters.ChoiceFilter(choices=WorkProgrammeKind.choices)
    region = code_filter(Region, "regional_office__region")

    class Meta:
        model = WorkProgramme
        fields = ["biennium", "kind", "region"]


class ExpectedAccomplishmentFilterSet(PortalFilterSet):
    biennium = code_filter(Biennium, "work_programme__biennium")
    work_programme = django_filters.NumberFilter(field_name="work_programme_id")
    objective = django_filters.CharFilter(field_name="objective__code")

    class Meta:
        model = ExpectedAccomplishment
        fields = ["biennium", "work_programme", "objective"]


class PerformanceIndicatorFilterSet(PortalFilterSet):
    biennium = code_filter(Biennium, "expected_accomplishment__work_programme__biennium")
    expected_accomplishment = django_filters.NumberFilter(field_name="expected_accomplishment_id")

    class Meta:
        model = PerformanceIndicator
        fields = ["biennium", "expected_accomplishment"]


class OutputFilterSet(PortalFilterSet):
    biennium = code_filter(Biennium, "expected_accomplishment__work_programme__biennium")
    expected_accomplishment = django_filters.NumberFilter(field_name="expected_accomplishment_id")
    status = django_filters.ChoiceFilter(choices=OutputStatus.choices)
    owner_kind = django_filters.ChoiceFilter(choices=OutputOwnerKind.choices)

    class Meta:
        model = Output
        fields = ["biennium", "expected_accomplishment", "status", "owner_kind"]


class TargetFilterSet(PortalFilterSet):
    biennium = code_filter(Biennium, "biennium")
    level = django_filters.ChoiceFilter(choices=TargetLevel.choices)
    objective = django_filters.CharFilter(field_name="indicator__outcome__objective__code")
    indicator = django_filters.CharFilter(field_name="indicator__code")
    region = django_filters.CharFilter(field_name="region__code")
    country = country_filter(as_code=True)

    class Meta:
        model = Target
        fields = ["biennium", "level", "objective", "indicator", "region", "country"]


class RegionalFunctionFilterSet(PortalFilterSet):
    objective = django_filters.CharFilter(field_name="outcome__objective__code")
    outcome = django_filters.CharFilter(field_name="outcome__code")
    regional_office = StrictBooleanFilter()
    gm = StrictBooleanFilter()
    secretariat = StrictBooleanFilter()
    tpn = StrictBooleanFilter()

    class Meta:
        model = RegionalFunction
        fields = ["objective", "outcome", "regional_office", "gm", "secretariat", "tpn"]


class ReportingCycleFilterSet(PortalFilterSet):
    biennium = code_filter(Biennium, "biennium")
    state = django_filters.ChoiceFilter(choices=ReportingCycleState.choices)

    class Meta:
        model = ReportingCycle
        fields = ["biennium", "state"]


class SubmissionFilterSet(PortalFilterSet):
    cycle = django_filters.ModelChoiceFilter(
        field_name="cycle", to_field_name="code", queryset=ReportingCycle.objects.all(), label=_("Cycle")
    )
    biennium = code_filter(Biennium, "cycle__biennium", label=_("Biennium"))
    country = country_filter(as_code=True)
    region = django_filters.ModelChoiceFilter(
        field_name="country__region", to_field_name="code", queryset=Region.objects.all(), label=_("Annex")
    )
    state = django_filters.ChoiceFilter(choices=SubmissionState.choices, label=_("State"))
    awaiting_review = StrictBooleanFilter(method="filter_awaiting_review", label=_("Awaiting review"))

    class Meta:
        model = Submission
        fields = ["cycle", "biennium", "country", "region", "state", "awaiting_review"]

    def filter_awaiting_review(self, queryset, name, value):
        """Submitted and resubmitted ones (`Submission.objects.awaiting_review()`), or the others."""
        if value is None:
            return queryset
        waiting = queryset.awaiting_review()
        return waiting if value else queryset.exclude(pk__in=waiting.values("pk"))


class ResultFilterSet(PortalFilterSet):
    """Filters of the flat results table (validated values)."""

    biennium = code_filter(Biennium, "submission__cycle__biennium")
    cycle = code_filter(ReportingCycle, "submission__cycle")
    region = code_filter(Region, "submission__country__region")
    country = country_filter("submission__country", as_code=True)
    objective = django_filters.CharFilter(field_name="indicator__outcome__objective__code")
    outcome = django_filters.CharFilter(field_name="indicator__outcome__code")
    indicator = django_filters.CharFilter(field_name="indicator__code")
    time_period = django_filters.CharFilter(field_name="time_period")

    class Meta:
        model = Observation
        fields = [
            "biennium",
            "cycle",
            "region",
            "country",
            "objective",
            "outcome",
            "indicator",
            "time_period",
        ]


class CapacityBuildingActivityFilterSet(PortalFilterSet):
    """Filters of the capacity-building list page and /api/v1/capacity-building/."""

    kind = django_filters.ChoiceFilter(choices=CapacityBuildingKind.choices, label=_("Type"))
    format = django_filters.ChoiceFilter(choices=ActivityFormat.choices, label=_("Format"))
    language = django_filters.CharFilter(
        field_name="languages__code", lookup_expr="iexact", distinct=True, label=_("Language (code)")
    )
    region = django_filters.ModelChoiceFilter(
        field_name="regions", to_field_name="code", queryset=Region.objects.all(), label=_("Annex")
    )
    country = country_filter("countries", as_code=True, distinct=True)
    partner = django_filters.ModelChoiceFilter(
        field_name="partners", queryset=Partnership.objects.all(), distinct=True, label=_("Partner")
    )
    objective = django_filters.CharFilter(field_name="objective__code", label=_("Objective"))
    biennium = code_filter(Biennium, "biennium", label=_("Biennium"))
    mandate = django_filters.CharFilter(
        field_name="mandate_decision", lookup_expr="iexact", label=_("Decision")
    )
    started_after = django_filters.DateFilter(
        field_name="start_date", lookup_expr="gte", label=_("Started on or after")
    )
    started_before = django_filters.DateFilter(
        field_name="start_date", lookup_expr="lte", label=_("Started on or before")
    )
    search = django_filters.CharFilter(method="filter_search", label=_("Search"))

    class Meta:
        model = CapacityBuildingActivity
        fields = [
            "kind",
            "format",
            "language",
            "region",
            "country",
            "partner",
            "objective",
            "biennium",
            "mandate",
            "started_after",
            "started_before",
            "search",
        ]

    def filter_search(self, queryset, name, value):
        return queryset.filter(Q(title__icontains=value) | Q(description__icontains=value))
