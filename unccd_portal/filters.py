"""Filter building blocks shared by every app's FilterSets."""

import django_filters
from django import forms
from django.core.exceptions import ValidationError


class StrictBooleanField(forms.Field):
    """A yes/no filter value that refuses anything it cannot read, instead of ignoring it."""

    widget = forms.Select(choices=[("", "Any"), ("true", "Yes"), ("false", "No")])

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


class PortalFilterSet(django_filters.FilterSet):
    """Base FilterSet whose form widgets carry Bootstrap classes for the HTML list pages."""

    @property
    def form(self):
        form = super().form
        for field in form.fields.values():
            widget = field.widget
            css = (
                "form-select form-select-sm"
                if isinstance(widget, forms.Select)
                else "form-control form-control-sm"
            )
            widget.attrs.setdefault("class", css)
        return form
