"""Filter backend that answers 400 to unknown or malformed filters instead of ignoring them."""

from django_filters.rest_framework import DjangoFilterBackend
from rest_framework.exceptions import ValidationError

# Query parameters that are not filters but are understood by the API.
CONTROL_PARAMETERS = frozenset({"page", "page_size", "format", "ordering", "search", "lang"})


class StrictFilterBackend(DjangoFilterBackend):
    """django-filter, refusing parameters that the endpoint does not know."""

    def filter_queryset(self, request, queryset, view):
        if getattr(view, "action", "list") == "list":
            self._reject_unknown_parameters(request, queryset, view)
        return super().filter_queryset(request, queryset, view)

    def _reject_unknown_parameters(self, request, queryset, view):
        filterset_class = self.get_filterset_class(view, queryset)
        known = set(CONTROL_PARAMETERS)
        if filterset_class is not None:
            known.update(filterset_class.base_filters.keys())
        unknown = sorted(set(request.query_params.keys()) - known)
        if unknown:
            raise ValidationError(
                {
                    name: [f"Unknown filter '{name}'. Known filters: {', '.join(sorted(known))}."]
                    for name in unknown
                }
            )
