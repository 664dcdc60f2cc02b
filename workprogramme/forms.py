"""Forms of the submission pages; they collect input, the services decide."""

from django import forms
from django.utils.translation import gettext_lazy as _

from regions.models import Country, Region

from .choices import IndicatorValueType, OutputStatus, ReportingCycleState, TargetLevel, ValueSource
from .models import Biennium, CapacityBuildingActivity, Indicator, Language, Objective, Outcome

YES_NO_CHOICES = [("", _("– not answered –")), ("yes", _("Yes")), ("no", _("No"))]


def _value_widget(value_type: str, label: str):
    attrs = {"class": "form-control", "aria-label": label}
    if value_type == IndicatorValueType.YES_NO:
        return forms.Select(choices=YES_NO_CHOICES, attrs={**attrs, "class": "form-select"})
    if value_type == IndicatorValueType.TEXT:
        return forms.Textarea(attrs={**attrs, "rows": 3})
    return forms.TextInput(attrs={**attrs, "inputmode": "decimal", "autocomplete": "off"})


class SubmissionValuesForm(forms.Form):
    """One value, source and narrative per indicator; values are kept as typed (the service flags errors)."""

    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, submission_values, **kwargs):
        super().__init__(*args, **kwargs)
        self.rows = []
        for value in submission_values:
            indicator = value.indicator
            key = str(indicator.pk)
            label = f"{indicator.code} {indicator.text}"
            self.fields[f"value_{key}"] = forms.CharField(
                label=_("Value"),
                required=False,
                max_length=2000,
                initial=value.raw_value,
                widget=_value_widget(indicator.value_type, label),
            )
            self.fields[f"source_{key}"] = forms.ChoiceField(
                label=_("Source"),
                required=False,
                choices=[("", _("– choose –")), *ValueSource.choices],
                initial=value.source,
                widget=forms.Select(attrs={"class": "form-select"}),
            )
            self.fields[f"narrative_{key}"] = forms.CharField(
                label=_("Narrative"),
                required=False,
                max_length=20000,
                initial=value.narrative,
                widget=forms.Textarea(attrs={"class": "form-control", "rows": 2}),
            )
            self.rows.append(value)

    def bound_rows(self):
        for value in self.rows:
            key = str(value.indicator.pk)
            yield value, self[f"value_{key}"], self[f"source_{key}"], self[f"narrative_{key}"]

    def entries(self) -> dict[int, dict]:
        return {
            value.indicator_id: {
                "value": self.cleaned_data[f"value_{value.indicator_id}"],
                "source": self.cleaned_data[f"source_{value.indicator_id}"],
                "narrative": self.cleaned_data[f"narrative_{value.indicator_id}"],
            }
            for value in self.rows
        }


class ReviewForm(forms.Form):
    """The reviewer's overall comment and a comment per indicator."""

    version = forms.IntegerField(widget=forms.HiddenInput)
    comment = forms.CharField(
        label=_("Comment to the country"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"class": "form-control", "rows": 3}),
    )

    def __init__(self, *args, submission_values, **kwargs):
        super().__init__(*args, **kwargs)
        self.rows = list(submission_values)
        for value in self.rows:
            self.fields[f"comment_{value.indicator_id}"] = forms.CharField(
                label=_("Comment on indicator %(code)s") % {"code": value.indicator.code},
                required=False,
                max_length=5000,
                initial=value.reviewer_comment,
                widget=forms.Textarea(attrs={"class": "form-control", "rows": 2}),
            )

    def bound_rows(self):
        for value in self.rows:
            yield value, self[f"comment_{value.indicator_id}"]

    def indicator_comments(self) -> dict[int, str]:
        return {value.indicator_id: self.cleaned_data[f"comment_{value.indicator_id}"] for value in self.rows}


class HandInForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    comment = forms.CharField(
        label=_("Message to the secretariat (optional)"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"class": "form-control", "rows": 2}),
    )


class SpreadsheetUploadForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    file = forms.FileField(
        label=_("Spreadsheet (XLSX or CSV, at most 10 MB)"),
        widget=forms.ClearableFileInput(attrs={"class": "form-control", "accept": ".xlsx,.csv"}),
    )


class EvidenceForm(forms.Form):
    title = forms.CharField(
        label=_("Title"), max_length=200, widget=forms.TextInput(attrs={"class": "form-control"})
    )
    indicator = forms.TypedChoiceField(
        label=_("Indicator it supports"), required=False, coerce=int, empty_value=None
    )
    file = forms.FileField(
        label=_("File (PDF, Word, OpenDocument, XLSX or CSV, at most 10 MB)"),
        widget=forms.ClearableFileInput(attrs={"class": "form-control"}),
    )

    def __init__(self, *args, submission_values, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["indicator"].choices = [("", _("– the whole report –"))] + [
            (value.indicator_id, f"{value.indicator.code} {value.indicator.text[:60]}")
            for value in submission_values
        ]
        self.fields["indicator"].widget.attrs["class"] = "form-select"


class LanguageCheckboxes(forms.CheckboxSelectMultiple):
    """Checkboxes whose field label (and the error summary's link) points at the first box."""

    def id_for_label(self, id_, index=None):
        if index is None and id_:
            return f"{id_}_0"
        return super().id_for_label(id_, index)


class CapacityBuildingActivityForm(forms.ModelForm):
    """Record or change a capacity-building activity; the service checks the cross-field rules."""

    class Meta:
        model = CapacityBuildingActivity
        fields = [
            "kind",
            "title",
            "description",
            "start_date",
            "end_date",
            "format",
            "languages",
            "partners",
            "regions",
            "countries",
            "participants_female",
            "participants_male",
            "participants_other",
            "mandate_decision",
            "mandate_paragraph",
            "objective",
            "outcome",
            "biennium",
            "source",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 4}),
            "start_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "end_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "languages": LanguageCheckboxes,
            "countries": forms.SelectMultiple(attrs={"size": 8}),
            "partners": forms.SelectMultiple(attrs={"size": 6}),
        }

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["languages"].queryset = Language.objects.order_by("order")
        self.fields["objective"].queryset = Objective.objects.select_related("framework")
        self.fields["outcome"].queryset = Outcome.objects.select_related("objective")
        for name, field in self.fields.items():
            widget = field.widget
            # Checkboxes keep Bootstrap's default look: a class would also land on their wrapper.
            if not isinstance(widget, forms.CheckboxSelectMultiple):
                css = "form-select" if isinstance(widget, forms.Select) else "form-control"
                widget.attrs.setdefault("class", css)
            if field.help_text:
                widget.attrs.setdefault("aria-describedby", f"id_{name}-help")

    def clean(self):
        data = super().clean()
        start, end = data.get("start_date"), data.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", _("An activity cannot end before it starts."))
        return data


def _bootstrap(form: forms.Form) -> None:
    """Bootstrap classes and help-text links on every field of a form."""
    for name, field in form.fields.items():
        widget = field.widget
        if isinstance(widget, forms.CheckboxSelectMultiple):
            continue
        css = "form-select" if isinstance(widget, forms.Select) else "form-control"
        widget.attrs.setdefault("class", css)
        if field.help_text:
            widget.attrs.setdefault("aria-describedby", f"id_{name}-help")


class IndicatorChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.outcome.objective.code} · {obj.code} {obj.text}"


class ReportingCycleForm(forms.Form):
    """Plan or change a reporting cycle; the services check the dates, the indicators and the state."""

    biennium = forms.ModelChoiceField(label=_("Biennium"), queryset=Biennium.objects.order_by("-start_date"))
    code = forms.SlugField(
        label=_("Code"), max_length=40, help_text=_("Short and unique, used in addresses, e.g. prais-2026.")
    )
    title = forms.CharField(label=_("Title"), max_length=200)
    opens_on = forms.DateField(
        label=_("Opens on"),
        help_text=_("Planned date; opening the cycle records the actual date."),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    deadline = forms.DateField(
        label=_("Deadline"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    indicators = IndicatorChoiceField(
        label=_("Indicators the countries report"),
        queryset=Indicator.objects.none(),
        help_text=_("Only indicators that countries report can be asked for."),
        widget=LanguageCheckboxes,
    )

    def __init__(self, *args, cycle=None, **kwargs):
        if cycle is not None:
            kwargs.setdefault(
                "initial",
                {
                    "biennium": cycle.biennium_id,
                    "code": cycle.code,
                    "title": cycle.title,
                    "opens_on": cycle.opens_on,
                    "deadline": cycle.deadline,
                    "indicators": [link.indicator_id for link in cycle.cycle_indicators.all()],
                },
            )
        super().__init__(*args, **kwargs)
        self.fields["indicators"].queryset = (
            Indicator.objects.reported_by_countries()
            .select_related("outcome__objective__framework")
            .order_by("outcome__objective__framework__start_year", "outcome__objective__order", "order")
        )
        if cycle is not None and cycle.state == ReportingCycleState.OPEN:
            for name in ("biennium", "code", "opens_on"):
                self.fields[name].disabled = True
                self.fields[name].help_text = _("Fixed once the cycle is open.")
        _bootstrap(self)


class TargetForm(forms.Form):
    """Set the target of an indicator for a biennium, globally, for a region or for a country."""

    indicator = forms.ModelChoiceField(label=_("Indicator"), queryset=Indicator.objects.none())
    biennium = forms.ModelChoiceField(label=_("Biennium"), queryset=Biennium.objects.order_by("-start_date"))
    level = forms.ChoiceField(label=_("Level"), choices=TargetLevel.choices)
    region = forms.ModelChoiceField(
        label=_("Region"),
        queryset=Region.objects.all(),
        required=False,
        help_text=_("For a regional target."),
    )
    country = forms.ModelChoiceField(
        label=_("Country"),
        queryset=Country.objects.order_by("name"),
        required=False,
        help_text=_("For a country target."),
    )
    value = forms.DecimalField(label=_("Target value"), max_digits=20, decimal_places=4)
    note = forms.CharField(label=_("Note"), max_length=300, required=False)

    def __init__(self, *args, target=None, **kwargs):
        if target is not None:
            kwargs.setdefault(
                "initial",
                {
                    "indicator": target.indicator_id,
                    "biennium": target.biennium_id,
                    "level": target.level,
                    "region": target.region_id,
                    "country": target.country_id,
                    "value": target.value,
                    "note": target.note,
                },
            )
        super().__init__(*args, **kwargs)
        self.fields["indicator"].queryset = Indicator.objects.for_list().order_by(
            "outcome__objective__framework__start_year", "outcome__objective__order", "order"
        )
        self.fields["indicator"].label_from_instance = lambda obj: (
            f"{obj.outcome.objective.framework.code} · {obj.code} {obj.text[:80]}"
        )
        if target is not None:
            for name in ("indicator", "biennium", "level", "region", "country"):
                self.fields[name].disabled = True
        _bootstrap(self)

    def service_arguments(self) -> dict:
        data = self.cleaned_data
        return {
            name: data[name] for name in ("indicator", "biennium", "level", "region", "country", "value")
        } | {"note": data.get("note") or ""}


class OutputStatusForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"), choices=OutputStatus.choices, widget=forms.Select(attrs={"class": "form-select"})
    )
