"""OpenAPI details of the regions API.

Several models share field names for different choice sets (`status`, `role`, `kind`), for
which drf-spectacular would invent hashed enum names (and warn). The choice fields of the
mechanism's serializers instead name their enum after model and field, e.g.
`NominationStatusEnum`, and register it as a component themselves.
"""

from drf_spectacular.extensions import OpenApiSerializerFieldExtension
from drf_spectacular.plumbing import ResolvedComponent
from rest_framework import serializers


class NamedChoiceField(serializers.ChoiceField):
    """A ChoiceField whose enum has an explicit component name in the schema."""

    def __init__(self, *args, enum_name: str = "", **kwargs):
        self.enum_name = enum_name
        super().__init__(*args, **kwargs)


class NamedChoiceFieldExtension(OpenApiSerializerFieldExtension):
    target_class = NamedChoiceField

    def map_serializer_field(self, auto_schema, direction):
        field = self.target
        values = [value for value in field.choices if value not in ("", None)]
        schema = {
            "type": "string",
            "enum": values,
            "description": "\n".join(f"* `{value}` - {field.choices[value]}" for value in values),
        }
        component = ResolvedComponent(
            name=field.enum_name, type=ResolvedComponent.SCHEMA, schema=schema, object=field.enum_name
        )
        auto_schema.registry.register_on_missing(component)
        if field.allow_blank:
            return {"oneOf": [component.ref, {"type": "string", "enum": [""]}]}
        return component.ref


def enum_name(model, field_name: str) -> str:
    return f"{model.__name__}{''.join(part.capitalize() for part in field_name.split('_'))}Enum"
