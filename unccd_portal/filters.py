"""Filter building blocks shared by every app's FilterSets."""

import django_filters
from django import forms
from django.core.exceptions import ValidationError


class StrictBooleanField(forms.Field):
    """A yes/no filter value that refuses anything it cannot read, instead of ignoring it."""

    TRUE_VALUES = frozenset({"true", "1", "yes"})
    FALSE_VALUES = frozenset({"false", "0", "no"})

    def to_python(self, value):
        if value in (None, ""):
            return None
        text = str(value).strip().lower()
        if text in self.TRUE_VALUES:
            return True
        if text in self.FALSE_VALUES:
            return False
        raise ValidationError("Enter true or false.", code="invalid")


class StrictBooleanFilter(django_filters.BooleanFilter):
    field_class = StrictBooleanField
