"""One FilterSet per list: the HTML list pages and the API list endpoints use the same."""

import django_filters
from django.utils.translation import gettext_lazy as _

from core.filters import PortalFilterSet, StrictBooleanFilter, code_filter
from workprogramme.models import Biennium

from .choices import ReportKind, ReportStatus
from .models import FinanceSnapshot, PostSnapshot, Report


class ReportFilterSet(PortalFilterSet):
    kind = django_filters.ChoiceFilter(choices=ReportKind.choices, label=_("Kind"))
    biennium = code_filter(Biennium, "biennium", label=_("Biennium"))
    status = django_filters.ChoiceFilter(choices=ReportStatus.choices, label=_("Status"))
    published = StrictBooleanFilter(label=_("Published"))

    class Meta:
        model = Report
        fields = ["kind", "biennium", "status", "published"]


class FinanceSnapshotFilterSet(PortalFilterSet):
    biennium = code_filter(Biennium, "biennium", label=_("Biennium"))

    class Meta:
        model = FinanceSnapshot
        fields = ["biennium"]


class PostSnapshotFilterSet(PortalFilterSet):
    biennium = code_filter(Biennium, "biennium", label=_("Biennium"))

    class Meta:
        model = PostSnapshot
        fields = ["biennium"]
