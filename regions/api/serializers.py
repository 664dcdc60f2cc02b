from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from core.api.fields import RelatedAttributeField
from regions.documents import document_url
from regions.models import (
    CommitteeAnnualReport,
    CommitteeMeeting,
    CommitteeMembership,
    Country,
    FocalPoint,
    FocalPointHandover,
    HostInstitution,
    MemorandumOfUnderstanding,
    Nomination,
    Partnership,
    Region,
    RegionalCommittee,
    RegionalOffice,
    Subregion,
    ThematicProgrammeNetwork,
)

from .schema import NamedChoiceField, enum_name


class MechanismSerializer(serializers.ModelSerializer):
    """Base of the mechanism's serializers: choice fields with named enums (see schema.py)."""

    serializer_choice_field = NamedChoiceField

    def build_standard_field(self, field_name, model_field):
        field_class, field_kwargs = super().build_standard_field(field_name, model_field)
        if field_class is NamedChoiceField:
            field_kwargs["enum_name"] = enum_name(self.Meta.model, field_name)
        return field_class, field_kwargs


class SubregionSerializer(serializers.ModelSerializer):
    class Meta:
        model = Subregion
        fields = ["code", "name"]


class RegionSerializer(serializers.ModelSerializer):
    subregions = SubregionSerializer(many=True, read_only=True)

    class Meta:
        model = Region
        fields = ["id", "code", "name", "name_en", "name_zh_hans", "subregions"]


class CountrySerializer(MechanismSerializer):
    """A Party; staff may change its annex, subregion, UN group and flags (PATCH)."""

    region = serializers.SlugRelatedField(
        slug_field="code", queryset=Region.objects.all(), allow_null=True, required=False
    )
    subregion = serializers.SlugRelatedField(
        slug_field="code", queryset=Subregion.objects.all(), allow_null=True, required=False
    )
    affected = serializers.BooleanField(source="is_affected", required=False)
    developed = serializers.BooleanField(source="is_developed", required=False)
    ldc = serializers.BooleanField(source="is_ldc", required=False)
    sids = serializers.BooleanField(source="is_sids", required=False)

    class Meta:
        model = Country
        fields = [
            "id",
            "iso3",
            "iso2",
            "name",
            "name_en",
            "name_zh_hans",
            "region",
            "subregion",
            "un_group",
            "affected",
            "developed",
            "ldc",
            "sids",
        ]
        read_only_fields = ["iso3", "iso2", "name"]


def region_field(**kwargs):
    return serializers.SlugRelatedField(slug_field="code", queryset=Region.objects.all(), **kwargs)


def country_field(**kwargs):
    return serializers.SlugRelatedField(slug_field="iso3", queryset=Country.objects.all(), **kwargs)


@extend_schema_field(OpenApiTypes.STR)
class DocumentUrlField(serializers.Field):
    """The permission-checked download address of an uploaded document ('' when none)."""

    def __init__(self, kind: str, **kwargs):
        self.kind = kind
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, value):
        return document_url(self.kind, value)


def _upload(**kwargs):
    return serializers.FileField(write_only=True, required=False, **kwargs)


class HostInstitutionSerializer(MechanismSerializer):
    country = country_field()

    class Meta:
        model = HostInstitution
        fields = ["id", "name", "kind", "country", "website"]


class RegionalOfficeSerializer(MechanismSerializer):
    region = region_field()
    host_institution_name = RelatedAttributeField("host_institution.name", empty="")
    coordinator_display = serializers.CharField(read_only=True)
    charter = _upload()
    charter_url = DocumentUrlField("office-charter")

    class Meta:
        model = RegionalOffice
        fields = [
            "id",
            "region",
            "name",
            "host_institution",
            "host_institution_name",
            "city",
            "coordinator",
            "coordinator_name",
            "coordinator_display",
            "reporting_line",
            "funding_source",
            "status",
            "opened_on",
            "charter",
            "charter_url",
        ]


class MoUSerializer(MechanismSerializer):
    host_country = country_field(required=False, allow_null=True)
    document = _upload()
    document_url = DocumentUrlField("mou")
    expiry_state = serializers.SerializerMethodField()

    class Meta:
        model = MemorandumOfUnderstanding
        fields = [
            "id",
            "title",
            "signatory",
            "office",
            "host_institution",
            "host_country",
            "signed_on",
            "valid_from",
            "valid_to",
            "status",
            "expiry_state",
            "document",
            "document_url",
        ]

    def get_expiry_state(self, mou) -> str | None:
        return mou.expiry_state()


class MembershipSerializer(MechanismSerializer):
    country = country_field()
    committee = serializers.PrimaryKeyRelatedField(read_only=True)

    class Meta:
        model = CommitteeMembership
        fields = ["id", "committee", "country", "representative", "role", "start_date", "end_date"]


class RegionalCommitteeSerializer(MechanismSerializer):
    region = region_field()
    members = MembershipSerializer(source="memberships", many=True, read_only=True)

    class Meta:
        model = RegionalCommittee
        fields = ["id", "region", "name", "established_on", "members"]


class CommitteeMeetingSerializer(MechanismSerializer):
    country = country_field(required=False, allow_null=True)
    region = serializers.CharField(source="committee.region.code", read_only=True)
    minutes = _upload()
    minutes_url = DocumentUrlField("meeting-minutes")

    class Meta:
        model = CommitteeMeeting
        fields = [
            "id",
            "committee",
            "region",
            "title",
            "date",
            "end_date",
            "place",
            "country",
            "back_to_back_with",
            "minutes",
            "minutes_url",
        ]


class CommitteeReportSerializer(MechanismSerializer):
    region = serializers.CharField(source="committee.region.code", read_only=True)
    file = _upload()
    file_url = DocumentUrlField("committee-report")

    class Meta:
        model = CommitteeAnnualReport
        fields = ["id", "committee", "region", "year", "text", "status", "published_at", "file", "file_url"]
        read_only_fields = ["published_at"]


class NetworkSerializer(MechanismSerializer):
    region = region_field()
    host_institution_name = RelatedAttributeField("host_institution.name", empty="")

    class Meta:
        model = ThematicProgrammeNetwork
        fields = [
            "id",
            "region",
            "code",
            "theme",
            "host_institution",
            "host_institution_name",
            "status",
            "last_evaluated_on",
            "evaluation_outcome",
            "focal_points",
        ]


class FocalPointSerializer(MechanismSerializer):
    country = country_field()
    active = serializers.BooleanField(source="is_active", read_only=True)

    class Meta:
        model = FocalPoint
        fields = [
            "id",
            "country",
            "role",
            "title",
            "first_name",
            "last_name",
            "email",
            "phone",
            "organisation",
            "position",
            "languages",
            "start_date",
            "end_date",
            "active",
            "user",
        ]


class FocalPointHandoverSerializer(MechanismSerializer):
    """Who handed a focal point's term over to whom, when, and who recorded it (read-only)."""

    country = serializers.SlugRelatedField(slug_field="iso3", read_only=True)
    previous_name = serializers.CharField(source="previous.full_name", read_only=True)
    successor_name = serializers.CharField(source="successor.full_name", read_only=True)
    recorded_by = serializers.StringRelatedField(allow_null=True)

    class Meta:
        model = FocalPointHandover
        fields = [
            "id",
            "country",
            "role",
            "previous",
            "previous_name",
            "successor",
            "successor_name",
            "handed_over_on",
            "access_ended",
            "nomination",
            "recorded_at",
            "recorded_by",
        ]
        read_only_fields = fields


class NominationSerializer(MechanismSerializer):
    country = country_field(required=False, help_text="ISO3; an NFP's own country when omitted.")
    nomination_letter = _upload()
    cv = _upload()
    nomination_letter_url = DocumentUrlField("nomination-letter")
    cv_url = DocumentUrlField("nomination-cv")
    created_by = serializers.StringRelatedField()
    submitted_by = serializers.StringRelatedField()
    decided_by = serializers.StringRelatedField()

    class Meta:
        model = Nomination
        fields = [
            "id",
            "country",
            "role",
            "title",
            "first_name",
            "last_name",
            "email",
            "phone",
            "organisation",
            "position",
            "languages",
            "proposed_start",
            "nomination_letter",
            "nomination_letter_url",
            "cv",
            "cv_url",
            "status",
            "created_at",
            "created_by",
            "submitted_at",
            "submitted_by",
            "decided_at",
            "decided_by",
            "rejection_reason",
            "focal_point",
        ]
        read_only_fields = [
            "status",
            "created_at",
            "submitted_at",
            "decided_at",
            "rejection_reason",
            "focal_point",
        ]


class NominationAcceptSerializer(serializers.Serializer):
    start_date = serializers.DateField(
        required=False, allow_null=True, help_text="Default: proposed start or today."
    )


class NominationRejectSerializer(serializers.Serializer):
    reason = serializers.CharField(allow_blank=True)


class PartnershipSerializer(MechanismSerializer):
    regions = serializers.SlugRelatedField(
        slug_field="code", queryset=Region.objects.all(), many=True, required=False
    )
    countries = serializers.SlugRelatedField(
        slug_field="iso3", queryset=Country.objects.all(), many=True, required=False
    )
    agreement = _upload()
    agreement_url = DocumentUrlField("partnership-agreement")

    class Meta:
        model = Partnership
        fields = [
            "id",
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
            "agreement_url",
        ]
