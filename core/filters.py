"""Filter building blocks shared by every app's FilterSets."""

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _


class StrictBooleanField(forms.Field):
    """A yes/no filter value that refuses anything it cannot read, instead of ignoring it."""

    widget = forms.Select(choices=[("", _("Any")), ("true", _("Yes")), ("false", _("No"))])

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
        raise ValidationError(_("Enter true or false."), code="invalid")


class StrictBooleanFilter(django_filters.BooleanFilter):
    field_class = StrictBooleanField


class CodeChoiceField(forms.ModelChoiceField):
    """A row chosen by its code; an unknown code is an error that names it."""

    default_error_messages = {"invalid_choice": _("Unknown code '%(value)s'.")}


class CodeChoiceFilter(django_filters.ModelChoiceFilter):
    field_class = CodeChoiceField


def code_filter(model, field_name: str, *, to_field_name: str = "code", **kwargs) -> CodeChoiceFilter:
    """Filter on a related row given by its code (biennium, cycle, annex...): unknown codes answer 400."""
    return CodeChoiceFilter(
        field_name=field_name, to_field_name=to_field_name, queryset=model.objects.all(), **kwargs
    )


# Labels for filters that set none: django-filter would otherwise spell out the lookup
# path ("Submission cycle biennium code"), which reads badly and cannot be translated.
COMMON_LABELS = {
    "biennium": _("Biennium"),
    "cycle": _("Reporting cycle"),
    "region": _("Annex"),
    "country": _("Party"),
    "objective": _("Objective"),
    "outcome": _("Outcome"),
    "indicator": _("Indicator"),
    "status": _("Status"),
    "state": _("State"),
    "kind": _("Type"),
    "level": _("Level"),
    "role": _("Role"),
    "year": _("Year"),
    "code": _("Code"),
    "search": _("Search"),
    "work_programme": _("Work programme"),
    "expected_accomplishment": _("Expected accomplishment"),
    "owner_kind": _("Owner"),
}


class PortalFilterSet(django_filters.FilterSet):
    """Base FilterSet whose form widgets carry Bootstrap classes for the HTML list pages."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, declared in self.filters.items():
            # `_label` is None until django-filter derives one from the lookup path.
            if declared._label is None and name in COMMON_LABELS:
                declared.label = COMMON_LABELS[name]

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
