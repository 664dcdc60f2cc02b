"""Pagination for HTML list pages."""

from django.core.paginator import Paginator


def paginate(request, queryset, per_page: int = 50):
    """The requested page of `queryset`; an out-of-range or malformed page gives the nearest one."""
    return Paginator(queryset, per_page).get_page(request.GET.get("page"))
