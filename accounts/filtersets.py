"""Filters shared by the accounts app's list pages and API list endpoints."""

import django_filters
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.filters import PortalFilterSet, StrictBooleanFilter

from .choices import APIClientScope, NotificationKind
from .models import APIClient, APIToken, Notification


class APIClientFilterSet(PortalFilterSet):
    """API clients by scope, Party, whether revoked, and name."""

    scope = django_filters.ChoiceFilter(choices=APIClientScope.choices, label=_("Scope"))
    country = django_filters.CharFilter(
        field_name="account__country__iso3", lookup_expr="iexact", label=_("Party")
    )
    revoked = StrictBooleanFilter(
        field_name="revoked_at", lookup_expr="isnull", exclude=True, label=_("Revoked")
    )
    search = django_filters.CharFilter(method="filter_search", label=_("Search"))

    class Meta:
        model = APIClient
        fields = ["search", "scope", "country", "revoked"]

    def filter_search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(Q(name__icontains=value) | Q(purpose__icontains=value))


class APITokenFilterSet(PortalFilterSet):
    """A user's API tokens, live or expired."""

    expired = StrictBooleanFilter(method="filter_expired", label=_("Expired"))

    class Meta:
        model = APIToken
        fields = ["expired"]

    def filter_expired(self, queryset, name, value):
        if value is None:
            return queryset
        lookup = {"expiry__lte": timezone.now()}
        return queryset.filter(**lookup) if value else queryset.exclude(**lookup)


class NotificationFilterSet(PortalFilterSet):
    """A user's notifications by kind, read or unread."""

    kind = django_filters.ChoiceFilter(choices=NotificationKind.choices, label=_("Kind"))
    unread = StrictBooleanFilter(field_name="read_at", lookup_expr="isnull", label=_("Unread"))

    class Meta:
        model = Notification
        fields = ["kind", "unread"]
