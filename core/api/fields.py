"""Serializer fields the apps share."""

from rest_framework import serializers


class RelatedAttributeField(serializers.CharField):
    """A read-only attribute through a link that may be empty (`"host_institution.name"`): `empty`
    when a link on the way is None. Unlike a dotted `source` with a `default`, it is present in the
    answer to a partial update too (DRF skips a read-only default there)."""

    def __init__(self, path: str, *, empty=None, **kwargs):
        self.path, self.empty = path.split("."), empty
        super().__init__(read_only=True, allow_null=empty is None, **kwargs)

    def get_attribute(self, instance):
        value = instance
        for name in self.path:
            value = getattr(value, name)
            if value is None:
                return self.empty
        return value
