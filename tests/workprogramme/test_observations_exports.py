"""Background exports: 202 with a status URL, a Celery task writing the file, a permission-checked
download, failures said as such (eager Celery; one test with a real worker when Redis is there)."""

import datetime
import io
import os
import zipfile

import pytest
from django.db import OperationalError
from django.utils import timezone

from core.roles import Role
from tests.factories import UserFactory
from workprogramme import exports
from workprogramme.export_job import observation_export_run
from workprogramme.models import ObservationExport

from . import observation_data as data

URL = "/api/v1/observations/exports/"


@pytest.fixture
def national_data(db):
    return data.national_data()


@pytest.fixture
def reader_client(api_client, api_reader):
    api_client.force_authenticate(api_reader)
    return api_client


def request_export(client, django_capture_on_commit_callbacks, **body):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(URL, body, format="json")
    return response


def test_an_export_is_accepted_written_and_downloaded_by_its_owner(
    reader_client, national_data, eager_celery, django_capture_on_commit_callbacks
):
    response = request_export(
        reader_client,
        django_capture_on_commit_callbacks,
        format="sdmx-csv",
        indicator="SO1-1.T4",
        country="404",
    )
    assert response.status_code == 202
    body = response.json()
    assert response["Location"] == body["status_url"] and body["status_url"].endswith(f"{URL}{body['id']}/")
    status = reader_client.get(body["status_url"]).json()
    assert (status["state"], status["progress"], status["row_count"], status["expected_rows"]) == (
        "complete",
        100,
        14,
        14,
    )
    assert status["parameters"] == {"indicator": "SO1-1.T4", "country": "404"} and status["error"] == ""
    download = reader_client.get(status["download_url"])
    assert download.status_code == 200 and download["X-Expected-Rows"] == "14"
    assert download["Content-Type"].startswith("application/vnd.sdmx.data+csv; version=2.0.0")
    lines = b"".join(download.streaming_content).decode().splitlines()
    assert lines[0].startswith("STRUCTURE,STRUCTURE_ID,ACTION,FREQ,SERIES,REF_AREA,LAND_COVER,TIME_PERIOD")
    assert len(lines) == 15 and all(",404," in line for line in lines[1:])
    assert [row["id"] for row in reader_client.get(URL).json()["results"]] == [body["id"]]


def test_a_data_package_export(
    reader_client, national_data, eager_celery, django_capture_on_commit_callbacks
):
    body = request_export(
        reader_client, django_capture_on_commit_callbacks, format="datapackage", LAND_COVER="TREE"
    ).json()
    status = reader_client.get(body["status_url"]).json()
    assert status["state"] == "complete" and status["row_count"] == 4
    archive = zipfile.ZipFile(
        io.BytesIO(b"".join(reader_client.get(status["download_url"]).streaming_content))
    )
    assert sorted(archive.namelist()) == ["LICENSE.txt", "datapackage.json", "observations.csv"]
    assert archive.read("observations.csv").decode().count("\n") == 5


def test_only_the_owner_and_staff_see_an_export(
    api_client, national_data, eager_celery, django_capture_on_commit_callbacks
):
    owner = UserFactory(role=Role.API_READER)
    api_client.force_authenticate(owner)
    body = request_export(api_client, django_capture_on_commit_callbacks, format="csv").json()
    download = f"{URL}{body['id']}/download/"
    api_client.force_authenticate(UserFactory(role=Role.API_READER))
    assert api_client.get(body["status_url"]).status_code == 404
    assert api_client.get(download).status_code == 404
    assert api_client.get(URL).json()["results"] == []
    api_client.force_authenticate(UserFactory(role=Role.SECRETARIAT))
    assert api_client.get(download).status_code == 200
    api_client.force_authenticate(None)
    assert api_client.get(download).status_code == 401
    assert api_client.get(body["status_url"]).status_code == 401


def test_anonymous_visitors_cannot_ask_for_exports(api_client, national_data):
    assert api_client.post(URL, {"format": "csv"}, format="json").status_code == 401
    assert ObservationExport.objects.count() == 0


@pytest.mark.parametrize(
    "body, field",
    [({"format": "xml"}, "format"), ({"colour": "red"}, "colour"), ({"country": "XYZ"}, "country")],
)
def test_bad_requests_are_refused_before_anything_is_queued(reader_client, national_data, body, field):
    response = reader_client.post(URL, body, format="json")
    assert response.status_code == 400 and field in response.json()
    assert ObservationExport.objects.count() == 0


def test_a_failed_export_says_failed_with_the_error(
    reader_client, national_data, eager_celery, django_capture_on_commit_callbacks, monkeypatch
):
    def broken(*args, **kwargs):
        raise ValueError("the disk is full")

    monkeypatch.setattr(exports, "write_csv", broken)
    body = request_export(reader_client, django_capture_on_commit_callbacks, format="csv").json()
    status = reader_client.get(body["status_url"]).json()
    assert status["state"] == "failed" and "the disk is full" in status["error"]
    assert status["download_url"] is None
    assert reader_client.get(f"{URL}{body['id']}/download/").status_code == 409


def test_a_transient_error_requeues_the_export_for_a_retry_until_the_last_attempt(
    api_reader, national_data, monkeypatch
):
    from workprogramme.export_tasks import export_observations

    assert OperationalError in export_observations.autoretry_for and export_observations.max_retries == 3
    assert export_observations.soft_time_limit < export_observations.time_limit
    write_csv, calls = exports.write_csv, []

    def flaky(*args, **kwargs):
        calls.append(1)
        if len(calls) < 3:
            raise OperationalError("the database went away")
        return write_csv(*args, **kwargs)

    monkeypatch.setattr(exports, "write_csv", flaky)
    export = ObservationExport.objects.create(requested_by=api_reader, format="csv")
    with pytest.raises(OperationalError):  # raised again: Celery retries it
        observation_export_run(export_id=export.pk, final_attempt=False)
    export.refresh_from_db()
    assert export.state == "queued" and "transient" in export.error
    assert observation_export_run(export_id=export.pk, final_attempt=True).state == "failed"
    other = ObservationExport.objects.create(requested_by=api_reader, format="csv")
    assert observation_export_run(export_id=other.pk).state == "complete"  # third call succeeds
    assert ObservationExport.objects.get(pk=other.pk).row_count == 34


def test_running_the_task_again_leaves_a_finished_export_alone(
    reader_client, national_data, eager_celery, django_capture_on_commit_callbacks
):
    body = request_export(reader_client, django_capture_on_commit_callbacks, format="csv").json()
    export = ObservationExport.objects.get(pk=body["id"])
    again = observation_export_run(export_id=export.pk)
    assert again.file.name == export.file.name and again.finished_at == export.finished_at


def test_an_export_running_past_its_time_limit_reads_as_failed(reader_client, api_reader, national_data):
    export = ObservationExport.objects.create(
        requested_by=api_reader,
        format="csv",
        state="running",
        started_at=timezone.now() - datetime.timedelta(hours=2),
    )
    status = reader_client.get(f"{URL}{export.pk}/").json()
    assert status["state"] == "failed" and "interrupted" in status["error"]


@pytest.mark.skipif(
    not os.environ.get("REDIS_URL"), reason="REDIS_URL is not set: no broker for a real worker"
)
@pytest.mark.celery_worker
@pytest.mark.django_db(transaction=True)
def test_a_real_worker_writes_the_export(api_client, reference_data, django_capture_on_commit_callbacks):
    from celery.contrib.testing.worker import start_worker

    from unccd_portal.celery import app

    assert app.conf.task_always_eager is False
    data.national_data()
    api_client.force_authenticate(UserFactory(role=Role.API_READER))
    with start_worker(app, perform_ping_check=False, shutdown_timeout=10):
        body = api_client.post(URL, {"format": "csv", "country": "KEN"}, format="json").json()
        export = ObservationExport.objects.get(pk=body["id"])
        for _ in range(300):
            export.refresh_from_db()
            if export.state in ("complete", "failed"):
                break
            __import__("time").sleep(0.1)
    assert export.state == "complete", export.error
    assert export.row_count == 20
