"""The reports API: request a compile (202), follow it, read its tables, publish; import data."""

from django.utils import translation
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import generics, mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.renderers import BrowsableAPIRenderer, JSONRenderer
from rest_framework.response import Response

from core.api.viewsets import ScopedViewSetMixin
from core.uploads import SPREADSHEET_KINDS, validate_upload
from workprogramme.models import ResultObservation
from workprogramme.results import ResultSeriesFilterSet

from .. import selectors, services
from ..choices import ReportStatus
from ..filtersets import FinanceSnapshotFilterSet, PostSnapshotFilterSet, ReportFilterSet
from ..imports import ImportRejected
from ..models import FinanceSnapshot, PostSnapshot, Report
from ..rendering.files import DOCX_MIME, PDF_MIME, XLSX_MIME, download_response
from ..rendering.labels import render_report, render_table
from ..rendering.language import requested_language
from ..series import SERIES_CODES, national_series, series_scope
from .renderers import TableCSVRenderer
from .serializers import (
    FinanceSnapshotSerializer,
    ImportSerializer,
    PostSnapshotSerializer,
    ReportDetailSerializer,
    ReportPublishSerializer,
    ReportRequestSerializer,
    ReportSerializer,
)

LANG_PARAMETER = OpenApiParameter(
    "lang",
    str,
    enum=["en", "zh-hans", "fr", "es", "ru", "ar"],
    description="The language of titles and labels (default: Accept-Language).",
)


def _in_language(response: Response, language: str) -> Response:
    response["Content-Language"] = language
    return response


class ReportViewSet(ScopedViewSetMixin, mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    """Compiled report versions. Published ones are public; staff see all and compile new ones."""

    queryset = Report.objects.all()
    serializer_class = ReportSerializer
    filterset_class = ReportFilterSet
    ordering_fields = ["requested_at", "version"]

    def get_queryset(self):
        if self.action == "list":
            return super().get_queryset()
        return selectors.report_detail(self.request.user)

    def get_serializer_class(self):
        if self.action == "create":
            return ReportRequestSerializer
        return ReportDetailSerializer if self.action == "retrieve" else ReportSerializer

    @extend_schema(
        request=ReportRequestSerializer,
        responses={
            202: inline_serializer(
                "ReportQueued",
                {
                    "id": serializers.IntegerField(),
                    "status": serializers.CharField(),
                    "url": serializers.CharField(),
                },
            )
        },
        description="Queue the compile of a new version; follow it at GET /api/v1/reports/{id}/.",
    )
    def create(self, request, *args, **kwargs):
        serializer = ReportRequestSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        report = services.report_request(user=request.user, **serializer.validated_data)
        url = request.build_absolute_uri(f"{request.path}{report.pk}/")
        return Response(
            {"id": report.pk, "status": report.status, "url": url}, status=status.HTTP_202_ACCEPTED
        )

    @extend_schema(
        parameters=[LANG_PARAMETER],
        responses={200: inline_serializer("ReportTables", {"tables": serializers.ListField()})},
        description="Every table of the version with its columns and rows, its sections and checks, in the "
        "language of `?lang=` or `Accept-Language` (titles and labels; the figures are the same in every "
        "language). Rows and columns carry their codes.",
    )
    @action(detail=True, methods=["get"])
    def tables(self, request, *args, **kwargs):
        report = self.get_object()
        language = requested_language(request)
        with translation.override(language):
            rendered = render_report(report)
        body = {
            "id": report.pk,
            "language": language,
            "tables": rendered["tables"],
            "sections": rendered["sections"],
            "checks": rendered["checks"],
        }
        return _in_language(Response(body), language)

    @extend_schema(
        operation_id="reports_table_retrieve",
        parameters=[
            OpenApiParameter("format", str, enum=["json", "csv"], description="csv for a CSV file"),
            LANG_PARAMETER,
        ],
        responses={200: inline_serializer("ReportTable", {"number": serializers.IntegerField()})},
        description="One table in the language of `?lang=` or `Accept-Language`; `?format=csv` answers it "
        "as CSV.",
    )
    @action(
        detail=True,
        methods=["get"],
        url_path=r"tables/(?P<number>[0-9]+)",
        renderer_classes=[JSONRenderer, BrowsableAPIRenderer, TableCSVRenderer],
    )
    def table(self, request, number=None, *args, **kwargs):
        report = self.get_object()
        language = requested_language(request)
        with translation.override(language):
            table = render_table(report, int(number))
        if table is None:
            raise NotFound("This report has no such table.")
        response = _in_language(Response(table), language)
        if getattr(request, "accepted_renderer", None) and request.accepted_renderer.format == "csv":
            response["Content-Disposition"] = f'attachment; filename="report{report.pk}_table{number}.csv"'
        return response

    @extend_schema(
        operation_id="reports_download",
        parameters=[LANG_PARAMETER],
        # Each extension's own content type (a schema cannot tie it to the path's `extension`).
        responses={(200, media_type): OpenApiTypes.BINARY for media_type in (XLSX_MIME, DOCX_MIME, PDF_MIME)},
        description="The complete report as XLSX (one sheet per table), DOCX or PDF (the document), in the "
        "language of `?lang=` or `Accept-Language`, with that language's number and date formats.",
    )
    @action(detail=True, methods=["get"], url_path=r"download/(?P<extension>xlsx|docx|pdf)")
    def download(self, request, extension=None, *args, **kwargs):
        report = self.get_object()
        if report.status != ReportStatus.COMPLETE:
            raise NotFound("This version is not complete.")
        return download_response(report, extension, requested_language(request))

    @extend_schema(
        request=ReportPublishSerializer,
        responses={200: ReportSerializer, 400: None, 409: None},
        description="Make this version the published one (secretariat only). A version whose consistency "
        'checks failed needs `{"override_reason": "..."}`: 409 without it, 400 when it is empty; the reason '
        "is kept on the version and in its history.",
    )
    @action(detail=True, methods=["post"])
    def publish(self, request, *args, **kwargs):
        report = self.get_object()
        serializer = ReportPublishSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        report = services.report_publish(
            user=request.user, report=report, override_reason=serializer.validated_data.get("override_reason")
        )
        return Response(ReportSerializer(report).data)

    @extend_schema(
        request=None,
        responses={200: ReportSerializer, 409: None},
        description="Withdraw this published version (secretariat only).",
    )
    @action(detail=True, methods=["post"])
    def unpublish(self, request, *args, **kwargs):
        report = services.report_unpublish(user=request.user, report=self.get_object())
        return Response(ReportSerializer(report).data)

    @extend_schema(
        request=None,
        responses={202: ReportSerializer, 403: None, 404: None, 409: None},
        description="Queue a failed compile again (staff): the same version, as a new attempt; "
        "follow it at GET /api/v1/reports/{id}/. 409 unless the compile failed.",
    )
    @action(detail=True, methods=["post"])
    def retry(self, request, *args, **kwargs):
        report = services.report_retry(user=request.user, report=self.get_object())
        return Response(ReportSerializer(report).data, status=status.HTTP_202_ACCEPTED)


class SnapshotViewSet(ScopedViewSetMixin, viewsets.ReadOnlyModelViewSet):
    """Snapshots of one kind (declare `queryset`), with the import action: the whole file or nothing,
    every bad row listed."""

    @extend_schema(
        request={"multipart/form-data": ImportSerializer},
        # 400: the Error body, with `errors` for a refused file (core.api.schema).
        responses={201: None},
        description="Import a CSV or XLSX file for a biennium and cut-off; it replaces that snapshot.",
    )
    @action(detail=False, methods=["post"], url_path="import")
    def import_file(self, request, *args, **kwargs):
        serializer = ImportSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        upload = serializer.validated_data["file"]
        try:
            validate_upload(upload, allowed=SPREADSHEET_KINDS)
            snapshot = services.snapshot_import(
                user=request.user,
                snapshot_model=self.queryset.model,
                biennium=serializer.validated_data["biennium"],
                cutoff_date=serializer.validated_data["cutoff_date"],
                content=upload.read(),
                name=upload.name,
            )
        except ImportRejected as error:
            return Response(
                {
                    "detail": "The file was refused; nothing was imported.",
                    "errors": [e.as_dict() for e in error.errors],
                },
                status=status.HTTP_400_BAD_REQUEST,
            )
        snapshot = self.get_queryset().get(pk=snapshot.pk)
        return Response(self.get_serializer(snapshot).data, status=status.HTTP_201_CREATED)


class FinanceSnapshotViewSet(SnapshotViewSet):
    """Finance data per biennium and cut-off (secretariat and GM only)."""

    queryset = FinanceSnapshot.objects.all()
    serializer_class = FinanceSnapshotSerializer
    filterset_class = FinanceSnapshotFilterSet


class PostSnapshotViewSet(SnapshotViewSet):
    """Staffing data per biennium and cut-off (secretariat and GM only)."""

    queryset = PostSnapshot.objects.all()
    serializer_class = PostSnapshotSerializer
    filterset_class = PostSnapshotFilterSet


class NationalSeriesView(generics.GenericAPIView):
    """A national series of the dashboard as JSON: the Parties' validated national table summed per
    annex (land cover, SDG 15.3.1, drought, exposure by sex), for all Parties, an annex or a Party."""

    queryset = ResultObservation.objects.all()
    filterset_class = ResultSeriesFilterSet
    pagination_class = None

    def get_queryset(self):
        return super().get_queryset().visible_to(self.request.user)

    @extend_schema(
        parameters=[
            OpenApiParameter("code", str, OpenApiParameter.PATH, enum=list(SERIES_CODES)),
            LANG_PARAMETER,
        ],
        responses={200: inline_serializer("NationalSeries", {"rows": serializers.ListField()})},
        description="Figures per annex (`region`), time period and member (or, for `degraded-land`, the "
        "Parties' mean proportion of degraded land, their degraded area and how many reported), each "
        "Party with its latest validated report; unit and SDMX unit multiplier given. Unknown "
        "parameters and unknown codes answer 400.",
    )
    def get(self, request, code: str, *args, **kwargs):
        if code not in SERIES_CODES:
            raise NotFound(f"Unknown series '{code}'. Series: {', '.join(SERIES_CODES)}.")
        observations = self.filter_queryset(self.get_queryset())  # 400: unknown parameter or bad value
        filters = self.filterset_class(request.query_params, queryset=observations)
        filters.is_valid()
        asked = request.query_params.get("lang")
        if asked is not None and asked.lower() not in LANG_PARAMETER.enum:
            raise ValidationError(
                {"lang": [f"Unknown language '{asked}'. Languages: {', '.join(LANG_PARAMETER.enum)}."]}
            )
        language = requested_language(request)
        with translation.override(language):
            scope = series_scope(filters.form.cleaned_data)
            found = national_series([code], observations, scope=scope)
        if not found:
            raise NotFound(f"The series '{code}' has no indicator in the results framework.")
        series = found[0]
        body = {
            "code": series["code"],
            "prais_table": series["prais_table"],
            "title": series["title"],
            "language": language,
            "unit": series["unit"],
            "unit_multiplier": series["unit_multiplier"],
            "unit_label": series["unit_label"],
            "filters": {
                "region": scope.region or None,
                "country": scope.country.iso3 if scope.country else None,
            },
            "time_periods": series["periods"],
            "members": series["members"],
            "rows": series["data"],
        }
        return _in_language(Response(body), language)
