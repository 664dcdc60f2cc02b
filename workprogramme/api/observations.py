"""The observations API: validated national data as JSON pages, CSV, SDMX-CSV and data packages.

GET /api/v1/observations/ reads the results read model (`ResultObservation`): a JSON page is
one indexed query (keyset cursor on the row id, only the columns served, no serializer per
row); CSV and SDMX-CSV stream every matching row (`workprogramme.exports`); a data package is
built whole before the first byte is sent. POST /api/v1/observations/exports/ asks for the
same as a background export.
"""

import base64
import binascii
import tempfile

from django.http import FileResponse, StreamingHttpResponse
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema, extend_schema_field
from rest_framework import mixins, renderers, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotAcceptable, ValidationError
from rest_framework.negotiation import DefaultContentNegotiation
from rest_framework.pagination import BasePagination
from rest_framework.permissions import SAFE_METHODS, BasePermission
from rest_framework.response import Response
from rest_framework.reverse import reverse
from rest_framework.utils.mediatypes import _MediaType
from rest_framework.utils.urls import replace_query_param

from core.api.permissions import scoped_model
from core.scoping import may_ever
from workprogramme import exports
from workprogramme.choices import ValueSource
from workprogramme.models import ObservationExport, ResultObservation
from workprogramme.models.results import ExportFormat, ExportState
from workprogramme.results import (
    ResultObservationFilterSet,
    api_row,
    export_dimensions,
    filter_observations,
    numeric_only,
)
from workprogramme.services.results import observation_export_file_name, observation_export_request

# Query parameters of GET /observations/ that are not filters.
CONTROL_PARAMETERS = frozenset({"cursor", "page_size", "format", "lang"})
PAGING_PARAMETERS = frozenset({"cursor", "page_size"})
FILE_FORMATS = frozenset({"csv", "sdmx-csv", "datapackage"})
SDMX_CSV_CONTENT_TYPE = f"{exports.SDMX_CSV_MEDIA_TYPE}; version={exports.SDMX_CSV_VERSION}"


class _DownloadRenderer(renderers.BaseRenderer):
    """Lets a file format through content negotiation; the view writes the body itself."""

    charset = None

    def render(self, data, accepted_media_type=None, renderer_context=None):
        return data if isinstance(data, bytes) else str(data).encode()


class CSVRenderer(_DownloadRenderer):
    media_type = exports.CSV_MEDIA_TYPE
    format = "csv"


class SDMXCSVRenderer(_DownloadRenderer):
    # Without its version parameter, so that it also matches */* with ?format=sdmx-csv;
    # `ObservationContentNegotiation` refuses a version other than 2.0.0.
    media_type = exports.SDMX_CSV_MEDIA_TYPE
    format = "sdmx-csv"


class DataPackageRenderer(_DownloadRenderer):
    media_type = exports.ZIP_MEDIA_TYPE
    format = "datapackage"


class AnyFileRenderer(_DownloadRenderer):
    media_type = "*/*"
    format = "file"


class ObservationContentNegotiation(DefaultContentNegotiation):
    """DRF's negotiation, answering 406 to SDMX-CSV versions other than the one written (2.0.0)."""

    def select_renderer(self, request, renderers, format_suffix=None):
        renderer, media_type = super().select_renderer(request, renderers, format_suffix)
        if isinstance(renderer, SDMXCSVRenderer):
            version = _MediaType(media_type).params.get("version", exports.SDMX_CSV_VERSION)
            if version != exports.SDMX_CSV_VERSION:
                raise NotAcceptable(f"SDMX-CSV version {version} is not available: ask for version=2.0.0.")
        return renderer, media_type


class JSONErrorsMixin:
    """Errors answer as JSON whatever format was asked for."""

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        is_error = isinstance(response, Response) and response.status_code >= 400
        if is_error and not isinstance(response.accepted_renderer, renderers.JSONRenderer):
            response.accepted_renderer = renderers.JSONRenderer()
            response.accepted_media_type = response.accepted_renderer.media_type
        return response


class ObservationFilterBackend(DjangoFilterBackend):
    """The named filters, one filter per dimension (its code in capitals), 400 for anything else."""

    def filter_queryset(self, request, queryset, view):
        return filter_observations(queryset, request.query_params, control=CONTROL_PARAMETERS)


class ObservationCursorPagination(BasePagination):
    """Keyset pages in id order: `?cursor=` from the previous page's `next`; deep pages cost as the first."""

    page_size = 50
    max_page_size = 1000

    def paginate_queryset(self, queryset, request, view=None):
        self.request = request
        size = self._page_size(request)
        after = self._after(request)
        if after is not None:
            queryset = queryset.filter(pk__gt=after)
        rows = list(queryset.order_by("pk")[: size + 1])
        self.next_after = rows[size - 1]["pk"] if len(rows) > size else None
        return rows[:size]

    def _page_size(self, request) -> int:
        text = request.query_params.get("page_size")
        if text is None:
            return self.page_size
        if not text.isdigit() or not 1 <= int(text) <= self.max_page_size:
            raise ValidationError({"page_size": [f"A whole number from 1 to {self.max_page_size}."]})
        return int(text)

    def _after(self, request) -> int | None:
        text = request.query_params.get("cursor")
        if text is None:
            return None
        try:
            return decode_cursor(text)
        except ValueError:
            raise ValidationError({"cursor": ["Invalid cursor: use the `next` link of a page."]}) from None

    def get_paginated_response(self, data):
        next_link = None
        if self.next_after is not None:
            next_link = replace_query_param(
                self.request.build_absolute_uri(), "cursor", encode_cursor(self.next_after)
            )
        return Response({"next": next_link, "results": data})

    def get_paginated_response_schema(self, schema):
        return {
            "type": "object",
            "required": ["next", "results"],
            "properties": {"next": {"type": "string", "format": "uri", "nullable": True}, "results": schema},
        }

    def get_schema_operation_parameters(self, view):
        return [
            {
                "name": "cursor",
                "in": "query",
                "required": False,
                "description": "Where the page starts: the `cursor` of the previous page's `next` link.",
                "schema": {"type": "string"},
            },
            {
                "name": "page_size",
                "in": "query",
                "required": False,
                "description": f"Rows per JSON page, 1 to {self.max_page_size} (default {self.page_size}).",
                "schema": {"type": "integer", "minimum": 1, "maximum": self.max_page_size},
            },
        ]


def encode_cursor(after: int) -> str:
    return base64.urlsafe_b64encode(f"after:{after}".encode()).decode().rstrip("=")


def decode_cursor(text: str) -> int:
    try:
        decoded = base64.urlsafe_b64decode(text + "=" * (-len(text) % 4)).decode()
    except (binascii.Error, UnicodeDecodeError) as error:
        raise ValueError(text) from error
    prefix, _, number = decoded.partition(":")
    if prefix != "after" or not number.isdigit():
        raise ValueError(text)
    return int(number)


class ObservationDataSourceSerializer(serializers.Serializer):
    title = serializers.CharField()
    link = serializers.CharField()
    publisher = serializers.CharField()


@extend_schema_field({"oneOf": [{"type": "number"}, {"type": "string"}]})
class ValueField(serializers.JSONField):
    """A number for numeric indicators; the text (yes/no, text) otherwise."""


class ObservationSerializer(serializers.Serializer):
    """Documents a row of GET /observations/ (rows are built by `results.api_row`, not by this)."""

    indicator = serializers.CharField(help_text="Indicator code.")
    country = serializers.CharField(help_text="ISO 3166 alpha-3 code of the Party.")
    m49 = serializers.CharField(allow_null=True, help_text="UN M49 code (SDMX REF_AREA).")
    time_period = serializers.CharField(allow_null=True, help_text="ISO 8601: 2019 or 2016/2019.")
    dimensions = serializers.DictField(
        child=serializers.CharField(), help_text="Member code per dimension code, e.g. {LAND_COVER: TREE}."
    )
    value = ValueField()
    unit = serializers.CharField()
    unit_multiplier = serializers.IntegerField(help_text="Values are in units of 10^n (SDMX UNIT_MULT).")
    source = serializers.ChoiceField(choices=ValueSource.choices, allow_null=True)
    justification = serializers.CharField(help_text="Why the value differs from the default data.")
    data_source = ObservationDataSourceSerializer(allow_null=True)
    cycle = serializers.CharField(help_text="Reporting cycle code.")
    validated_at = serializers.DateTimeField()


FORMAT_PARAMETER = OpenApiParameter(
    "format",
    enum=["json", "csv", "sdmx-csv", "datapackage"],
    description="Or content negotiation: Accept text/csv, "
    f"{SDMX_CSV_CONTENT_TYPE} or {exports.ZIP_MEDIA_TYPE}.",
)
EXPORT_HEADERS = "Streamed (chunked, no Content-Length); `X-Expected-Rows` gives the number of data lines."


class ObservationViewSet(JSONErrorsMixin, mixins.ListModelMixin, viewsets.GenericViewSet):
    """Validated national observations (public): one row per indicator, Party, time period and members."""

    queryset = ResultObservation.objects.all()
    serializer_class = ObservationSerializer
    filterset_class = ResultObservationFilterSet
    filter_backends = [ObservationFilterBackend]
    pagination_class = ObservationCursorPagination
    content_negotiation_class = ObservationContentNegotiation
    renderer_classes = [
        renderers.JSONRenderer,
        renderers.BrowsableAPIRenderer,
        CSVRenderer,
        SDMXCSVRenderer,
        DataPackageRenderer,
    ]

    def get_queryset(self):
        return ResultObservation.objects.visible_to(self.request.user)

    @extend_schema(
        description=(
            "Filters: `indicator`, `country` (ISO3, ISO2 or M49), `time_period`, `cycle`, `source`, and one "
            "per dimension under its code in capitals with a member code (`?LAND_COVER=TREE&SEX=F`); "
            "unknown parameters answer 400. JSON pages follow `next` (a keyset cursor). "
            f"`csv`, `sdmx-csv`: every matching row. {EXPORT_HEADERS} A broken transfer is an error, "
            "never a short file. `sdmx-csv` is SDMX-CSV 2.0 (dataflow UNCCD:DF_UNCCD_NATIONAL(1.0), "
            "REF_AREA in UN M49, `_Z` for a dimension an indicator lacks, NATURE C for national data "
            "and E for estimates and default data) with numeric observations only. `datapackage`: a zip "
            "with datapackage.json (Table Schema, licence), observations.csv and LICENSE.txt."
        ),
        parameters=[FORMAT_PARAMETER],
        responses={
            (200, "application/json"): ObservationSerializer(many=True),
            (200, exports.CSV_MEDIA_TYPE): OpenApiResponse(OpenApiTypes.STR, description=EXPORT_HEADERS),
            (200, SDMX_CSV_CONTENT_TYPE): OpenApiResponse(OpenApiTypes.STR, description=EXPORT_HEADERS),
            (200, exports.ZIP_MEDIA_TYPE): OpenApiResponse(OpenApiTypes.BINARY, description="Data package."),
            400: OpenApiResponse(description="Unknown filter or bad value, each named"),
        },
    )
    def list(self, request, *args, **kwargs):
        rows = self.filter_queryset(self.get_queryset())
        export_format = request.accepted_renderer.format
        if export_format in FILE_FORMATS:
            paging = sorted(PAGING_PARAMETERS & set(request.query_params))
            if paging:
                message = "Files carry every matching row: narrow them with filters; only JSON has pages."
                raise ValidationError({name: [message] for name in paging})
        if export_format in (CSVRenderer.format, SDMXCSVRenderer.format):
            return self._streamed(rows, export_format)
        if export_format == DataPackageRenderer.format:
            return self._datapackage(rows)
        page = self.paginate_queryset(rows.for_list())
        return self.get_paginated_response([api_row(row) for row in page])

    def _dimensions(self):
        return export_dimensions(self.request.query_params.get("indicator", ""))

    def _streamed(self, rows, export_format: str) -> StreamingHttpResponse:
        if export_format == SDMXCSVRenderer.format:
            rows, columns = numeric_only(rows), exports.sdmx_columns(self._dimensions())
            content_type, filename = SDMX_CSV_CONTENT_TYPE, "unccd-observations-sdmx.csv"
        else:
            columns, content_type = exports.csv_columns(self._dimensions()), exports.CSV_MEDIA_TYPE
            filename = "unccd-observations.csv"
        expected, chunks = exports.stream(rows, columns)
        response = StreamingHttpResponse(chunks, content_type=f"{content_type}; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        response["X-Expected-Rows"] = str(expected)
        return response

    def _datapackage(self, rows) -> FileResponse:
        # Built whole before the first byte is sent: a failure is a 500, never a short zip.
        archive = tempfile.SpooledTemporaryFile(max_size=32 * 1024 * 1024)  # noqa: SIM115 (the response closes it)
        written = exports.write_datapackage(
            rows, self._dimensions(), archive, source_url=self.request.build_absolute_uri()
        )
        archive.seek(0)
        response = FileResponse(
            archive,
            as_attachment=True,
            filename="unccd-observations-datapackage.zip",
            content_type=exports.ZIP_MEDIA_TYPE,
        )
        response["X-Expected-Rows"] = str(written)
        return response


class MayRequestExports(BasePermission):
    """Signed-in users whose roles may `request` exports (the model's policy); each sees their own."""

    def has_permission(self, request, view):
        if not request.user.is_authenticated:
            return False
        policy_action = "view" if request.method in SAFE_METHODS else "request"
        return may_ever(request.user, scoped_model(view), policy_action)


class ObservationExportSerializer(serializers.ModelSerializer):
    state = serializers.SerializerMethodField()
    error = serializers.SerializerMethodField()
    status_url = serializers.SerializerMethodField()
    download_url = serializers.SerializerMethodField()

    class Meta:
        model = ObservationExport
        fields = [
            "id",
            "format",
            "parameters",
            "state",
            "progress",
            "expected_rows",
            "row_count",
            "error",
            "created_at",
            "started_at",
            "finished_at",
            "status_url",
            "download_url",
        ]

    @extend_schema_field(serializers.ChoiceField(choices=ExportState.choices))
    def get_state(self, export) -> str:
        return ExportState.FAILED if export.is_lost else export.state

    def get_error(self, export) -> str:
        if export.is_lost:
            return "The export was interrupted (its worker stopped or ran out of time); ask for it again."
        return export.error

    def _url(self, name: str, export) -> str:
        return reverse(name, kwargs={"pk": export.pk}, request=self.context.get("request"))

    @extend_schema_field(OpenApiTypes.URI)
    def get_status_url(self, export) -> str:
        return self._url("observation-export-detail", export)

    @extend_schema_field({"type": "string", "format": "uri", "nullable": True})
    def get_download_url(self, export) -> str | None:
        if export.state != ExportState.COMPLETE:
            return None
        return self._url("observation-export-download", export)


class ObservationExportRequestSerializer(serializers.Serializer):
    """Documents the body of POST /observations/exports/: a format and the filters of GET /observations/."""

    format = serializers.ChoiceField(choices=ExportFormat.choices, default=ExportFormat.CSV)
    indicator = serializers.CharField(required=False)
    country = serializers.CharField(required=False, help_text="ISO3, ISO2 or M49.")
    time_period = serializers.CharField(required=False)
    cycle = serializers.CharField(required=False)
    source = serializers.ChoiceField(choices=ValueSource.choices, required=False)


class ObservationExportViewSet(
    JSONErrorsMixin,
    mixins.CreateModelMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    viewsets.GenericViewSet,
):
    """Background exports of the observations (any signed-in user; each sees their own, staff all).

    POST answers 202 with the export's id and status URL; a Celery task writes the file; the
    status shows progress and rows; a complete export's `download_url` serves the file.
    """

    queryset = ObservationExport.objects.all()
    serializer_class = ObservationExportSerializer
    permission_classes = [MayRequestExports]
    filter_backends = []

    def get_queryset(self):
        return ObservationExport.objects.visible_to(self.request.user).for_list()

    @extend_schema(
        request=ObservationExportRequestSerializer,
        responses={202: ObservationExportSerializer, 400: OpenApiResponse(description="Bad filter")},
        description='Dimension filters go in the body too: {"format": "sdmx-csv", "LAND_COVER": "TREE"}.',
    )
    def create(self, request, *args, **kwargs):
        data = dict(request.data.items())
        export_format = str(data.pop("format", ExportFormat.CSV))
        export = observation_export_request(user=request.user, export_format=export_format, parameters=data)
        body = self.get_serializer(export).data
        return Response(body, status=status.HTTP_202_ACCEPTED, headers={"Location": body["status_url"]})

    @extend_schema(
        responses={
            (200, "application/octet-stream"): OpenApiTypes.BINARY,
            409: OpenApiResponse(description="The export is not complete"),
        }
    )
    @action(detail=True, methods=["get"], renderer_classes=[renderers.JSONRenderer, AnyFileRenderer])
    def download(self, request, *args, **kwargs):
        """The export's file, for its owner (or staff) only."""
        export = self.get_object()
        if export.state != ExportState.COMPLETE:
            return Response(
                {"detail": f"The export is {export.get_state_display().lower()}, not complete."},
                status=status.HTTP_409_CONFLICT,
            )
        content_type = {
            ExportFormat.CSV: f"{exports.CSV_MEDIA_TYPE}; charset=utf-8",
            ExportFormat.SDMX_CSV: f"{SDMX_CSV_CONTENT_TYPE}; charset=utf-8",
            ExportFormat.DATAPACKAGE: exports.ZIP_MEDIA_TYPE,
        }[export.format]
        response = FileResponse(
            export.file.open("rb"),
            as_attachment=True,
            filename=observation_export_file_name(export),
            content_type=content_type,
        )
        response["X-Expected-Rows"] = str(export.row_count)
        return response
