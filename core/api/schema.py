"""How the OpenAPI schema describes what every endpoint shares: its errors and who may read it.

- Errors: every operation documents the JSON errors the API answers (`core.api.exceptions`):
  400 (bad input: field errors, or `detail`), 401 (a token that is missing, invalid or expired
  where one is needed), 403, 404 (a row one may not see, or a page past the end), 409 (a
  workflow step or a stale version, on writes) and 429 (throttled endpoints), each with the
  `Error` body, unless the view documents that status itself.
- Fields: a read-only field that may be empty (`default=None`, or read through a relation or
  field that may be null) is `nullable`; a text field that may not be blank has a non-space
  character (`pattern`), as DRF trims spaces before checking.
- Security: reads of models whose policy names `ANYONE` (`core.scoping`) need no
  authentication, as `PortalPermission` lets them through; the schema says so with an empty
  security requirement.
"""

from django.core.exceptions import FieldDoesNotExist
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.plumbing import ResolvedComponent
from rest_framework import serializers
from rest_framework.fields import empty
from rest_framework.permissions import SAFE_METHODS

from core.scoping import policy_for

from .permissions import PortalPermission

ERROR_SCHEMA = {
    "type": "object",
    "description": "An error: `detail` says what went wrong; a 400 may instead name each field "
    "with its problems ({field: [messages]}).",
    "properties": {
        "detail": {
            "oneOf": [{"type": "string"}, {"type": "array", "items": {"type": "string"}}],
            "description": "What went wrong (a list when there are several problems).",
        },
        "errors": {
            "type": "array",
            "items": {"oneOf": [{"type": "object", "additionalProperties": True}, {"type": "string"}]},
            "description": "A refused import: each row's problem ({row, column, message}, or a sentence).",
        },
    },
    "additionalProperties": True,
}

ERROR_DESCRIPTIONS = {
    "400": "The request is not valid: every problem is listed.",
    "401": "Authentication is needed, or the token is invalid or expired.",
    "403": "This user may not do this.",
    "404": "Not found, or not visible to this user.",
    "409": "The record's state does not allow this, or it changed since it was read.",
    "429": "Too many requests: wait before trying again.",
}


class PortalAutoSchema(AutoSchema):
    def _error_codes(self) -> list[str]:
        codes = ["400", "401", "403"]
        if self._has_path_parameters() or self.method == "GET":
            codes.append("404")  # a row out of sight, or a page past the end of a list
        if self.method not in SAFE_METHODS:
            codes.append("409")
        if self.view.get_throttles():
            codes.append("429")
        return codes

    def _has_path_parameters(self) -> bool:
        return "{" in self.path

    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        if direction != "response":
            return responses
        error = ResolvedComponent(
            name="Error", type=ResolvedComponent.SCHEMA, schema=ERROR_SCHEMA, object="Error"
        )
        self.registry.register_on_missing(error)
        json_error = {"application/json": {"schema": error.ref}}
        # The statuses every operation may answer, and those the view documents without a body.
        for code in [*self._error_codes(), *(code for code in responses if code in ERROR_DESCRIPTIONS)]:
            documented = responses.get(code)
            if documented is None:
                responses[code] = {"description": ERROR_DESCRIPTIONS[code], "content": json_error}
            elif not documented.get("content"):
                documented["content"] = json_error
        return responses

    def get_auth(self):
        auths = super().get_auth()
        if self.method in SAFE_METHODS and {} not in auths and self._publicly_readable():
            auths.append({})
        return auths

    def _publicly_readable(self) -> bool:
        if not any(isinstance(permission, PortalPermission) for permission in self.view.get_permissions()):
            return False
        queryset = getattr(self.view, "queryset", None)
        return queryset is not None and policy_for(queryset.model).is_public

    def _map_serializer_field(self, field, direction, bypass_extensions=False):
        schema = super()._map_serializer_field(field, direction, bypass_extensions)
        if direction == "response" and field.read_only and "$ref" not in schema and _may_be_null(field):
            schema = {**schema, "nullable": True}
        if direction == "request" and _needs_text(field) and _plain_string(schema):
            schema = {**schema, "pattern": r"\S"}
        return schema


def _needs_text(field) -> bool:
    return (
        isinstance(field, serializers.CharField)
        and not field.read_only
        and not field.allow_blank
        and field.trim_whitespace
    )


def _plain_string(schema: dict) -> bool:
    return schema.get("type") == "string" and not schema.keys() & {"pattern", "format", "enum"}


def _may_be_null(field) -> bool:
    """Whether a read-only field can answer null: `default=None`, or a nullable field on its source path."""
    if field.default is None or getattr(field, "allow_null", False):
        return True
    if field.default is not empty or getattr(field, "source", None) == "*":
        return False
    model = getattr(getattr(field.parent, "Meta", None), "model", None)
    for name in getattr(field, "source_attrs", None) or []:
        if model is None:
            return False
        try:
            model_field = model._meta.get_field(name)
        except FieldDoesNotExist:  # a property or method: nothing to read
            return False
        if getattr(model_field, "null", False):
            return True
        model = model_field.related_model
    return False
