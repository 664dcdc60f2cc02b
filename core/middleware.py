"""Request checks that must run before any view reads the body, and the API's JSON 404."""

from django.conf import settings
from django.http import JsonResponse

from .api.parsers import BodyTooLarge


class ApiBodyLimitMiddleware:
    """An API request announcing a body over the limit answers 413 as JSON, unread.

    The limit is `DATA_UPLOAD_MAX_MEMORY_SIZE` (12 MB: a 10 MB upload and its form fields fit).
    Bodies without a Content-Length are bounded by the JSON parser and Django's multipart limits.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path.startswith("/api/"):
            try:
                length = int(request.META.get("CONTENT_LENGTH") or 0)
            except ValueError:
                return JsonResponse({"detail": "Content-Length is not a number."}, status=400)
            if length > settings.DATA_UPLOAD_MAX_MEMORY_SIZE:
                return JsonResponse({"detail": BodyTooLarge().detail}, status=413)
        response = self.get_response(request)
        if (
            response.status_code == 404
            and request.path.startswith("/api/")
            and not response.get("Content-Type", "").startswith("application/json")
        ):
            # An address no API route matches (e.g. an id of the wrong shape): JSON like every API error,
            # also under DEBUG, whose technical 404 page bypasses handler404.
            return JsonResponse({"detail": "Not found."}, status=404)
        return response
