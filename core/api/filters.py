"""Filter backends that answer 400 to unknown or malformed parameters instead of ignoring them."""

from django_filters.rest_framework import DjangoFilterBackend
from rest_framework.exceptions import ValidationError
from rest_framework.filters import OrderingFilter

# Query parameters every endpoint understands besides its filters.
CONTROL_PARAMETERS = frozenset({"format", "lang"})


def _paging_parameters(view) -> set[str]:
    paginator = getattr(view, "paginator", None)
    names = ("page_query_param", "page_size_query_param", "cursor_query_param", "limit_query_param")
    return {getattr(paginator, name) for name in names if getattr(paginator, name, None)}


class StrictFilterBackend(DjangoFilterBackend):
    """django-filter, refusing parameters that the endpoint does not know.

    Known are the FilterSet's filters (`search` where the FilterSet has one), the paginator's
    parameters, `ordering` where the view declares `ordering_fields`, `format`, `lang`, and those
    the view reads itself (`extra_query_parameters`, e.g. `expand`).
    """

    def filter_queryset(self, request, queryset, view):
        if getattr(view, "action", "list") == "list":
            self._reject_unknown_parameters(request, queryset, view)
        return super().filter_queryset(request, queryset, view)

    def _reject_unknown_parameters(self, request, queryset, view):
        filterset_class = self.get_filterset_class(view, queryset)
        known = set(CONTROL_PARAMETERS) | _paging_parameters(view)
        known.update(getattr(view, "extra_query_parameters", ()))
        if getattr(view, "ordering_fields", None):
            known.add(StrictOrderingFilter.ordering_param)
        if filterset_class is not None:
            known.update(filterset_class.base_filters.keys())
        unknown = sorted(set(request.query_params.keys()) - known)
        if unknown:
            raise ValidationError(
                {
                    name: [f"Unknown parameter '{name}'. Known parameters: {', '.join(sorted(known))}."]
                    for name in unknown
                }
            )


class StrictOrderingFilter(OrderingFilter):
    """`?ordering=` on the fields the view declares; any other term answers 400 naming it."""

    def get_ordering(self, request, queryset, view):
        params = request.query_params.get(self.ordering_param)
        if params and getattr(view, "ordering_fields", None):
            allowed = {name for name, _label in self.get_valid_fields(queryset, view, {"request": request})}
            terms = [term.strip() for term in params.split(",") if term.strip()]
            wrong = [term for term in terms if term.lstrip("-") not in allowed]
            if wrong:
                raise ValidationError(
                    {
                        self.ordering_param: [
                            f"Cannot order by {', '.join(wrong)}. Use: {', '.join(sorted(allowed))}."
                        ]
                    }
                )
        return super().get_ordering(request, queryset, view)

    def get_schema_operation_parameters(self, view):
        """`ordering` only where the view declares its fields, as one of them (descending: `-field`)."""
        fields = getattr(view, "ordering_fields", None)
        if not fields or fields == "__all__":
            return []
        parameter = super().get_schema_operation_parameters(view)[0]
        terms = [term for field in fields for term in (field, f"-{field}")]
        return [{**parameter, "schema": {"type": "string", "enum": terms}}]
