"""JSON errors for the API: DRF's handler plus Django's own errors turned into JSON."""

from django.core.exceptions import PermissionDenied, RequestDataTooBig, TooManyFieldsSent
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, JsonResponse
from rest_framework import exceptions, status
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from rest_framework.views import exception_handler

from core.errors import InvalidTransition

from .parsers import BodyTooLarge


def json_exception_handler(exc, context):
    """Service errors as JSON: ValidationError 400, PermissionDenied 403, InvalidTransition 409.

    Always JSON, whatever format the request asked for (`?format=csv` included)."""
    request = context.get("request")
    if request is not None:
        request.accepted_renderer, request.accepted_media_type = JSONRenderer(), JSONRenderer.media_type
    if isinstance(exc, InvalidTransition):
        return Response({"detail": exc.message}, status=status.HTTP_409_CONFLICT)
    if isinstance(exc, RequestDataTooBig):
        exc = BodyTooLarge()
    elif isinstance(exc, TooManyFieldsSent):
        exc = exceptions.ParseError("The request has too many fields.")
    if isinstance(exc, DjangoValidationError):
        detail = exc.message_dict if hasattr(exc, "error_dict") else {"detail": exc.messages}
        exc = exceptions.ValidationError(detail)
    elif isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, PermissionDenied):
        exc = exceptions.PermissionDenied()
    return exception_handler(exc, context)


def api_bad_request(request, exception=None):
    """400 (or 413 for a body too large) as JSON, for errors raised before the API's views run."""
    if isinstance(exception, RequestDataTooBig):
        return JsonResponse({"detail": BodyTooLarge().detail}, status=413)
    return JsonResponse({"detail": "Bad request."}, status=400)


def api_not_found(request, exception=None):
    """404 for an API path that matches no route."""
    return JsonResponse({"detail": "Not found."}, status=404)


def api_server_error(request):
    """500 as JSON, without any detail that could leak internals."""
    return JsonResponse({"detail": "Internal server error."}, status=500)
