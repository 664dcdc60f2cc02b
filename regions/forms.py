"""Web forms of the regional mechanism: they validate input, the services write."""

from django import forms
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from core.roles import Role
from core.uploads import DOCUMENT_KINDS, keep_upload, kept_upload, validate_upload

from .models import (
    CommitteeAnnualReport,
    CommitteeMeeting,
    CommitteeMembership,
    Country,
    FocalPoint,
    HostInstitution,
    MemorandumOfUnderstanding,
    Nomination,
    Partnership,
    Region,
    RegionalCommittee,
    RegionalOffice,
    ThematicProgrammeNetwork,
)

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
NOMINEE_FIELDS = [
    "title",
    "first_name",
    "last_name",
    "email",
    "phone",
    "organisation",
    "position",
    "languages",
]


KEPT = "{name}__kept"


class PortalModelForm(forms.ModelForm):
    """A ModelForm with Bootstrap classes; `user` limits the choices to what that user may edit.

    A valid document uploaded with a post that fails for another reason is kept (`keep_valid_uploads`,
    called when the page is shown again): the page says "letter.pdf is kept" and the next post takes
    it back, so the user chooses again only the file that was refused."""

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.kept: dict[str, str] = {}
        self.file_fields = [name for name, field in self.fields.items() if isinstance(field, forms.FileField)]
        for name in self.file_fields:
            self.fields[KEPT.format(name=name)] = forms.CharField(required=False, widget=forms.HiddenInput)
        if self.is_bound and user is not None:
            self._claim_kept_uploads()
        for name, field in self.fields.items():
            if isinstance(field, forms.FileField):
                # A plain file input: ClearableFileInput would link the stored file's media URL,
                # while documents are only served through the permission-checked download view.
                field.widget = forms.FileInput()
                if getattr(self.instance, name, None):
                    field.help_text = f"{field.help_text} " + str(
                        _("A file is attached; choose one to replace it.")
                    )
            widget = field.widget
            if isinstance(widget, forms.DateInput):
                widget.input_type = "date"
                widget.format = "%Y-%m-%d"
            if isinstance(widget, forms.CheckboxInput):
                css = "form-check-input"
            elif isinstance(widget, forms.Select | forms.SelectMultiple):
                css = "form-select"
            else:
                css = "form-control"
            widget.attrs.setdefault("class", css)
        if "region" in self.fields and user is not None:
            self.fields["region"].queryset = self._editable_regions()
        if "committee" in self.fields and user is not None:
            self.fields["committee"].queryset = RegionalCommittee.objects.editable_by(user).select_related(
                "region"
            )

    def _editable_regions(self):
        return Region.objects.restrict(self.user, "coordinate")

    def _claim_kept_uploads(self) -> None:
        """A file kept from the failed post stands in for a file input left empty."""
        for name in self.file_fields:
            token = self.data.get(KEPT.format(name=name))
            if self.files.get(name) or not token:
                continue
            kept = kept_upload(token, user=self.user)
            if kept is not None:
                self.files = self.files.copy()
                self.files[name] = kept

    def clean(self):
        data = super().clean()
        for name in self.file_fields:
            data.pop(KEPT.format(name=name), None)
        return data

    def keep_valid_uploads(self) -> None:
        """After a failed post: keep each valid new document so that it need not be chosen again."""
        if not (self.is_bound and self.errors and self.user is not None):
            return
        data = self.data.copy()
        for name in self.file_fields:
            upload = self.files.get(name)
            if not isinstance(upload, UploadedFile):
                continue
            data[KEPT.format(name=name)] = ""
            if name in self.errors:
                continue
            try:
                validate_upload(upload, allowed=DOCUMENT_KINDS)
            except ValidationError:
                continue
            data[KEPT.format(name=name)] = keep_upload(upload, user=self.user)
            self.kept[name] = upload.name
        self.data = data
        for name, filename in self.kept.items():
            field = self.fields[name]
            field.required = False  # the kept file stands in for it
            field.help_text = _("%(file)s is kept: choose a file only to replace it.") % {"file": filename}
            self[name].help_text = field.help_text  # the bound field copied the help text when made


def _date_widgets(*names: str) -> dict:
    return {name: forms.DateInput(attrs={"type": "date"}) for name in names}


class CountryForm(PortalModelForm):
    class Meta:
        model = Country
        fields = [
            "name_en",
            "name_zh_hans",
            "region",
            "subregion",
            "un_group",
            "is_affected",
            "is_developed",
            "is_ldc",
            "is_sids",
        ]


class HostInstitutionForm(PortalModelForm):
    website = forms.URLField(required=False, assume_scheme="https")

    class Meta:
        model = HostInstitution
        fields = ["name", "kind", "country", "website"]


class RegionalOfficeForm(PortalModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["coordinator"].queryset = User.objects.filter(groups__name=Role.REGIONAL_COORDINATOR)

    class Meta:
        model = RegionalOffice
        fields = [
            "region",
            "name",
            "host_institution",
            "city",
            "coordinator",
            "coordinator_name",
            "reporting_line",
            "funding_source",
            "status",
            "opened_on",
            "charter",
        ]
        widgets = _date_widgets("opened_on")


class MoUForm(PortalModelForm):
    class Meta:
        model = MemorandumOfUnderstanding
        fields = [
            "title",
            "signatory",
            "office",
            "host_institution",
            "host_country",
            "signed_on",
            "valid_from",
            "valid_to",
            "status",
            "document",
        ]
        widgets = _date_widgets("signed_on", "valid_from", "valid_to")


class RegionalCommitteeForm(PortalModelForm):
    class Meta:
        model = RegionalCommittee
        fields = ["region", "name", "established_on"]
        widgets = _date_widgets("established_on")


class CommitteeMembershipForm(PortalModelForm):
    """Offers only the Parties the user may place: those of the regions of the committees they may
    edit (the CommitteeMembership rule names the committee's region)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.user is not None:
            regions = RegionalCommittee.objects.editable_by(self.user).values("region")
            self.fields["country"].queryset = Country.objects.filter(region__in=regions).order_by("name")

    class Meta:
        model = CommitteeMembership
        fields = ["committee", "country", "representative", "role", "start_date", "end_date"]
        widgets = _date_widgets("start_date", "end_date")


class CommitteeMeetingForm(PortalModelForm):
    class Meta:
        model = CommitteeMeeting
        fields = [
            "committee",
            "title",
            "date",
            "end_date",
            "place",
            "country",
            "back_to_back_with",
            "minutes",
        ]
        widgets = _date_widgets("date", "end_date")


class CommitteeReportForm(PortalModelForm):
    class Meta:
        model = CommitteeAnnualReport
        fields = ["committee", "year", "status", "text", "file"]
        widgets = {"text": forms.Textarea(attrs={"rows": 8})}


class NetworkForm(PortalModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        region_id = self.instance.region_id
        # Only the region's focal points in office are offered (none until the network has a region).
        self.fields["focal_points"].queryset = (
            FocalPoint.objects.active().filter(country__region_id=region_id).select_related("country")
            if region_id
            else FocalPoint.objects.none()
        )
        self.fields["focal_points"].help_text = _("Focal points in office in the network's region.")

    class Meta:
        model = ThematicProgrammeNetwork
        fields = [
            "region",
            "code",
            "theme",
            "host_institution",
            "status",
            "last_evaluated_on",
            "evaluation_outcome",
            "focal_points",
        ]
        widgets = _date_widgets("last_evaluated_on")


class FocalPointForm(PortalModelForm):
    class Meta:
        model = FocalPoint
        fields = ["country", "role", *NOMINEE_FIELDS, "start_date", "end_date", "user"]
        widgets = _date_widgets("start_date", "end_date")


class NominationForm(PortalModelForm):
    """The secretariat records a government's nomination of an NFP (or an STC)."""

    class Meta:
        model = Nomination
        fields = ["country", "role", *NOMINEE_FIELDS, "proposed_start", "nomination_letter", "cv"]
        widgets = _date_widgets("proposed_start")
        help_texts = {
            "nomination_letter": _("PDF, DOCX or ODT, at most 10 MB."),
            "cv": _("Required for an STC: PDF, DOCX or ODT, at most 10 MB."),
        }


class StcNominationForm(PortalModelForm):
    """An NFP nominates their country's STC: nomination letter and CV are both required."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["cv"].required = True

    class Meta:
        model = Nomination
        fields = [*NOMINEE_FIELDS, "proposed_start", "nomination_letter", "cv"]
        widgets = _date_widgets("proposed_start")
        help_texts = {
            "nomination_letter": _("The formal nomination letter: PDF, DOCX or ODT, at most 10 MB."),
            "cv": _("The candidate's CV: PDF, DOCX or ODT, at most 10 MB."),
        }


class NominationAcceptForm(forms.Form):
    start_date = forms.DateField(
        required=False,
        widget=forms.DateInput(attrs={"type": "date", "class": "form-control"}),
        help_text=_("Empty: the proposed start, or today."),
    )


class NominationRejectForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3, "class": "form-control"}), max_length=2000
    )


class PartnershipForm(PortalModelForm):
    class Meta:
        model = Partnership
        fields = [
            "partner",
            "kind",
            "scope",
            "description",
            "regions",
            "countries",
            "start_date",
            "end_date",
            "source",
            "agreement",
        ]
        widgets = {
            **_date_widgets("start_date", "end_date"),
            "description": forms.Textarea(attrs={"rows": 4}),
        }
