"""Forms of the reporting app: thin, the services validate and write."""

from django import forms
from django.utils.translation import gettext_lazy as _

from core.uploads import SPREADSHEET_KINDS, validate_upload
from regions.models import RegionalCommittee, RegionalOffice
from workprogramme.models import Biennium

from .choices import ReportKind
from .models import BudgetLine, Post


class DateInput(forms.DateInput):
    input_type = "date"


class BootstrapMixin:
    """Bootstrap classes on every widget."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            widget = field.widget
            if isinstance(widget, forms.CheckboxInput):
                css = "form-check-input"
            elif isinstance(widget, forms.Select):
                css = "form-select"
            else:
                css = "form-control"
            widget.attrs.setdefault("class", css)


class ReportPublishForm(BootstrapMixin, forms.Form):
    """Confirm publishing a version; one whose checks failed needs the reason for the override."""

    override_reason = forms.CharField(
        label=_("Why publish this version although its checks failed?"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Say why this version is published although its checks failed.")},
        help_text=_("Kept on the version and in its history."),
    )

    def __init__(self, *args, failed_checks: int, **kwargs):
        super().__init__(*args, **kwargs)
        if not failed_checks:
            del self.fields["override_reason"]

    def reason(self) -> str | None:
        """The reason given, or None when the version needs no override."""
        return self.cleaned_data.get("override_reason") if "override_reason" in self.fields else None


class ReportRequestForm(BootstrapMixin, forms.Form):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "id_compile_%s")  # the report filters on the same page use id_kind...
        super().__init__(*args, **kwargs)

    kind = forms.ChoiceField(label=_("Report"), choices=ReportKind.choices)
    biennium = forms.ModelChoiceField(
        label=_("Biennium"), queryset=Biennium.objects.all(), to_field_name="code"
    )
    cutoff_date = forms.DateField(label=_("Cut-off date"), widget=DateInput)
    office = forms.ModelChoiceField(
        label=_("Regional office"),
        queryset=RegionalOffice.objects.all(),
        required=False,
        help_text=_("For a regional office report."),
    )
    committee = forms.ModelChoiceField(
        label=_("Regional committee"),
        queryset=RegionalCommittee.objects.all(),
        required=False,
        help_text=_("For a committee's annual report, with the year."),
    )
    year = forms.IntegerField(label=_("Year"), required=False, min_value=1990, max_value=2100)


class ImportForm(BootstrapMixin, forms.Form):
    """A finance or posts file for a biennium and cut-off date."""

    def __init__(self, *args, **kwargs):
        # The data page shows this form, the new-snapshot form and the filters, all with a biennium
        # field: distinct element ids keep each label tied to its own field.
        kwargs.setdefault("auto_id", "id_import_%s")
        super().__init__(*args, **kwargs)

    biennium = forms.ModelChoiceField(
        label=_("Biennium"), queryset=Biennium.objects.all(), to_field_name="code"
    )
    cutoff_date = forms.DateField(label=_("Cut-off date"), widget=DateInput)
    file = forms.FileField(label=_("File (CSV UTF-8 or XLSX)"))

    def clean_file(self):
        upload = self.cleaned_data["file"]
        validate_upload(upload, allowed=SPREADSHEET_KINDS)
        return upload


class BudgetLineForm(BootstrapMixin, forms.ModelForm):
    class Meta:
        model = BudgetLine
        fields = ["fund", "budget_holder", "object_of_expenditure", "approved", "expenditure", "forecast"]


class PostForm(BootstrapMixin, forms.ModelForm):
    class Meta:
        model = Post
        fields = [
            "post_number",
            "grade",
            "unit",
            "funding_source",
            "approved",
            "filled",
            "gender",
            "regional_group",
            "footnote",
        ]


class SnapshotForm(BootstrapMixin, forms.Form):
    """A new, empty snapshot to fill through the forms."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "id_snapshot_%s")  # see ImportForm
        super().__init__(*args, **kwargs)

    biennium = forms.ModelChoiceField(
        label=_("Biennium"), queryset=Biennium.objects.all(), to_field_name="code"
    )
    cutoff_date = forms.DateField(label=_("Cut-off date"), widget=DateInput)
