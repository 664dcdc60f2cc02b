"""Page-number pagination whose page size the client may choose, up to a cap."""

from rest_framework.pagination import PageNumberPagination


class CappedPageNumberPagination(PageNumberPagination):
    """`?page=N&page_size=M` with M capped so that no request can ask for everything."""

    page_size_query_param = "page_size"
    max_page_size = 500
