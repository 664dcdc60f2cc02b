from rest_framework import viewsets

from workprogramme.filtersets import IndicatorFilterSet, ObjectiveFilterSet, OutcomeFilterSet
from workprogramme.models import Indicator, Objective, Outcome, ResultsFramework

from .serializers import (
    IndicatorSerializer,
    ObjectiveSerializer,
    OutcomeSerializer,
    ResultsFrameworkSerializer,
)


class ResultsFrameworkViewSet(viewsets.ReadOnlyModelViewSet):
    """Results frameworks adopted by the COP (public)."""

    queryset = ResultsFramework.objects.all()
    serializer_class = ResultsFrameworkSerializer
    public_read = True
    filterset_fields = ["code"]


class ObjectiveViewSet(viewsets.ReadOnlyModelViewSet):
    """Operational, strategic and regional objectives (public)."""

    queryset = Objective.objects.select_related("framework")
    serializer_class = ObjectiveSerializer
    filterset_class = ObjectiveFilterSet
    public_read = True


class OutcomeViewSet(viewsets.ReadOnlyModelViewSet):
    """Outcomes and key outcomes of the objectives (public)."""

    queryset = Outcome.objects.select_related("objective__framework")
    serializer_class = OutcomeSerializer
    filterset_class = OutcomeFilterSet
    public_read = True


class IndicatorViewSet(viewsets.ReadOnlyModelViewSet):
    """Performance indicators of the outcomes (public)."""

    queryset = Indicator.objects.with_hierarchy()
    serializer_class = IndicatorSerializer
    filterset_class = IndicatorFilterSet
    public_read = True
