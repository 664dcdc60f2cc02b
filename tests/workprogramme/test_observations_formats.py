"""The observations as files: CSV, SDMX-CSV 2.0 read back with pysdmx, a Frictionless data package
validated with frictionless, and streams that fail loudly."""

import csv
import io
import json
import threading
import zipfile

import pytest
from django.core.signals import request_finished
from django.db import close_old_connections, connection
from django.db.models import F, Func
from rest_framework.test import APIRequestFactory

from workprogramme import exports
from workprogramme.api.observations import ObservationViewSet
from workprogramme.models import ResultObservation

from . import observation_data as data
from .test_observations_api import URL

SDMX_ACCEPT = "application/vnd.sdmx.data+csv;version=2.0.0"


@pytest.fixture
def national_data(db):
    return data.national_data()


def streamed(response) -> bytes:
    assert response.status_code == 200
    assert not response.has_header("Content-Length")  # sent chunked: a cut transfer is an error
    return b"".join(response.streaming_content)


def test_csv_has_a_column_per_dimension_and_every_matching_row(api_client, national_data):
    response = api_client.get(URL, {"format": "csv", "country": "KEN"})
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["X-Expected-Rows"] == "20"
    table = list(csv.DictReader(io.StringIO(streamed(response).decode())))
    assert len(table) == 20
    assert list(table[0]) == [
        "indicator", "country", "m49", "time_period", "LAND_COVER", "SEX", "value", "value_text", "unit",
        "unit_multiplier", "source", "justification", "data_source_title", "data_source_link",
        "data_source_publisher", "cycle", "validated_at",
    ]  # fmt: skip
    water = next(row for row in table if row["LAND_COVER"] == "WATER" and row["time_period"] == "2019")
    assert water["value"] == "1234.5" and water["value_text"] == "" and water["m49"] == "404"
    assert water["justification"] == "'=cmd|' /C calc'!A0"  # a spreadsheet does not run it
    assert water["data_source_publisher"] == "KFS" and water["validated_at"] == "2026-11-30T10:24:03Z"
    women = next(row for row in table if row["SEX"] == "F")
    assert [women[name] for name in ("value", "unit_multiplier", "source", "LAND_COVER")] == [
        "10",
        "3",
        "estimate",
        "",
    ]
    scalar = next(row for row in table if row["indicator"] == "1.1")
    assert (scalar["value"], scalar["value_text"], scalar["time_period"]) == ("", "yes", "")


def test_csv_of_one_indicator_has_only_its_dimensions(api_client, national_data):
    body = streamed(api_client.get(URL, {"indicator": "SO2-3.T1"}, HTTP_ACCEPT="text/csv")).decode()
    lines = body.splitlines()
    assert lines[0].split(",")[:6] == ["indicator", "country", "m49", "time_period", "SEX", "value"]
    assert len(lines) == 4


def test_sdmx_csv_is_read_back_by_pysdmx_with_m49_ref_area(api_client, national_data):
    from pysdmx.io import read_sdmx

    response = api_client.get(URL, HTTP_ACCEPT=SDMX_ACCEPT)
    assert response["Content-Type"] == "application/vnd.sdmx.data+csv; version=2.0.0; charset=utf-8"
    body = streamed(response)
    assert response["X-Expected-Rows"] == "33"  # the yes/no value is not an SDMX observation
    assert body.splitlines()[0] == (
        b"STRUCTURE,STRUCTURE_ID,ACTION,FREQ,SERIES,REF_AREA,LAND_COVER,SEX,TIME_PERIOD,OBS_VALUE,"
        b"UNIT_MEASURE,UNIT_MULT,NATURE"
    )
    message = read_sdmx(body.decode())
    [dataset] = message.data
    assert dataset.short_urn == "Dataflow=UNCCD:DF_UNCCD_NATIONAL(1.0)"
    frame = dataset.data.astype(str)
    assert len(frame) == 33
    assert set(frame["REF_AREA"]) == {"404", "156"}  # Kenya and China as UN M49
    water = frame[(frame.REF_AREA == "404") & (frame.LAND_COVER == "WATER") & (frame.TIME_PERIOD == "2019")]
    attributes = ["SERIES", "OBS_VALUE", "UNIT_MEASURE", "UNIT_MULT", "NATURE", "SEX"]
    assert water[attributes].values.tolist() == [["SO1-1_T4", "1234.5", "KM2", "0", "C", "_Z"]]
    degraded = frame[frame.SERIES == "AG_LND_DGRD"]
    assert sorted(degraded.TIME_PERIOD) == ["2000/2015", "2016/2019"]
    assert set(degraded.NATURE) == {"E"} and set(degraded.UNIT_MEASURE) == {"PT"}  # default data: E
    assert set(frame[frame.SEX == "F"].UNIT_MULT) == {"3"}
    assert set(frame[frame.REF_AREA == "156"].NATURE) == {"E"}


def test_sdmx_csv_for_one_indicator_and_every_party(api_client, national_data):
    from pysdmx.io import read_sdmx

    body = streamed(api_client.get(URL, {"format": "sdmx-csv", "indicator": "SO1-4.T2"})).decode()
    assert body.splitlines()[0].split(",")[5:8] == ["REF_AREA", "TIME_PERIOD", "OBS_VALUE"]
    assert "dataflow,UNCCD:DF_UNCCD_NATIONAL(1.0),I,A,AG_LND_DGRD,404,2016/2019,14,PT,0,E" in body.split("\n")
    frame = read_sdmx(body).data[0].data
    assert frame["SERIES"].tolist() == ["AG_LND_DGRD", "AG_LND_DGRD"]
    assert frame["TIME_PERIOD"].tolist() == ["2000/2015", "2016/2019"]
    assert frame["REF_AREA"].astype(str).tolist() == ["404", "404"]
    assert frame["OBS_VALUE"].astype(float).tolist() == [12.5, 14.0]


def test_other_sdmx_csv_versions_are_not_acceptable(api_client, national_data):
    response = api_client.get(URL, HTTP_ACCEPT="application/vnd.sdmx.data+csv;version=1.0.0")
    assert response.status_code == 406
    assert response["Content-Type"].startswith("application/json")


def test_datapackage_is_valid_for_frictionless(api_client, national_data, tmp_path):
    import frictionless

    response = api_client.get(URL, {"format": "datapackage"})
    assert response.status_code == 200 and response["Content-Type"] == "application/zip"
    assert response["X-Expected-Rows"] == "34"
    archive = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    assert sorted(archive.namelist()) == ["LICENSE.txt", "datapackage.json", "observations.csv"]
    archive.extractall(tmp_path)
    descriptor = json.loads((tmp_path / "datapackage.json").read_text())
    assert descriptor["licenses"][0]["name"] == "CC-BY-NC-4.0"
    assert "Attribution-NonCommercial" in (tmp_path / "LICENSE.txt").read_text()
    report = frictionless.validate(str(tmp_path / "datapackage.json"))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
    resource = frictionless.Package(str(tmp_path / "datapackage.json")).get_resource("observations")
    table = resource.read_rows()
    assert len(table) == 34
    kenya = [row for row in table if row["country"] == "KEN"]
    water = next(row for row in kenya if row["LAND_COVER"] == "WATER" and row["time_period"] == "2019")
    assert float(water["value"]) == 1234.5 and water["validated_at"].year == 2026


class FailAtRow(Func):
    """A column that makes the database fail when it reaches one row (division by zero, bad JSON)."""

    def __init__(self, pk: int):
        super().__init__(F("pk"), pk)

    def as_postgresql(self, compiler, connection, **extra):
        template = "(1 / (%(expressions)s))::text"
        return self.as_sql(compiler, connection, template=template, arg_joiner=" - ", **extra)

    def as_sqlite(self, compiler, connection, **extra):
        template = "CASE WHEN %(expressions)s = 0 THEN json('{broken') ELSE '' END"
        return self.as_sql(compiler, connection, template=template, arg_joiner=" - ", **extra)


@pytest.fixture
def failing_at_last_row(monkeypatch, national_data):
    """Small chunks, and a CSV column that fails at the export's last row."""
    last = ResultObservation.objects.order_by("pk").last().pk
    columns = exports.csv_columns
    monkeypatch.setattr(exports, "CHUNK_BYTES", 64)
    monkeypatch.setattr(exports, "ITERATOR_CHUNK_ROWS", 2)
    failing = ("boom", FailAtRow(last))
    monkeypatch.setattr(exports, "csv_columns", lambda dimensions: [*columns(dimensions), failing])
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            # Rows in index order, computed as they are sent (as with a large table), not sorted first.
            cursor.execute("SET LOCAL enable_seqscan = off")
            cursor.execute("SET LOCAL enable_sort = off")


def test_a_stream_that_fails_part_way_raises_instead_of_ending_short(api_client, failing_at_last_row):
    response = api_client.get(URL, {"format": "csv"})
    assert response.status_code == 200 and response["X-Expected-Rows"] == "34"
    assert not response.has_header("Content-Length")
    received = []
    with pytest.raises(Exception) as failure:  # noqa: PT011 (the database's error, or ExportInterrupted wrapping it)
        for chunk in response.streaming_content:
            received.append(chunk)
    assert "division by zero" in str(failure.value) or "JSON" in str(failure.value)
    assert len(received) > 1  # rows had been sent when it failed
    assert b"".join(received).count(b"\n") - 1 < 34  # short: the client must not take it for the whole
    # The connection is still usable afterwards.
    assert ResultObservation.objects.count() == 34


def test_a_client_going_away_stops_the_export(national_data, monkeypatch):
    monkeypatch.setattr(exports, "CHUNK_BYTES", 64)
    monkeypatch.setattr(exports, "QUEUE_CHUNKS", 1)
    view = ObservationViewSet.as_view({"get": "list"})
    response = view(APIRequestFactory().get(URL, {"format": "csv"}), version="v1")
    stream = iter(response.streaming_content)
    assert next(stream).startswith(b"indicator,")
    assert next(stream)  # the COPY is running, and waits for the slow client
    # The WSGI server closes the response when the client goes away (without closing the test's
    # database connection, as Django's request_finished handler would in a test transaction).
    request_finished.disconnect(close_old_connections)
    try:
        response.close()
    finally:
        request_finished.connect(close_old_connections)
    assert not any(thread.name == "observations-copy" for thread in threading.enumerate())
    assert ResultObservation.objects.count() == 34  # the connection is still usable


def test_results_endpoint_still_serves_its_table(api_client, api_reader, national_data):
    api_client.force_authenticate(api_reader)
    assert api_client.get("/api/v1/results/").status_code == 200
