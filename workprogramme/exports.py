"""The observations as files: CSV, SDMX-CSV 2.0 and a Frictionless data package.

Each format is a list of columns, each one SQL expression on the read model, so that every
cell is formatted by the database and every path writes the same bytes: on PostgreSQL a
streamed export is `COPY (query) TO STDOUT` (a thread feeds it to the response through a
bounded queue); elsewhere a cursor iterates `values_list()` rows into `csv.writer`. No
serializer runs per row. Background exports and data packages read in keyset batches.

Failing loudly: a streamed response carries `X-Expected-Rows` (one COUNT in the same snapshot
as the rows on PostgreSQL) and no Content-Length, so that the server sends it chunked; an error
part-way is raised out of the stream, the server drops the connection without the closing
chunk, and the client sees a broken transfer, never a short 200.
"""

import contextlib
import csv
import io
import json
import queue
import threading
import zipfile
from functools import reduce
from operator import or_

from django.db import connection
from django.db.models import Case, CharField, F, Func, Q, TextField, Value, When
from django.db.models.fields.json import KeyTextTransform
from django.db.models.functions import Coalesce, Concat, NullIf, Replace
from django.utils import timezone

from .choices import ValueSource

CSV_MEDIA_TYPE = "text/csv"
SDMX_CSV_MEDIA_TYPE = "application/vnd.sdmx.data+csv"
SDMX_CSV_VERSION = "2.0.0"
ZIP_MEDIA_TYPE = "application/zip"

# SDMX: one dataflow for the national tables; SERIES is the SDG series where one exists
# (AG_LND_DGRD for 15.3.1), so that those rows map onto IAEG-SDGs:DF_SDG_GLH.
STRUCTURE_ID = "UNCCD:DF_UNCCD_NATIONAL(1.0)"
NOT_APPLICABLE = "_Z"  # SDMX cross-domain code for a dimension an indicator does not have
# NATURE: C country data; E estimated. Default data come from global datasets (ESA CCI,
# Trends.Earth...) pre-filled by the secretariat, not produced by the country: E as well.
NATURE = {ValueSource.NATIONAL: "C", ValueSource.ESTIMATE: "E", ValueSource.DEFAULT: "E"}

# National reports without a User Specific Licence are published under CC BY-NC 4.0 (PRAIS).
LICENCE = {
    "name": "CC-BY-NC-4.0",
    "title": "Creative Commons Attribution-NonCommercial 4.0 International",
    "path": "https://creativecommons.org/licenses/by-nc/4.0/",
}
LICENCE_TEXT = f"""UNCCD national observations
============================

These data are the validated national reports of the Parties to the United Nations
Convention to Combat Desertification, as published by the UNCCD regional coordination portal.

Licence: {LICENCE["title"]} ({LICENCE["name"]})
{LICENCE["path"]}

You may copy and redistribute the data in any medium or format, and remix, transform and
build upon them, for non-commercial purposes, provided that you give appropriate credit
("Source: UNCCD national reports"), provide a link to the licence, and indicate if changes
were made. The full legal code is at {LICENCE["path"]}legalcode.
"""

# Spreadsheets run cells starting with these as formulas; free text gets an apostrophe.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

CHUNK_BYTES = 64 * 1024
ITERATOR_CHUNK_ROWS = 5_000
BATCH_ROWS = 10_000
QUEUE_CHUNKS = 16
JOIN_TIMEOUT_SECONDS = 60
STALL_TIMEOUT_SECONDS = 300


class ExportInterrupted(RuntimeError):
    """The rows stopped coming part-way; raised out of the stream so that the transfer breaks."""


class UtcTimestamp(Func):
    """A timestamp as ISO 8601 in UTC to the second (2026-11-30T10:24:03Z), formatted by the database."""

    output_field = CharField()

    def as_postgresql(self, compiler, connection, **extra):
        template = "to_char(%(expressions)s AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')"
        return self.as_sql(compiler, connection, template=template, **extra)

    def as_sqlite(self, compiler, connection, **extra):
        # Django stores SQLite timestamps in UTC as "YYYY-MM-DD HH:MM:SS[.ffffff]".
        template = "substr(replace(%(expressions)s, ' ', 'T'), 1, 19) || 'Z'"
        return self.as_sql(compiler, connection, template=template, **extra)


def _text(field: str):
    """A text column; empty text as NULL, so that every path writes an empty CSV cell alike."""
    return NullIf(F(field), Value(""), output_field=TextField())


def _free_text(field: str, only_if: Q | None = None):
    """Text typed by people, with an apostrophe before what a spreadsheet would run as a formula."""
    risky = reduce(or_, (Q(**{f"{field}__startswith": start}) for start in FORMULA_STARTS))
    cell = Case(When(risky, then=Concat(Value("'"), F(field))), default=F(field), output_field=TextField())
    if only_if is not None:
        cell = Case(When(only_if, then=cell), default=None, output_field=TextField())
    return NullIf(cell, Value(""), output_field=TextField())


def _member(code: str):
    return KeyTextTransform(code, "members")


def csv_columns(dimensions: list[str]) -> list[tuple]:
    """The plain CSV: the JSON fields flattened, one column per dimension and per data-source field.

    `value` holds numbers only; `value_text` the yes/no or text values of other indicators.
    """
    is_number = Q(value_number__isnull=False)
    return [
        ("indicator", F("indicator_code")),
        ("country", F("country_iso3")),
        ("m49", _text("country_m49")),
        ("time_period", _text("time_period")),
        *[(code, _member(code)) for code in dimensions],
        ("value", Case(When(is_number, then=F("value_text")), default=None, output_field=TextField())),
        ("value_text", _free_text("value_text", only_if=~is_number)),
        ("unit", _text("unit")),
        ("unit_multiplier", F("unit_multiplier")),
        ("source", _text("source")),
        ("justification", _free_text("justification")),
        ("data_source_title", _free_text("data_source_title")),
        ("data_source_link", _free_text("data_source_link")),
        ("data_source_publisher", _free_text("data_source_publisher")),
        ("cycle", F("cycle_code")),
        ("validated_at", UtcTimestamp("validated_at")),
    ]


def sdmx_columns(dimensions: list[str]) -> list[tuple]:
    """SDMX-CSV 2.0: structure, action, the dimensions (REF_AREA in M49), OBS_VALUE, attributes.

    Numeric observations only (see `results.numeric_only`). A dimension the indicator does not
    have is `_Z`; an observation without time period (a scalar indicator) takes its biennium.
    """
    return [
        ("STRUCTURE", Value("dataflow")),
        ("STRUCTURE_ID", Value(STRUCTURE_ID)),
        ("ACTION", Value("I")),
        ("FREQ", Value("A")),
        ("SERIES", F("series")),
        ("REF_AREA", F("country_m49")),
        *[
            (code, Coalesce(_member(code), Value(NOT_APPLICABLE), output_field=TextField()))
            for code in dimensions
        ],
        (
            "TIME_PERIOD",
            Case(
                When(time_period="", then=Replace(F("biennium_code"), Value("-"), Value("/"))),
                default=F("time_period"),
                output_field=CharField(),
            ),
        ),
        ("OBS_VALUE", F("value_text")),
        ("UNIT_MEASURE", _text("unit_code")),
        ("UNIT_MULT", F("unit_multiplier")),
        (
            "NATURE",
            Case(
                *[When(source=source, then=Value(code)) for source, code in NATURE.items()],
                default=None,
                output_field=CharField(),
            ),
        ),
    ]


def _rows(queryset, columns, *, with_pk: bool = False):
    """The export's query: one SQL expression per column, in the read model's id order."""
    names = {f"c{index}": expression for index, (_name, expression) in enumerate(columns)}
    fields = ["pk", *names] if with_pk else list(names)
    return queryset.annotate(**names).values_list(*fields).order_by("pk")


def _csv_line(values) -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerow(values)
    return buffer.getvalue().encode()


def header(columns) -> bytes:
    return _csv_line([name for name, _expression in columns])


# --- streamed exports (HTTP) ------------------------------------------------------------------


def stream(queryset, columns):
    """(the number of rows, an iterable of CSV bytes with the header first) for a streamed response.

    The iterable has `close()`: the response calls it however the transfer ends.
    """
    rows = _rows(queryset, columns)
    if connection.vendor == "postgresql":
        pipe = _CopyPipe(rows, queryset, header(columns))
        return pipe.start(), pipe
    return queryset.count(), _cursor_chunks(rows, header(columns))


def _cursor_chunks(rows, head: bytes):
    yield head
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    for row in rows.iterator(chunk_size=ITERATOR_CHUNK_ROWS):
        writer.writerow(row)
        if buffer.tell() >= CHUNK_BYTES:
            yield buffer.getvalue().encode()
            buffer.seek(0)
            buffer.truncate()
    if buffer.tell():
        yield buffer.getvalue().encode()


_DONE = object()


class _CopyPipe:
    """`COPY (query) TO STDOUT` on this request's connection, fed to the response through a queue.

    `start()` opens a snapshot (REPEATABLE READ, or a savepoint inside the caller's transaction)
    and counts the rows, in the request thread, before the response exists. The COPY only
    begins when the server iterates the body: a thread runs it into a bounded queue while the
    request thread, which no longer touches the database, sends what comes out. If the client
    goes away, `close()` cancels the COPY; if the database fails, the error is raised out of
    the iteration.
    """

    def __init__(self, rows, queryset, head: bytes):
        self.head = head
        self.rows_query = rows.query
        self.count_query = queryset.order_by().values("pk").query
        self.queue = queue.Queue(maxsize=QUEUE_CHUNKS)
        self.stopping = threading.Event()
        self.buffer = bytearray()
        self.thread = None
        self.snapshot_open = False

    def start(self) -> int:
        connection.ensure_connection()
        self.raw = connection.connection
        if self.raw.autocommit:
            self.begin, self.commit, self.rollback = (
                "BEGIN ISOLATION LEVEL REPEATABLE READ", "COMMIT", "ROLLBACK"
            )  # fmt: skip
        else:
            self.begin, self.commit, self.rollback = (
                "SAVEPOINT observations_export", "RELEASE SAVEPOINT observations_export",
                "ROLLBACK TO SAVEPOINT observations_export",
            )  # fmt: skip
        with self.raw.cursor() as cursor:
            sql, params = self.rows_query.sql_with_params()
            self.copy_sql = cursor.mogrify(f"COPY ({sql}) TO STDOUT WITH (FORMAT csv)", params)
            sql, params = self.count_query.sql_with_params()
            count_sql = cursor.mogrify(f"SELECT COUNT(*) FROM ({sql}) AS export", params)
            cursor.execute(self.begin)
            self.snapshot_open = True
            try:
                cursor.execute(count_sql)
                return cursor.fetchone()[0]
            except BaseException:
                self._end(self.rollback)
                raise

    def _end(self, statement: str) -> None:
        if self.snapshot_open:
            self.snapshot_open = False
            with self.raw.cursor() as cursor:
                cursor.execute(statement)

    def write(self, data) -> None:
        if self.stopping.is_set():
            return
        self.buffer += data
        if len(self.buffer) >= CHUNK_BYTES:
            self._put(bytes(self.buffer))
            self.buffer.clear()

    def _put(self, item) -> None:
        while not self.stopping.is_set():
            try:
                self.queue.put(item, timeout=0.5)
                return
            except queue.Full:
                continue

    def _produce(self) -> None:
        try:
            with self.raw.cursor() as cursor, cursor.copy(self.copy_sql) as copy:
                for data in copy:  # psycopg yields one row at a time
                    if self.stopping.is_set():
                        # Leaving the block by an exception makes psycopg cancel the COPY and
                        # drain it, so the connection is usable again.
                        raise ExportInterrupted("The client went away.")
                    self.write(data)
            self._end(self.commit)
            if self.buffer:
                self._put(bytes(self.buffer))
            self._put(_DONE)
        except BaseException as error:  # noqa: BLE001 (handed to the request thread, which raises it)
            with contextlib.suppress(Exception):  # the connection may be gone: report the first error
                self._end(self.rollback)
            self._put(error)

    def __iter__(self):
        yield self.head
        self.thread = threading.Thread(target=self._produce, name="observations-copy", daemon=True)
        self.thread.start()
        while True:
            try:
                item = self.queue.get(timeout=STALL_TIMEOUT_SECONDS)
            except queue.Empty:
                message = f"No rows came from the database for {STALL_TIMEOUT_SECONDS} s."
                raise ExportInterrupted(message) from None
            if item is _DONE:
                return
            if isinstance(item, BaseException):
                raise ExportInterrupted(f"The export stopped part-way: {item}") from item
            yield item

    def close(self) -> None:
        """However the response ends: stop a running COPY, or close a snapshot never copied from."""
        if self.thread is None:
            self._end(self.rollback)
            return
        if self.thread.is_alive():
            self.stopping.set()
            self.raw.cancel()
        self.thread.join(timeout=JOIN_TIMEOUT_SECONDS)


# --- written exports (data packages, background exports) --------------------------------------


def write_csv(queryset, columns, binary_file, *, on_progress=None, batch_rows: int = BATCH_ROWS) -> int:
    """Write the header and every row to `binary_file` in keyset batches; return the rows written.

    Each batch is one short indexed query, so that `on_progress(rows)` can report in between.
    """
    rows = _rows(queryset, columns, with_pk=True)
    text = io.TextIOWrapper(binary_file, encoding="utf-8", newline="", write_through=True)
    writer = csv.writer(text, lineterminator="\n")
    writer.writerow([name for name, _expression in columns])
    written, last = 0, None
    while True:
        page = list((rows if last is None else rows.filter(pk__gt=last))[:batch_rows])
        if not page:
            break
        writer.writerows(row[1:] for row in page)
        written += len(page)
        last = page[-1][0]
        if on_progress is not None:
            on_progress(written)
    text.flush()
    text.detach()
    return written


def _schema_field(name: str, dimensions: list[str]) -> dict:
    fields = {
        "indicator": {"type": "string", "constraints": {"required": True}, "description": "Indicator code."},
        "country": {"type": "string", "constraints": {"required": True, "pattern": "[A-Z]{3}"}},
        "m49": {"type": "string", "constraints": {"pattern": "[0-9]{3}"}, "description": "UN M49 code."},
        "time_period": {"type": "string", "description": "ISO 8601 year or period (2016/2019)."},
        "value": {"type": "number", "description": "The value, for numeric indicators."},
        "value_text": {"type": "string", "description": "The value of yes/no and text indicators."},
        "unit": {"type": "string"},
        "unit_multiplier": {"type": "integer", "description": "Values are in units of 10^n."},
        "source": {"type": "string", "constraints": {"enum": [choice.value for choice in ValueSource]}},
        "justification": {"type": "string", "description": "Why the value differs from the default."},
        "data_source_title": {"type": "string"},
        "data_source_link": {"type": "string"},
        "data_source_publisher": {"type": "string"},
        "cycle": {"type": "string", "description": "Reporting cycle code."},
        "validated_at": {"type": "datetime"},
    }
    if name in dimensions:
        return {"name": name, "type": "string", "description": f"Member code of the dimension {name}."}
    return {"name": name, **fields[name]}


def datapackage_descriptor(columns, dimensions: list[str], *, source_url: str) -> dict:
    """datapackage.json: one tabular resource with its Table Schema, the licence and the source."""
    return {
        "profile": "tabular-data-package",
        "name": "unccd-national-observations",
        "title": "UNCCD national observations (validated national reports)",
        "created": timezone.now().strftime("%Y-%m-%dT%H:%M:%SZ"),
        "licenses": [LICENCE],
        "sources": [{"title": "UNCCD regional coordination portal", "path": source_url}],
        "resources": [
            {
                "profile": "tabular-data-resource",
                "name": "observations",
                "path": "observations.csv",
                "format": "csv",
                "mediatype": CSV_MEDIA_TYPE,
                "encoding": "utf-8",
                "licenses": [LICENCE],
                "schema": {
                    "fields": [_schema_field(name, dimensions) for name, _expression in columns],
                    "missingValues": [""],
                },
            }
        ],
    }


def write_datapackage(queryset, dimensions: list[str], binary_file, *, source_url: str, on_progress=None):
    """The zip of a Frictionless data package (datapackage.json, observations.csv, LICENSE.txt)."""
    columns = csv_columns(dimensions)
    with zipfile.ZipFile(binary_file, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        with archive.open("observations.csv", "w", force_zip64=True) as member:
            written = write_csv(queryset, columns, member, on_progress=on_progress)
        descriptor = datapackage_descriptor(columns, dimensions, source_url=source_url)
        archive.writestr("datapackage.json", json.dumps(descriptor, indent=2))
        archive.writestr("LICENSE.txt", LICENCE_TEXT)
    return written
