from django.urls import reverse
from django.utils.translation import gettext
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from core.api.fields import RelatedAttributeField
from core.numbers import Numeral
from core.scoping import may_ever
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
    DataSource,
    DefaultDataset,
    ExpectedAccomplishment,
    Indicator,
    Language,
    Objective,
    Observation,
    Outcome,
    Output,
    PerformanceIndicator,
    RegionalFunction,
    ReportingCycle,
    ResultsFramework,
    Submission,
    SubmissionEvidence,
    SubmissionIndicator,
    SubmissionTransition,
    Target,
    WorkProgramme,
)
from workprogramme.tables import parse_members


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


class ReportedIndicatorSerializer(serializers.ModelSerializer):
    """An indicator a submission reports: its narrative and comment, and for a scalar indicator its
    value from the indicator's one cell (`scalar_cell`, set by `reported_indicators()`; a table's
    values are in the submission's `observations`)."""

    indicator_code = serializers.CharField(source="indicator.code", read_only=True)
    value_type = serializers.CharField(source="indicator.value_type", read_only=True)
    is_table = serializers.BooleanField(read_only=True)
    value = serializers.CharField(source="scalar_cell.raw_value", read_only=True, default="")
    number_value = serializers.DecimalField(
        source="scalar_cell.number_value", max_digits=20, decimal_places=4, read_only=True, default=None
    )
    boolean_value = serializers.BooleanField(source="scalar_cell.boolean_value", read_only=True, default=None)
    source = serializers.CharField(
        source="scalar_cell.source",
        read_only=True,
        default="",
        help_text="One of: " + ", ".join(ValueSource.values),
    )
    error = serializers.CharField(source="scalar_cell.error", read_only=True, default="")
    previous_value = serializers.CharField(source="scalar_cell.previous_value", read_only=True, default="")
    changed_since_last = serializers.BooleanField(
        source="scalar_cell.changed_since_last", read_only=True, default=False
    )

    class Meta:
        model = SubmissionIndicator
        fields = [
            "indicator",
            "indicator_code",
            "value_type",
            "is_table",
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


def reported_indicators(entries, scalar_cells: dict) -> list:
    """The submission's reported indicators, each with its scalar cell (None for a table)."""
    entries = list(entries)
    for entry in entries:
        entry.scalar_cell = scalar_cells.get(entry.indicator_id)
        entry.is_table = entry.scalar_cell is None
    return ReportedIndicatorSerializer(entries, many=True).data


class CellSerializer(serializers.ModelSerializer):
    """One cell of a table: its coordinates, value, default and where it comes from."""

    dimensions = serializers.DictField(source="members", child=serializers.CharField(), read_only=True)
    value = serializers.CharField(source="raw_value", read_only=True)
    source = choice_text(ValueSource.choices)
    data_source = serializers.IntegerField(source="data_source_id", read_only=True, allow_null=True)
    evidence = serializers.SerializerMethodField()

    class Meta:
        model = Observation
        fields = [
            "time_period",
            "dimensions",
            "value",
            "number_value",
            "error",
            "source",
            "default_value",
            "justification",
            "data_source",
            "previous_value",
            "evidence",
        ]

    def get_evidence(self, cell) -> list[int]:
        """The ids of the files attached to this cell (listed in the submission's `evidence`)."""
        by_cell = self.context.get("evidence", {})
        return [item.pk for item in by_cell.get((cell.key, cell.time_period), [])]


class EvidenceSerializer(serializers.ModelSerializer):
    """A file backing a submission: the whole report (no indicator), an indicator, or one cell
    (`time_period` and `dimensions`, as the cells name theirs)."""

    indicator = serializers.CharField(source="indicator.code", read_only=True, default=None)
    dimensions = serializers.DictField(source="members", child=serializers.CharField(), read_only=True)
    uploaded_by = serializers.CharField(read_only=True)
    url = serializers.SerializerMethodField()

    class Meta:
        model = SubmissionEvidence
        fields = [
            "id",
            "title",
            "indicator",
            "time_period",
            "dimensions",
            "uploaded_by",
            "uploaded_at",
            "url",
        ]

    def get_url(self, evidence) -> str:
        return reverse("workprogramme:submission_evidence_file", args=[evidence.submission_id, evidence.pk])


class DataSourceSerializer(serializers.ModelSerializer):
    class Meta:
        model = DataSource
        fields = ["id", "title", "link", "publisher"]


class SubmissionTransitionSerializer(serializers.ModelSerializer):
    from_state = choice_text(SubmissionState.choices)
    to_state = choice_text(SubmissionState.choices)
    actor = serializers.CharField(source="actor.username", read_only=True, default=None)

    class Meta:
        model = SubmissionTransition
        fields = ["from_state", "to_state", "actor", "at", "comment"]


class SubmissionSerializer(serializers.ModelSerializer):
    """A row of the submissions list: what it is, where it stands and counts (`for_list()`); the
    values are on the detail, or in the list with `?expand=values`."""

    state = choice_text(SubmissionState.choices)
    cycle = serializers.CharField(source="cycle.code", read_only=True)
    biennium = serializers.CharField(source="cycle.biennium.code", read_only=True)
    country = serializers.CharField(source="country.iso3", read_only=True)
    country_name = serializers.CharField(source="country.name", read_only=True)
    region = serializers.CharField(source="country.region.code", read_only=True, default=None)
    indicator_count = serializers.IntegerField(read_only=True, help_text="Indicators the cycle asks for.")
    value_count = serializers.IntegerField(
        read_only=True, help_text="Cells with a value (a scalar indicator has one cell, a table many)."
    )
    invalid_value_count = serializers.IntegerField(
        read_only=True, help_text="Cells whose value is kept with an error (to correct before handing in)."
    )

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
            "indicator_count",
            "value_count",
            "invalid_value_count",
        ]


class SubmissionWithValuesSerializer(SubmissionSerializer):
    """A list row with `?expand=values`: also the reported indicators with the scalar ones' values
    and the workflow steps (`for_list_with_values()`)."""

    values = serializers.SerializerMethodField()
    transitions = SubmissionTransitionSerializer(many=True, read_only=True)

    class Meta(SubmissionSerializer.Meta):
        fields = [*SubmissionSerializer.Meta.fields, "values", "transitions"]

    def to_representation(self, submission):
        """The review conversation (`transitions`, each value's `reviewer_comment`) only for those who may
        read it (policy action `read_review`): not for API readers and API clients."""
        data = super().to_representation(submission)
        if not self._may_read_review():
            data.pop("transitions", None)
            for value in data.get("values", []):
                value.pop("reviewer_comment", None)
        return data

    def _may_read_review(self) -> bool:
        request = self.context.get("request")
        if request is None:
            return False
        if "may_read_review" not in self.context:  # asked once per list, not per row
            self.context["may_read_review"] = may_ever(request.user, Submission, "read_review")
        return self.context["may_read_review"]

    @extend_schema_field(ReportedIndicatorSerializer(many=True))
    def get_values(self, submission) -> list:
        """The reported indicators, with the scalar ones' values (prefetched by `for_list_with_values()`)."""
        cells = {cell.indicator_id: cell for cell in submission.scalar_observations}
        return reported_indicators(submission.reported_indicators.all(), cells)


class TableSerializer(serializers.Serializer):
    """A table indicator of a submission with its cells (a `selectors.SubmissionTable`)."""

    indicator = serializers.IntegerField(source="indicator.pk")
    indicator_code = serializers.CharField(source="indicator.code")
    prais_table = serializers.CharField(source="indicator.prais_table")
    unit = serializers.CharField(source="indicator.unit")
    unit_code = serializers.CharField(source="indicator.unit_code")
    time_periods = serializers.ListField(source="spec.time_periods", child=serializers.CharField())
    dimensions = serializers.SerializerMethodField()
    cells = serializers.SerializerMethodField()

    def get_dimensions(self, table) -> list[str]:
        return [dimension.code for dimension in table.spec.dimensions]

    @extend_schema_field(CellSerializer(many=True))
    def get_cells(self, table) -> list:
        cells = [cell for row, period in table.spec.cells() if (cell := table.cell(row, period))]
        return CellSerializer(cells, many=True, context={"evidence": table.evidence}).data


class SubmissionDetailSerializer(SubmissionWithValuesSerializer):
    """A submission with its tables: `values` for the scalar indicators (and every indicator's
    narrative), `observations` per table indicator, the `data_sources` that cells name by id.
    Reads `submission.tables` (`selectors.submission_tables`), set by the view."""

    observations = serializers.SerializerMethodField()
    data_sources = serializers.SerializerMethodField()
    evidence = EvidenceSerializer(source="evidence_items", many=True, read_only=True)

    class Meta(SubmissionWithValuesSerializer.Meta):
        fields = [*SubmissionWithValuesSerializer.Meta.fields, "observations", "data_sources", "evidence"]

    @extend_schema_field(ReportedIndicatorSerializer(many=True))
    def get_values(self, submission) -> list:
        cells = {table.indicator.pk: table.scalar_cell for table in submission.tables if table.spec.is_scalar}
        return reported_indicators([table.entry for table in submission.tables], cells)

    @extend_schema_field(TableSerializer(many=True))
    def get_observations(self, submission) -> list:
        return TableSerializer(
            [table for table in submission.tables if not table.spec.is_scalar], many=True
        ).data

    @extend_schema_field(DataSourceSerializer(many=True))
    def get_data_sources(self, submission) -> list:
        sources = {
            cell.data_source_id: cell.data_source
            for table in submission.tables
            for cell in table.cells.values()
            if cell.data_source_id
        }
        return DataSourceSerializer(sorted(sources.values(), key=lambda source: source.pk), many=True).data


class SubmissionStartSerializer(serializers.Serializer):
    cycle = serializers.SlugRelatedField(slug_field="code", queryset=ReportingCycle.objects.all())
    country = serializers.SlugRelatedField(slug_field="iso3", queryset=Country.objects.all(), required=False)


class IndicatorValueField(serializers.CharField):
    """A value as sent: a JSON number is taken as it is; a string is read in the request's language
    ("1 234,5" with Accept-Language: fr), by the same parser as the web forms."""

    def to_internal_value(self, data):
        if isinstance(data, int | float) and not isinstance(data, bool):
            return Numeral.of(data)
        return super().to_internal_value(data)


class ValueEntrySerializer(serializers.Serializer):
    indicator = serializers.IntegerField()
    value = IndicatorValueField(required=False, allow_blank=True, max_length=2000)
    source = serializers.CharField(required=False, allow_blank=True, max_length=20)
    narrative = serializers.CharField(required=False, allow_blank=True, max_length=20000)


class DataSourceEntrySerializer(serializers.Serializer):
    title = serializers.CharField(max_length=300, allow_blank=True, required=False, default="")
    link = serializers.CharField(max_length=500, allow_blank=True, required=False, default="")
    publisher = serializers.CharField(max_length=300, allow_blank=True, required=False, default="")


class ObservationEntrySerializer(serializers.Serializer):
    """One table cell to save; fields left out are left as they are (a value without a source takes
    the inferred one: default data while it equals its default, national data otherwise)."""

    indicator = serializers.CharField(max_length=40, help_text="The indicator's code (SO1-1) or id.")
    time_period = serializers.CharField(max_length=9, required=False, allow_blank=True, default="")
    dimensions = serializers.DictField(
        child=serializers.CharField(max_length=40),
        required=False,
        default=dict,
        help_text='A member code per dimension, e.g. {"LAND_COVER": "TREE"}; empty for a scalar indicator.',
    )
    value = IndicatorValueField(required=False, allow_blank=True, allow_null=True, max_length=2000)
    source = serializers.CharField(required=False, allow_blank=True, max_length=20)
    justification = serializers.CharField(required=False, allow_blank=True, max_length=5000)
    data_source = DataSourceEntrySerializer(required=False, allow_null=True)


class SaveDraftSerializer(serializers.Serializer):
    version = serializers.IntegerField(min_value=1)
    values = ValueEntrySerializer(many=True, required=False, default=list)
    observations = ObservationEntrySerializer(many=True, required=False, default=list)


class TransitionSerializer(serializers.Serializer):
    version = serializers.IntegerField(min_value=1, required=False)
    comment = serializers.CharField(required=False, allow_blank=True, max_length=5000, default="")
    indicator_comments = serializers.DictField(
        child=serializers.CharField(allow_blank=True, max_length=5000), required=False, default=dict
    )


class ResultSerializer(serializers.ModelSerializer):
    """One validated value (a cell; a scalar indicator has one): a row of the flat results table.
    `narrative` is the indicator's (annotated by `Observation.objects.for_list()`)."""

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
    narrative = serializers.CharField()
    validated_at = serializers.DateTimeField(source="submission.validated_at")
    dimensions = serializers.CharField(
        source="key", help_text="DIMENSION=MEMBER;…, empty for a scalar value."
    )

    class Meta:
        model = Observation
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
            "time_period",
            "dimensions",
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
    """A file for the whole report, an indicator, or one cell of a table indicator."""

    title = serializers.CharField(max_length=200)
    indicator = serializers.PrimaryKeyRelatedField(
        queryset=Indicator.objects.all(), required=False, allow_null=True
    )
    time_period = serializers.CharField(max_length=9, required=False, allow_blank=True, default="")
    dimensions = serializers.CharField(
        max_length=400,
        required=False,
        allow_blank=True,
        default="",
        help_text="The cell's members as DIMENSION=MEMBER;DIMENSION=MEMBER, e.g. LAND_COVER=TREE.",
    )
    file = serializers.FileField()

    def validate_dimensions(self, value: str) -> dict[str, str]:
        members = parse_members(value)
        if members is None:
            raise serializers.ValidationError(
                gettext("'%(value)s' is not DIMENSION=MEMBER;DIMENSION=MEMBER.") % {"value": value}
            )
        return members


class BulkImportSerializer(serializers.Serializer):
    file = serializers.FileField()


class DefaultDatasetSerializer(serializers.ModelSerializer):
    """A version of a default dataset, with how many default values it holds."""

    values = serializers.IntegerField(read_only=True)

    class Meta:
        model = DefaultDataset
        fields = [
            "id",
            "code",
            "name",
            "version",
            "licence",
            "link",
            "is_fictitious",
            "imported_at",
            "values",
        ]


class DefaultsImportSerializer(serializers.Serializer):
    """A file of default values (CSV or XLSX, one row per cell) and, unless the file names them,
    the dataset's name, version and licence; `dry_run` checks without saving."""

    file = serializers.FileField()
    dataset = serializers.CharField(required=False, allow_blank=True, max_length=200)
    version = serializers.CharField(required=False, allow_blank=True, max_length=40)
    licence = serializers.CharField(required=False, allow_blank=True, max_length=200)
    link = serializers.CharField(required=False, allow_blank=True, max_length=200)
    is_fictitious = serializers.BooleanField(required=False, default=False)
    dry_run = serializers.BooleanField(required=False, default=False)


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
    objective_code = RelatedAttributeField("objective.code")
    outcome_code = RelatedAttributeField("outcome.code")
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
