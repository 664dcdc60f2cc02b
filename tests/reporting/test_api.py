"""The reports API: compile (202), follow, tables as JSON and CSV, publish; who may do what."""

import pytest

from reporting.models import Report
from tests.conftest import count_queries
from tests.factories import ReportFactory

URL = "/api/v1/reports/"
BODY = {"kind": "biennial_performance", "biennium": "2018-2019", "cutoff_date": "2019-05-31"}
OTHERS = ["nfp_kenya", "coordinator_africa", "api_reader", "stc_kenya"]


@pytest.fixture
def published(biennium):
    return ReportFactory(biennium=biennium, published=True, version=1)


@pytest.fixture
def draft(biennium):
    return ReportFactory(biennium=biennium, version=2)


def _as(request, api_client, who):
    if who != "anonymous":
        api_client.force_authenticate(request.getfixturevalue(who))
    return api_client


@pytest.mark.parametrize("who", ["secretariat_user", "gm_user"])
def test_staff_compile_answers_202_with_the_id(
    request, api_client, small_finance, small_posts, who, django_capture_on_commit_callbacks
):
    client = _as(request, api_client, who)
    with django_capture_on_commit_callbacks(execute=False):
        response = client.post(URL, BODY, format="json")
    assert response.status_code == 202
    report = Report.objects.get(pk=response.json()["id"])
    assert (
        response.json()["status"] == "queued"
        and report.compiled_by.username == request.getfixturevalue(who).username
    )
    detail = client.get(f"{URL}{report.pk}/").json()
    assert {"status", "progress", "error", "requested_at", "started_at", "finished_at"} <= set(detail)


@pytest.mark.parametrize("who", ["anonymous", *OTHERS])
def test_others_cannot_compile(request, api_client, biennium, who):
    response = _as(request, api_client, who).post(URL, BODY, format="json")
    assert response.status_code in (401, 403)
    assert not Report.objects.exists()


def test_bad_request_is_400(api_client, secretariat_user, biennium):
    api_client.force_authenticate(secretariat_user)
    response = api_client.post(URL, BODY | {"cutoff_date": "2024-01-01"}, format="json")
    assert response.status_code == 400 and "cutoff_date" in response.json()
    assert api_client.post(URL, BODY | {"kind": "novel"}, format="json").status_code == 400
    assert not Report.objects.exists()


@pytest.mark.parametrize("who", ["anonymous", *OTHERS])
def test_non_staff_read_published_only(request, api_client, published, draft, who):
    client = _as(request, api_client, who)
    assert [r["id"] for r in client.get(URL).json()["results"]] == [published.pk]
    assert client.get(f"{URL}{published.pk}/").status_code == 200
    assert client.get(f"{URL}{draft.pk}/").status_code == 404
    assert client.get(f"{URL}{draft.pk}/tables/").status_code == 404
    assert client.get(f"{URL}{draft.pk}/tables/1/?format=csv").status_code == 404


def test_staff_read_every_version(api_client, gm_user, published, draft):
    api_client.force_authenticate(gm_user)
    assert {r["id"] for r in api_client.get(URL).json()["results"]} == {published.pk, draft.pk}
    assert api_client.get(f"{URL}?published=false").json()["count"] == 1
    assert api_client.get(f"{URL}?published=maybe").status_code == 400
    assert api_client.get(f"{URL}?colour=red").status_code == 400


def test_tables_as_json_and_csv(api_client, published):
    tables = api_client.get(f"{URL}{published.pk}/tables/").json()["tables"]
    assert tables[0]["columns"] == [{"key": "approved", "label": "Approved", "kind": "amount"}]
    one = api_client.get(f"{URL}{published.pk}/tables/1/")
    assert one.json()["rows"] == [{"label": "A", "style": "line", "cells": [1000]}]
    csv = api_client.get(f"{URL}{published.pk}/tables/1/?format=csv")
    assert csv.status_code == 200 and csv["Content-Type"].startswith("text/csv")
    assert csv.content.decode().splitlines() == [",Approved", "A,1000"]
    assert api_client.get(f"{URL}{published.pk}/tables/7/").status_code == 404


def test_secretariat_publishes_and_the_previous_version_is_withdrawn(
    api_client, secretariat_user, published, draft
):
    api_client.force_authenticate(secretariat_user)
    response = api_client.post(f"{URL}{draft.pk}/publish/")
    assert response.status_code == 200 and response.json()["published"] is True
    published.refresh_from_db()
    assert published.published is False
    assert api_client.post(f"{URL}{draft.pk}/publish/").status_code == 409


def test_incomplete_report_cannot_be_published(api_client, secretariat_user, biennium):
    running = ReportFactory(biennium=biennium, status="running", tables=[])
    api_client.force_authenticate(secretariat_user)
    assert api_client.post(f"{URL}{running.pk}/publish/").status_code == 409
    running.refresh_from_db()
    assert running.published is False


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("anonymous", (401, 403)),
        ("gm_user", (403,)),
        ("api_reader", (403,)),
        ("nfp_kenya", (403, 404)),
        ("coordinator_africa", (403, 404)),
    ],
)
def test_only_the_secretariat_publishes(request, api_client, draft, who, status):
    response = _as(request, api_client, who).post(f"{URL}{draft.pk}/publish/")
    assert response.status_code in status
    draft.refresh_from_db()
    assert draft.published is False


def test_list_endpoint_query_count_does_not_grow(api_client, secretariat_user, biennium):
    api_client.force_authenticate(secretariat_user)
    ReportFactory.create_batch(2, biennium=biennium)
    api_client.get(URL)  # the user's roles are read once and cached on the user
    few = count_queries(lambda: api_client.get(URL))
    ReportFactory.create_batch(10, biennium=biennium)
    assert count_queries(lambda: api_client.get(URL)) == few


def test_snapshot_list_endpoints(api_client, secretariat_user, nfp_kenya, small_finance, small_posts):
    api_client.force_authenticate(secretariat_user)
    finance = api_client.get("/api/v1/finance-snapshots/").json()["results"]
    assert finance[0]["line_count"] == 9 and finance[0]["biennium"] == "2018-2019"
    assert api_client.get("/api/v1/post-snapshots/").json()["results"][0]["filled_count"] == 6
    few = count_queries(lambda: api_client.get("/api/v1/finance-snapshots/"))
    from tests.factories import BienniumFactory, FinanceSnapshotFactory

    for year in (2020, 2022, 2024):
        FinanceSnapshotFactory(biennium=BienniumFactory(start_year=year))
    assert count_queries(lambda: api_client.get("/api/v1/finance-snapshots/")) == few
    posts_few = count_queries(lambda: api_client.get("/api/v1/post-snapshots/"))
    from tests.factories import PostSnapshotFactory

    for year in (2020, 2022, 2024):
        PostSnapshotFactory(biennium=BienniumFactory(start_year=year))
    assert count_queries(lambda: api_client.get("/api/v1/post-snapshots/")) == posts_few
    api_client.force_authenticate(nfp_kenya)
    assert api_client.get("/api/v1/finance-snapshots/").json()["results"] == []
    assert api_client.get(f"/api/v1/finance-snapshots/{small_finance.pk}/").status_code == 404


def test_downloads_through_the_api(
    api_client, api_reader, small_finance, small_posts, biennium, secretariat_user
):
    import io

    from docx import Document
    from openpyxl import load_workbook

    from reporting.services import report_compile, report_publish, report_request

    report = report_request(
        kind="biennial_performance",
        biennium=biennium,
        cutoff_date=small_finance.cutoff_date,
        user=secretariat_user,
        enqueue=False,
    )
    report = report_compile(report_id=report.pk)
    api_client.force_authenticate(api_reader)
    assert api_client.get(f"{URL}{report.pk}/download/xlsx/").status_code == 404  # not published yet
    report_publish(report=report, user=secretariat_user)
    xlsx = api_client.get(f"{URL}{report.pk}/download/xlsx/")
    assert xlsx.status_code == 200 and "Table 8" in load_workbook(io.BytesIO(xlsx.content)).sheetnames
    docx = api_client.get(f"{URL}{report.pk}/download/docx/")
    assert len(Document(io.BytesIO(docx.content)).tables) >= 9
