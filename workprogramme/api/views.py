import csv

from django.core.exceptions import ValidationError
from django.http import HttpResponse, StreamingHttpResponse
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import mixins, renderers, status, viewsets
from rest_framework.decorators import action
from rest_framework.parsers import MultiPartParser
from rest_framework.response import Response

from core.api.viewsets import ScopedViewSetMixin, ServiceModelViewSet
from workprogramme import filtersets, services
from workprogramme.models import (
    Biennium,
    CapacityBuildingActivity,
    DefaultDataset,
    ExpectedAccomplishment,
    Indicator,
    Objective,
    Observation,
    Outcome,
    Output,
    PerformanceIndicator,
    RegionalFunction,
    ReportingCycle,
    ResultsFramework,
    Submission,
    Target,
    WorkProgramme,
)
from workprogramme.selectors import evidence_for_submission, submission_tables
from workprogramme.spreadsheets import neutralise_formula, submission_workbook

from . import serializers as s

XLSX_MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class ResultsFrameworkViewSet(ScopedViewSetMixin, viewsets.ReadOnlyModelViewSet):
    """Results frameworks adopted by the COP (public)."""

    queryset = ResultsFramework.objects.all()
    serializer_class = s.ResultsFrameworkSerializer
    filterset_class = filtersets.ResultsFrameworkFilterSet


class ObjectiveViewSet(ScopedViewSetMixin, viewsets.ReadOnlyModelViewSet):
    """Operational, strategic and regional objectives (public)."""

    queryset = Objective.objects.all()
    serializer_class = s.ObjectiveSerializer
    filterset_class = filtersets.ObjectiveFilterSet


class OutcomeViewSet(ScopedViewSetMixin, viewsets.ReadOnlyModelViewSet):
    """Outcomes and key outcomes of the objectives (public)."""

    queryset = Outcome.objects.all()
    serializer_class = s.OutcomeSerializer
    filterset_class = filtersets.OutcomeFilterSet


class IndicatorViewSet(ScopedViewSetMixin, viewsets.ReadOnlyModelViewSet):
    """Performance indicators of the outcomes (public)."""

    queryset = Indicator.objects.all()
    serializer_class = s.IndicatorSerializer
    filterset_class = filtersets.IndicatorFilterSet


class BienniumViewSet(ScopedViewSetMixin, viewsets.ReadOnlyModelViewSet):
    """Biennia with their dates and state (public)."""

    queryset = Biennium.objects.all()
    serializer_class = s.BienniumSerializer
    filterset_class = filtersets.BienniumFilterSet


class WorkProgrammeViewSet(ScopedViewSetMixin, viewsets.ReadOnlyModelViewSet):
    """The joint and regional work programmes of each biennium (public)."""

    queryset = WorkProgramme.objects.all()
    serializer_class = s.WorkProgrammeSerializer
    filterset_class = filtersets.WorkProgrammeFilterSet


class ExpectedAccomplishmentViewSet(ScopedViewSetMixin, viewsets.ReadOnlyModelViewSet):
    """Expected accomplishments of the work programmes (public)."""

    queryset = ExpectedAccomplishment.objects.all()
    serializer_class = s.ExpectedAccomplishmentSerializer
    filterset_class = filtersets.ExpectedAccomplishmentFilterSet


class PerformanceIndicatorViewSet(ScopedViewSetMixin, viewsets.ReadOnlyModelViewSet):
    """Performance indicators of the expected accomplishments, with baseline and target (public)."""

    queryset = PerformanceIndicator.objects.all()
    serializer_class = s.PerformanceIndicatorSerializer
    filterset_class = filtersets.PerformanceIndicatorFilterSet


class OutputViewSet(ScopedViewSetMixin, viewsets.ReadOnlyModelViewSet):
    """Outputs and tasks with owner, milestone and status (public); staff and the owning region's
    coordinator update the status."""

    queryset = Output.objects.all()
    serializer_class = s.OutputSerializer
    filterset_class = filtersets.OutputFilterSet

    @extend_schema(request=s.OutputStatusSerializer, responses={200: s.OutputSerializer})
    @action(detail=True, methods=["post"])
    def status(self, request, *args, **kwargs):
        """Record the output's progress: not_started, on_track, delayed, done or dropped."""
        output = self.get_object()
        serializer = s.OutputStatusSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        services.output_set_status(
            user=request.user, output=output, status=serializer.validated_data["status"]
        )
        return Response(s.OutputSerializer(output).data)


class TargetViewSet(
    ScopedViewSetMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.DestroyModelMixin,
    viewsets.GenericViewSet,
):
    """Targets per indicator and biennium at global, regional or country level (public).

    POST sets (creates or changes) a target: staff at any level, a regional coordinator
    regional targets of their region.
    """

    queryset = Target.objects.all()
    serializer_class = s.TargetSerializer
    filterset_class = filtersets.TargetFilterSet

    @extend_schema(request=s.TargetWriteSerializer, responses={201: s.TargetSerializer})
    def create(self, request, *args, **kwargs):
        serializer = s.TargetWriteSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        target = services.target_set(user=request.user, data=serializer.validated_data)
        return Response(s.TargetSerializer(target).data, status=status.HTTP_201_CREATED)

    def perform_destroy(self, instance):
        services.target_delete(user=self.request.user, target=instance)


class RegionalFunctionViewSet(ScopedViewSetMixin, viewsets.ReadOnlyModelViewSet):
    """Seed 000's table of regional functions per Strategy outcome (public)."""

    queryset = RegionalFunction.objects.all()
    serializer_class = s.RegionalFunctionSerializer
    filterset_class = filtersets.RegionalFunctionFilterSet


CYCLE_WRITE_RESPONSES = {
    400: OpenApiResponse(description="Problems to fix (all listed)"),
    403: OpenApiResponse(description="Only the secretariat and the GM"),
    409: OpenApiResponse(description="The cycle's state does not allow it (e.g. closed)"),
}


class ReportingCycleViewSet(
    ScopedViewSetMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """Reporting cycles with their deadline and indicators (public). The secretariat and the GM plan
    (POST), change (PUT/PATCH, while planned or open), open and close them."""

    queryset = ReportingCycle.objects.all()
    serializer_class = s.ReportingCycleSerializer
    filterset_class = filtersets.ReportingCycleFilterSet
    lookup_field = "code"

    def _cycle_data(self, cycle) -> dict:
        cycle = self.get_queryset().get(pk=cycle.pk)
        return s.ReportingCycleSerializer(cycle).data

    @extend_schema(
        request=s.ReportingCycleWriteSerializer,
        responses={201: s.ReportingCycleSerializer, **CYCLE_WRITE_RESPONSES},
    )
    def create(self, request, *args, **kwargs):
        """Plan a cycle (state 'planned'): only country-reported indicators; deadline after opening."""
        serializer = s.ReportingCycleWriteSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        cycle = services.reporting_cycle_create(user=request.user, data=serializer.validated_data)
        return Response(self._cycle_data(cycle), status=status.HTTP_201_CREATED)

    @extend_schema(
        request=s.ReportingCycleWriteSerializer,
        responses={200: s.ReportingCycleSerializer, **CYCLE_WRITE_RESPONSES},
    )
    def update(self, request, *args, **kwargs):
        """Change a planned or open cycle (PATCH: only the fields sent); a closed one answers 409."""
        cycle = self.editable_object()
        serializer = s.ReportingCycleWriteSerializer(data=request.data, partial=kwargs.get("partial", False))
        serializer.is_valid(raise_exception=True)
        cycle = services.reporting_cycle_update(
            user=request.user, cycle=cycle, data=dict(serializer.validated_data)
        )
        return Response(self._cycle_data(cycle))

    @extend_schema(request=None, responses={200: s.ReportingCycleSerializer, **CYCLE_WRITE_RESPONSES})
    @action(detail=True, methods=["post"], url_path="open", url_name="open")
    def open_cycle(self, request, *args, **kwargs):
        """Open a planned cycle to the countries today (409 if not planned, without indicators, or its
        deadline has passed)."""
        cycle = services.reporting_cycle_open(user=request.user, cycle=self.editable_object())
        return Response(self._cycle_data(cycle))

    @extend_schema(request=None, responses={200: s.ReportingCycleSerializer, **CYCLE_WRITE_RESPONSES})
    @action(detail=True, methods=["post"], url_path="close", url_name="close")
    def close_cycle(self, request, *args, **kwargs):
        """Close an open cycle (409 if it is planned or already closed)."""
        cycle = services.reporting_cycle_close(user=request.user, cycle=self.editable_object())
        return Response(self._cycle_data(cycle))

    @extend_schema(
        request={"multipart/form-data": s.BulkImportSerializer},
        responses={200: OpenApiResponse(description="{countries, values}"), 400: OpenApiResponse()},
    )
    @action(detail=True, methods=["post"], url_path="import", parser_classes=[MultiPartParser])
    def import_values(self, request, *args, **kwargs):
        """Staff load many countries' values from one CSV/XLSX, one row per cell: Country, Indicator,
        TimePeriod, Dimensions (LAND_COVER=TREE;…), Value, Source, Justification, DataSourceTitle,
        DataSourceLink, DataSourcePublisher, Narrative (or, for scalar indicators, the older Country,
        Indicator, Value, Source, Narrative): every row is checked and the file applied whole or not
        at all."""
        cycle = self.get_object()
        serializer = s.BulkImportSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        counts = services.cycle_import_values(
            user=request.user, cycle=cycle, file=serializer.validated_data["file"]
        )
        return Response(counts)


class DefaultDatasetViewSet(ScopedViewSetMixin, mixins.ListModelMixin, viewsets.GenericViewSet):
    """The default datasets imported (every version, latest first; public); the secretariat imports
    a new one by POSTing its file."""

    queryset = DefaultDataset.objects.all()
    serializer_class = s.DefaultDatasetSerializer
    parser_classes = [MultiPartParser]

    @extend_schema(
        request={"multipart/form-data": s.DefaultsImportSerializer},
        responses={
            200: OpenApiResponse(description="dry_run: what would be saved"),
            201: OpenApiResponse(description="{dataset, version, values, countries, indicators, replaces…}"),
            403: OpenApiResponse(description="Only the secretariat imports default data"),
        },
    )
    def create(self, request, *args, **kwargs):
        """Import default values per country from a CSV/XLSX file (columns dataset, version, licence,
        country as ISO3/ISO2/M49, indicator, time_period, dimensions or one column per dimension,
        value): every row is checked and the file saved whole or not at all. A newer version of a
        dataset supersedes the older one's values and brings open drafts up to date."""
        upload = s.DefaultsImportSerializer(data=request.data)
        upload.is_valid(raise_exception=True)
        data = dict(upload.validated_data)
        try:
            result = services.default_dataset_import(user=request.user, **data)
        except ValidationError as error:
            return Response({"errors": error.messages}, status=status.HTTP_400_BAD_REQUEST)
        return Response(
            result.as_dict(), status=status.HTTP_201_CREATED if result.saved else status.HTTP_200_OK
        )


TRANSITION_RESPONSES = {
    200: s.SubmissionDetailSerializer,
    400: OpenApiResponse(description="Problems to fix (all listed)"),
    403: OpenApiResponse(description="Not allowed for this user"),
    404: OpenApiResponse(description="Not visible to this user"),
    409: OpenApiResponse(description="The state does not allow it, or the version is stale"),
}


class SubmissionViewSet(
    ScopedViewSetMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    """Countries' progress submissions: NFPs/STCs their country's, coordinators their region's,
    staff all, api_reader validated ones. Writes go through the workflow actions, whose services
    decide who may take each step."""

    queryset = Submission.objects.all()
    serializer_class = s.SubmissionSerializer
    filterset_class = filtersets.SubmissionFilterSet

    extra_query_parameters = ("expand",)

    def _expand_values(self) -> bool:
        if self.action != "list" or "expand" not in self.request.query_params:
            return False
        if self.request.query_params["expand"] != "values":
            raise s.serializers.ValidationError({"expand": [_("The only expansion is 'values'.")]})
        return True

    def get_queryset(self):
        visible = Submission.objects.visible_to(self.request.user)
        if self.action != "list":
            return visible.for_detail()
        return visible.for_list_with_values() if self._expand_values() else visible.for_list()

    def get_serializer_class(self):
        if self.action != "list":
            return s.SubmissionDetailSerializer
        return s.SubmissionWithValuesSerializer if self._expand_values() else s.SubmissionSerializer

    @extend_schema(
        parameters=[
            OpenApiParameter(
                "expand",
                str,
                enum=["values"],
                description="`values`: each row also carries its reported indicators with the scalar "
                "values, and its workflow steps (as `SubmissionWithValues`).",
            )
        ],
        responses={200: s.SubmissionSerializer(many=True)},
    )
    def list(self, request, *args, **kwargs):
        """Submissions with their state and counts of values; the values are on the detail
        (`/api/v1/submissions/{id}/`) or here with `?expand=values`."""
        return super().list(request, *args, **kwargs)

    def _detail(self, submission: Submission) -> dict:
        submission.tables = submission_tables(submission, with_evidence=True)
        submission.evidence_items = evidence_for_submission(submission).select_related("indicator")
        return s.SubmissionDetailSerializer(submission, context=self.get_serializer_context()).data

    def retrieve(self, request, *args, **kwargs):
        """A submission with its scalar values (`values`) and its tables (`observations`, one entry per
        table indicator with its cells; `data_sources` lists the sources the cells name by id)."""
        return Response(self._detail(self.get_object()))

    def _answer(self, submission: Submission, **extra) -> Response:
        fresh = self.get_queryset().get(pk=submission.pk)
        return Response({**self._detail(fresh), **extra})

    @extend_schema(request=s.SubmissionStartSerializer, responses={201: s.SubmissionDetailSerializer})
    def create(self, request, *args, **kwargs):
        """Start the country's draft for a cycle (pre-filled with its last validated values)."""
        serializer = s.SubmissionStartSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        country = serializer.validated_data.get("country") or request.user.country
        if country is None:
            return Response({"country": ["Name the country (ISO3)."]}, status=400)
        submission = services.submission_start(
            user=request.user, cycle=serializer.validated_data["cycle"], country=country
        )
        response = self._answer(submission)
        response.status_code = status.HTTP_201_CREATED
        return response

    @extend_schema(request=s.SaveDraftSerializer, responses=TRANSITION_RESPONSES)
    @action(detail=True, methods=["post"])
    def values(self, request, *args, **kwargs):
        """Save draft values (invalid ones are kept and flagged); `version` must be the current one.

        `values`: scalar indicators, [{indicator (id), value, source, narrative}]; `observations`:
        table cells, [{indicator (code or id), time_period, dimensions: {DIM: MEMBER}, value, source,
        justification, data_source: {title, link, publisher}}]. The answer lists every `problems`
        (errors: they block submitting) and `warnings`, each named by its coordinates.
        """
        submission = self.get_object()
        serializer = s.SaveDraftSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        entries = {}
        for entry in serializer.validated_data["values"]:
            entries[entry.pop("indicator")] = entry
        problems = services.submission_save_draft(
            user=request.user,
            submission=submission,
            expected_version=serializer.validated_data["version"],
            entries=entries,
            cells=[dict(cell) for cell in serializer.validated_data["observations"]],
        )
        return self._answer(submission, problems=problems.error_texts, warnings=problems.warning_texts)

    def _transition(self, request, service, **options):
        submission = self.get_object()
        serializer = s.TransitionSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        service(
            user=request.user,
            submission=submission,
            expected_version=data.get("version"),
            comment=data["comment"],
            **{key: value(data) for key, value in options.items()},
        )
        return self._answer(submission)

    @extend_schema(request=s.TransitionSerializer, responses=TRANSITION_RESPONSES)
    @action(detail=True, methods=["post"])
    def submit(self, request, *args, **kwargs):
        """The NFP hands in a complete draft (every problem is listed at once if not)."""
        return self._transition(request, services.submission_submit)

    @extend_schema(request=s.TransitionSerializer, responses=TRANSITION_RESPONSES)
    @action(detail=True, methods=["post"], url_path="return", url_name="return")
    def return_for_correction(self, request, *args, **kwargs):
        """Staff send a submitted report back with comments (`indicator_comments`: {indicator id: text})."""

        def indicator_comments(data):
            try:
                return {int(key): text for key, text in data["indicator_comments"].items()}
            except ValueError as exc:
                raise s.serializers.ValidationError(
                    {"indicator_comments": "Keys are indicator ids."}
                ) from exc

        return self._transition(
            request, services.submission_return_for_correction, indicator_comments=indicator_comments
        )

    @extend_schema(request=s.TransitionSerializer, responses=TRANSITION_RESPONSES)
    @action(detail=True, methods=["post"])
    def resubmit(self, request, *args, **kwargs):
        """The NFP hands in a returned report again after fixing it."""
        return self._transition(request, services.submission_resubmit)

    @extend_schema(request=s.TransitionSerializer, responses=TRANSITION_RESPONSES)
    @action(detail=True, methods=["post"])
    def validate(self, request, *args, **kwargs):
        """Staff accept the report: its values are locked and enter /results/."""
        return self._transition(request, services.submission_validate)

    @extend_schema(responses={(200, XLSX_MEDIA_TYPE): OpenApiTypes.BINARY})
    @action(detail=True, methods=["get"])
    def template(self, request, *args, **kwargs):
        """The submission as the XLSX template, pre-filled with its current values."""
        submission = self.get_object()
        response = HttpResponse(submission_workbook(submission), content_type=XLSX_MEDIA_TYPE)
        filename = f"unccd-{submission.cycle.code}-{submission.country.iso3}.xlsx"
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response

    @extend_schema(
        request={"multipart/form-data": s.SpreadsheetImportSerializer}, responses=TRANSITION_RESPONSES
    )
    @action(detail=True, methods=["post"], url_path="import", parser_classes=[MultiPartParser])
    def import_spreadsheet(self, request, *args, **kwargs):
        """Apply a filled-in template (XLSX/CSV): all rows or none; a 400 lists the row errors."""
        submission = self.get_object()
        serializer = s.SpreadsheetImportSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        rows = services.submission_import_spreadsheet(
            user=request.user,
            submission=submission,
            file=serializer.validated_data["file"],
            expected_version=serializer.validated_data["version"],
        )
        return self._answer(submission, rows_applied=rows)

    @extend_schema(
        request={"multipart/form-data": s.EvidenceUploadSerializer}, responses=TRANSITION_RESPONSES
    )
    @action(detail=True, methods=["post"], parser_classes=[MultiPartParser])
    def evidence(self, request, *args, **kwargs):
        """Attach a document (PDF, DOCX, ODT) or spreadsheet to an editable submission: to the whole
        report, to an `indicator`, or to one cell of a table indicator (`time_period`, `dimensions`)."""
        submission = self.get_object()
        serializer = s.EvidenceUploadSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        services.submission_add_evidence(
            user=request.user, submission=submission, **serializer.validated_data
        )
        return self._answer(submission)


class CSVRenderer(renderers.BaseRenderer):
    """Lets `?format=csv` through content negotiation; the view streams the CSV itself."""

    media_type = "text/csv"
    format = "csv"
    charset = "utf-8"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        return data if isinstance(data, bytes) else str(data).encode()


class _Echo:
    def write(self, value):
        return value


RESULT_COLUMNS = [
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


class ResultViewSet(ScopedViewSetMixin, mixins.ListModelMixin, viewsets.GenericViewSet):
    """The flat results table of validated values, one row per country × cycle × indicator × cell
    (a scalar indicator has one cell; a table's rows name their `time_period` and `dimensions`).

    `?format=csv` streams all matching rows as CSV; cells that a spreadsheet would run as a
    formula are prefixed with an apostrophe.
    """

    queryset = Observation.objects.validated()
    serializer_class = s.ResultSerializer
    filterset_class = filtersets.ResultFilterSet
    renderer_classes = [renderers.JSONRenderer, renderers.BrowsableAPIRenderer, CSVRenderer]

    def list(self, request, *args, **kwargs):
        if request.accepted_renderer.format != "csv":
            return super().list(request, *args, **kwargs)
        rows = self.filter_queryset(self.get_queryset())
        writer = csv.writer(_Echo())

        def stream():
            yield "\ufeff" + writer.writerow(RESULT_COLUMNS)
            for value in rows.iterator(chunk_size=1000):
                data = s.ResultSerializer(value).data
                yield writer.writerow([neutralise_formula(data[column]) for column in RESULT_COLUMNS])

        response = StreamingHttpResponse(stream(), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="unccd-results.csv"'
        return response


class CapacityBuildingActivityViewSet(ServiceModelViewSet):
    """Capacity-building activities of the secretariat and the GM (public); the secretariat and the GM
    record and change them (PATCH changes only the fields sent)."""

    queryset = CapacityBuildingActivity.objects.all()
    serializer_class = s.CapacityBuildingActivitySerializer
    filterset_class = filtersets.CapacityBuildingActivityFilterSet
    create_service = services.capacity_activity_create
    update_service = services.capacity_activity_update
    update_argument = "activity"
