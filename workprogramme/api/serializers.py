from rest_framework import serializers

from regions.api.schema import NamedChoiceField, enum_name
from regions.models import Country, Partnership, Region
from workprogramme.choices import (
    ActivityFormat,
    BienniumState,
    CapacityBuildingKind,
    ObjectiveKind,
    OutputOwnerKind,
    OutputStatus,
    ReportingCycleState,
    SubmissionState,
    TargetLevel,
    ValueSource,
    WorkProgrammeKind,
)
from workprogramme.models import (
    Biennium,
    CapacityBuildingActivity,
    ExpectedAccomplishment,
    Indicator,
    Language,
    Objective,
    Outcome,
    Output,
    PerformanceIndicator,
    RegionalFunction,
    ReportingCycle,
    ResultsFramework,
    Submission,
    SubmissionTransition,
    SubmissionValue,
    Target,
    WorkProgramme,
)


def choice_text(choices) -> serializers.CharField:
    """A read-only choice as plain text: avoids OpenAPI enum-name collisions between apps."""
    return serializers.CharField(
        read_only=True, help_text="One of: " + ", ".join(value for value, _ in choices)
    )


class ResultsFrameworkSerializer(serializers.ModelSerializer):
    class Meta:
        model = ResultsFramework
        fields = ["id", "code", "name", "start_year", "end_year"]


class ObjectiveSerializer(serializers.ModelSerializer):
    kind = choice_text(ObjectiveKind.choices)
    framework = serializers.SlugRelatedField(slug_field="code", read_only=True)

    class Meta:
        model = Objective
        fields = ["id", "framework", "code", "kind", "title", "title_en", "title_zh_hans", "order"]


class OutcomeSerializer(serializers.ModelSerializer):
    objective = serializers.CharField(source="objective.code", read_only=True)
    framework = serializers.CharField(source="objective.framework.code", read_only=True)

    class Meta:
        model = Outcome
        fields = ["id", "framework", "objective", "code", "text", "text_en", "text_zh_hans", "order"]


class IndicatorSerializer(serializers.ModelSerializer):
    outcome = serializers.CharField(source="outcome.code", read_only=True)
    objective = serializers.CharField(source="outcome.objective.code", read_only=True)
    framework = serializers.CharField(source="outcome.objective.framework.code", read_only=True)

    class Meta:
        model = Indicator
        fields = [
            "id",
            "framework",
            "objective",
            "outcome",
            "code",
            "text",
            "text_en",
            "text_zh_hans",
            "unit",
            "value_type",
            "aggregation",
            "reported_by",
        ]


class BienniumSerializer(serializers.ModelSerializer):
    state = choice_text(BienniumState.choices)

    class Meta:
        model = Biennium
        fields = ["id", "code", "start_date", "end_date", "state"]


class WorkProgrammeSerializer(serializers.ModelSerializer):
    kind = choice_text(WorkProgrammeKind.choices)
    biennium = serializers.CharField(source="biennium.code", read_only=True)
    region = serializers.CharField(source="regional_office.region.code", read_only=True, default=None)
    regional_office = serializers.CharField(source="regional_office.name", read_only=True, default=None)

    class Meta:
        model = WorkProgramme
        fields = ["id", "biennium", "kind", "region", "regional_office", "title", "title_en", "title_zh_hans"]


class ExpectedAccomplishmentSerializer(serializers.ModelSerializer):
    biennium = serializers.CharField(source="work_programme.biennium.code", read_only=True)
    objective = serializers.CharField(source="objective.code", read_only=True, default=None)

    class Meta:
        model = ExpectedAccomplishment
        fields = ["id", "work_programme", "biennium", "objective", "code", "text", "text_en", "text_zh_hans"]


class PerformanceIndicatorSerializer(serializers.ModelSerializer):
    expected_accomplishment_code = serializers.CharField(
        source="expected_accomplishment.code", read_only=True
    )

    class Meta:
        model = PerformanceIndicator
        fields = [
            "id",
            "expected_accomplishment",
            "expected_accomplishment_code",
            "code",
            "text",
            "text_en",
            "text_zh_hans",
            "unit",
            "baseline",
            "target",
        ]


class OutputSerializer(serializers.ModelSerializer):
    status = choice_text(OutputStatus.choices)
    owner_kind = choice_text(OutputOwnerKind.choices)
    owner = serializers.CharField(source="owner_label", read_only=True)

    class Meta:
        model = Output
        fields = ["id", "expected_accomplishment", "title", "owner_kind", "owner", "milestone_date", "status"]


class TargetSerializer(serializers.ModelSerializer):
    level = choice_text(TargetLevel.choices)
    indicator = serializers.CharField(source="indicator.code", read_only=True)
    objective = serializers.CharField(source="indicator.outcome.objective.code", read_only=True)
    biennium = serializers.CharField(source="biennium.code", read_only=True)
    region = serializers.CharField(source="region.code", read_only=True, default=None)
    country = serializers.CharField(source="country.iso3", read_only=True, default=None)

    class Meta:
        model = Target
        fields = ["id", "indicator", "objective", "biennium", "level", "region", "country", "value", "note"]


class RegionalFunctionSerializer(serializers.ModelSerializer):
    outcome = serializers.CharField(source="outcome.code", read_only=True)
    objective = serializers.CharField(source="outcome.objective.code", read_only=True)
    responsible = serializers.ListField(source="responsible_bodies", read_only=True)

    class Meta:
        model = RegionalFunction
        fields = ["id", "objective", "outcome", "order", "text", "text_en", "text_zh_hans", "responsible"]


class ReportingCycleSerializer(serializers.ModelSerializer):
    state = choice_text(ReportingCycleState.choices)
    biennium = serializers.CharField(source="biennium.code", read_only=True)
    indicators = serializers.SerializerMethodField()

    class Meta:
        model = ReportingCycle
        fields = ["id", "code", "title", "biennium", "opens_on", "deadline", "state", "indicators"]

    def get_indicators(self, cycle) -> list[dict]:
        return [
            {"id": link.indicator_id, "code": link.indicator.code, "required": link.is_required}
            for link in cycle.cycle_indicators.all()
        ]


class ReportingCycleWriteSerializer(serializers.Serializer):
    """What the secretariat sends to plan or change a cycle; the services check the rules."""

    biennium = serializers.SlugRelatedField(slug_field="code", queryset=Biennium.objects.all())
    code = serializers.CharField(max_length=40)
    title = serializers.CharField(max_length=200)
    opens_on = serializers.DateField()
    deadline = serializers.DateField()
    indicators = serializers.PrimaryKeyRelatedField(
        queryset=Indicator.objects.all(), many=True, help_text="Ids of country-reported indicators."
    )


class SubmissionValueSerializer(serializers.ModelSerializer):
    source = choice_text(ValueSource.choices)
    indicator_code = serializers.CharField(source="indicator.code", read_only=True)
    value_type = serializers.CharField(source="indicator.value_type", read_only=True)
    value = serializers.CharField(source="raw_value", read_only=True)
    changed_since_last = serializers.BooleanField(read_only=True)

    class Meta:
        model = SubmissionValue
        fields = [
            "indicator",
            "indicator_code",
            "value_type",
            "value",
            "number_value",
            "boolean_value",
            "source",
            "narrative",
            "error",
            "previous_value",
            "changed_since_last",
            "reviewer_comment",
        ]


class SubmissionTransitionSerializer(serializers.ModelSerializer):
    from_state = choice_text(SubmissionState.choices)
    to_state = choice_text(SubmissionState.choices)
    actor = serializers.CharField(source="actor.username", read_only=True, default=None)

    class Meta:
        model = SubmissionTransition
        fields = ["from_state", "to_state", "actor", "at", "comment"]


class SubmissionSerializer(serializers.ModelSerializer):
    state = choice_text(SubmissionState.choices)
    cycle = serializers.CharField(source="cycle.code", read_only=True)
    biennium = serializers.CharField(source="cycle.biennium.code", read_only=True)
    country = serializers.CharField(source="country.iso3", read_only=True)
    country_name = serializers.CharField(source="country.name", read_only=True)
    region = serializers.CharField(source="country.region.code", read_only=True, default=None)
    values = SubmissionValueSerializer(many=True, read_only=True)
    transitions = SubmissionTransitionSerializer(many=True, read_only=True)

    class Meta:
        model = Submission
        fields = [
            "id",
            "cycle",
            "biennium",
            "country",
            "country_name",
            "region",
            "state",
            "version",
            "submitted_at",
            "validated_at",
            "values",
            "transitions",
        ]


class SubmissionStartSerializer(serializers.Serializer):
    cycle = serializers.SlugRelatedField(slug_field="code", queryset=ReportingCycle.objects.all())
    country = serializers.SlugRelatedField(slug_field="iso3", queryset=Country.objects.all(), required=False)


class ValueEntrySerializer(serializers.Serializer):
    indicator = serializers.IntegerField()
    value = serializers.CharField(required=False, allow_blank=True, max_length=2000)
    source = serializers.CharField(required=False, allow_blank=True, max_length=20)
    narrative = serializers.CharField(required=False, allow_blank=True, max_length=20000)


class SaveDraftSerializer(serializers.Serializer):
    version = serializers.IntegerField(min_value=1)
    values = ValueEntrySerializer(many=True)


class TransitionSerializer(serializers.Serializer):
    version = serializers.IntegerField(min_value=1, required=False)
    comment = serializers.CharField(required=False, allow_blank=True, max_length=5000, default="")
    indicator_comments = serializers.DictField(
        child=serializers.CharField(allow_blank=True, max_length=5000), required=False, default=dict
    )


class ResultSerializer(serializers.ModelSerializer):
    """One validated value: a row of the flat results table."""

    source = choice_text(ValueSource.choices)
    biennium = serializers.CharField(source="submission.cycle.biennium.code")
    cycle = serializers.CharField(source="submission.cycle.code")
    region = serializers.CharField(source="submission.country.region.code", default=None)
    country = serializers.CharField(source="submission.country.iso3")
    country_name = serializers.CharField(source="submission.country.name")
    objective = serializers.CharField(source="indicator.outcome.objective.code")
    outcome = serializers.CharField(source="indicator.outcome.code")
    indicator = serializers.CharField(source="indicator.code")
    unit = serializers.CharField(source="indicator.unit")
    value = serializers.CharField(source="display_value")
    validated_at = serializers.DateTimeField(source="submission.validated_at")

    class Meta:
        model = SubmissionValue
        fields = [
            "biennium",
            "cycle",
            "region",
            "country",
            "country_name",
            "objective",
            "outcome",
            "indicator",
            "unit",
            "value",
            "source",
            "narrative",
            "validated_at",
        ]
        read_only_fields = fields


class TargetWriteSerializer(serializers.Serializer):
    indicator = serializers.PrimaryKeyRelatedField(queryset=Indicator.objects.all())
    biennium = serializers.SlugRelatedField(slug_field="code", queryset=Biennium.objects.all())
    level = serializers.CharField(max_length=20)
    region = serializers.SlugRelatedField(
        slug_field="code", queryset=Region.objects.all(), required=False, allow_null=True
    )
    country = serializers.SlugRelatedField(
        slug_field="iso3", queryset=Country.objects.all(), required=False, allow_null=True
    )
    value = serializers.DecimalField(max_digits=20, decimal_places=4)
    note = serializers.CharField(required=False, allow_blank=True, max_length=300, default="")


class OutputStatusSerializer(serializers.Serializer):
    status = serializers.CharField(max_length=20)


class SpreadsheetImportSerializer(serializers.Serializer):
    version = serializers.IntegerField(min_value=1)
    file = serializers.FileField()


class EvidenceUploadSerializer(serializers.Serializer):
    title = serializers.CharField(max_length=200)
    indicator = serializers.PrimaryKeyRelatedField(
        queryset=Indicator.objects.all(), required=False, allow_null=True
    )
    file = serializers.FileField()


class BulkImportSerializer(serializers.Serializer):
    file = serializers.FileField()


class CapacityBuildingActivitySerializer(serializers.ModelSerializer):
    """A capacity-building activity; participants_total and female_share are derived."""

    kind = NamedChoiceField(
        choices=CapacityBuildingKind.choices, enum_name=enum_name(CapacityBuildingActivity, "kind")
    )
    kind_label = serializers.CharField(source="get_kind_display", read_only=True)
    format = NamedChoiceField(
        choices=ActivityFormat.choices, enum_name=enum_name(CapacityBuildingActivity, "format")
    )
    languages = serializers.SlugRelatedField(
        slug_field="code",
        queryset=Language.objects.all(),
        many=True,
        help_text="Codes: ar, zh, en, fr, ru, es.",
    )
    partners = serializers.PrimaryKeyRelatedField(
        queryset=Partnership.objects.all(), many=True, required=False, help_text="Partnership ids."
    )
    partner_names = serializers.SerializerMethodField()
    countries = serializers.SlugRelatedField(
        slug_field="iso3", queryset=Country.objects.all(), many=True, required=False
    )
    regions = serializers.SlugRelatedField(
        slug_field="code", queryset=Region.objects.all(), many=True, required=False
    )
    participants_total = serializers.IntegerField(source="total_participants", read_only=True)
    female_share = serializers.FloatField(read_only=True, allow_null=True)
    objective_code = serializers.CharField(source="objective.code", read_only=True, default=None)
    outcome_code = serializers.CharField(source="outcome.code", read_only=True, default=None)
    biennium = serializers.SlugRelatedField(
        slug_field="code", queryset=Biennium.objects.all(), required=False, allow_null=True
    )

    class Meta:
        model = CapacityBuildingActivity
        fields = [
            "id",
            "kind",
            "kind_label",
            "title",
            "description",
            "start_date",
            "end_date",
            "format",
            "languages",
            "partners",
            "partner_names",
            "countries",
            "regions",
            "participants_female",
            "participants_male",
            "participants_other",
            "participants_total",
            "female_share",
            "mandate_decision",
            "mandate_paragraph",
            "objective",
            "objective_code",
            "outcome",
            "outcome_code",
            "biennium",
            "source",
        ]
        # The service checks uniqueness and every cross-field rule, with its own messages.
        validators = []

    def get_partner_names(self, activity) -> list[str]:
        return [partnership.partner for partnership in activity.partners.all()]
