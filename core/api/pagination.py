"""Page-number pagination whose page size the client may choose, up to a cap."""

from rest_framework.exceptions import ValidationError
from rest_framework.pagination import PageNumberPagination


def _positive_integer(request, name: str) -> int | None:
    raw = request.query_params.get(name)
    if raw is None:
        return None
    if not raw.isdigit() or int(raw) < 1:
        raise ValidationError({name: [f"'{raw}' is not a whole number of 1 or more."]})
    return int(raw)


class CappedPageNumberPagination(PageNumberPagination):
    """`?page=N&page_size=M` with M capped so that no request can ask for everything.

    Both must be whole numbers of 1 or more (400 otherwise); a page past the end answers 404.
    """

    page_size_query_param = "page_size"
    max_page_size = 500

    def get_page_size(self, request):
        size = _positive_integer(request, self.page_size_query_param)
        return self.page_size if size is None else min(size, self.max_page_size)

    def paginate_queryset(self, queryset, request, view=None):
        _positive_integer(request, self.page_query_param)
        return super().paginate_queryset(queryset, request, view)

    def get_schema_operation_parameters(self, view):
        """Both parameters as the schema states them: whole numbers of 1 or more."""
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            parameter["schema"] = {**parameter["schema"], "minimum": 1}
        return parameters
