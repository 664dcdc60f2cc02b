"""Done when: compile 2018-2019 via the API, follow it, read, download, publish; anonymous reads it."""

import io
from unittest import mock

from docx import Document
from openpyxl import load_workbook

from reporting.tasks import compile_report

from .conftest import import_samples


def test_secretariat_compiles_publishes_and_anonymous_reads(
    client, secretariat_user, biennium, django_capture_on_commit_callbacks
):
    import_samples(biennium)
    client.force_login(secretariat_user)
    run_here = mock.patch.object(
        compile_report, "delay", side_effect=lambda *args: compile_report.apply(args=args)
    )
    with run_here, django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/api/v1/reports/",
            {"kind": "biennial_performance", "biennium": "2018-2019", "cutoff_date": "2019-05-31"},
            content_type="application/json",
        )
    assert response.status_code == 202
    pk = response.json()["id"]
    status = client.get(f"/api/v1/reports/{pk}/").json()
    assert (status["status"], status["progress"], status["failed_checks"]) == ("complete", 100, 0)
    assert 'id="report-progress"' in client.get(f"/reports/{pk}/").content.decode()

    table1 = client.get(f"/api/v1/reports/{pk}/tables/1/").json()
    row_d = next(r for r in table1["rows"] if r.get("code") == "AS")
    row_a = next(r for r in table1["rows"] if r.get("code") == "EDM")
    assert row_d["cells"][:3] != row_a["cells"][:3]  # the seed's defect is not reproduced
    assert "2,492,215" in client.get(f"/reports/{pk}/").content.decode()  # row D's projected, as published

    assert len(load_workbook(io.BytesIO(client.get(f"/reports/{pk}/download.xlsx").content)).sheetnames) == 10
    assert len(Document(io.BytesIO(client.get(f"/reports/{pk}/download.docx").content)).tables) >= 9

    assert client.post(f"/api/v1/reports/{pk}/publish/").status_code == 200
    client.logout()
    page = client.get(f"/reports/{pk}/")
    assert page.status_code == 200 and "14,325,736" in page.content.decode()
    assert client.get("/api/v1/reports/").json()["results"][0]["id"] == pk
