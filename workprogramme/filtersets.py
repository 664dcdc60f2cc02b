"""Filters shared by the HTML list pages and the API list endpoints."""

import django_filters

from .choices import IndicatorReporter, IndicatorValueType, ObjectiveKind
from .models import Indicator, Objective, Outcome, ResultsFramework


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
