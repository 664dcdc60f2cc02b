"""Issue 14.1: publishing asks for confirmation and shows what the public will see change; a version
whose consistency checks failed is published only with an override reason, kept in its history;
missing finance or staffing data reads as missing, not as zeros and "None%"."""

import io

import pytest
from django.core.exceptions import ValidationError
from docx import Document
from openpyxl import load_workbook

from core.errors import InvalidTransition
from reporting.models import Report
from reporting.rendering.labels import render
from reporting.services import report_compile, report_publish, report_request
from tests.factories import BienniumFactory, ReportFactory

FAILED = [
    {"code": "finance_cutoff", "table": None, "passed": False, "message": "Finance data: none recorded."},
    {"code": "posts_cutoff", "table": None, "passed": False, "message": "Staffing data: none recorded."},
    {"code": "table1_totals", "table": 1, "passed": True, "message": "Rows add up."},
]


def _finance_table(approved, spent, projected):
    return {
        "number": 1,
        "key": "expenditure_by_programme",
        "title": "Table 1",
        "unit": "EUR",
        "columns": [{"key": "approved", "label": "Approved", "kind": "amount"}],
        "rows": [{"label": "Total", "style": "total", "code": "core_total", "cells": [approved]}],
        "footnotes": [],
        "notes": [],
        "summary": {
            "expenditure_rate": round(spent * 100 / approved, 1),
            "implementation_rate": round(projected * 100 / approved, 1),
            "core_expenditure": spent,
            "core_approved": approved,
        },
    }


@pytest.fixture
def public_report(db):
    """The 2018-2019 report the public dashboard shows now."""
    return ReportFactory(
        biennium=BienniumFactory(start_year=2018),
        published=True,
        tables=[_finance_table(2_000_000, 1_350_000, 1_972_000)],
        sections={
            "results": {"overview": {"parties": 197, "submitted": 141, "validated": 130, "rate": 71.6}}
        },
    )


@pytest.fixture
def failing(db):
    """A 2026-2027 version compiled without finance data: its checks failed."""
    return ReportFactory(biennium=BienniumFactory(start_year=2026), checks=FAILED)


@pytest.fixture
def passing(db):
    return ReportFactory(
        biennium=BienniumFactory(start_year=2024),
        checks=[FAILED[2]],
        tables=[_finance_table(3_000_000, 1_500_000, 2_900_000)],
    )


def _state(report):
    report.refresh_from_db()
    return (report.published, report.publish_override_reason, report.history.count())


# --- the service -------------------------------------------------------------------------------------


def test_failed_checks_need_an_override_reason(secretariat_user, failing):
    before = _state(failing)
    with pytest.raises(InvalidTransition, match="2 consistency checks failed"):
        report_publish(user=secretariat_user, report=failing)
    with pytest.raises(ValidationError) as error:
        report_publish(user=secretariat_user, report=failing, override_reason="   ")
    assert "override_reason" in error.value.message_dict
    assert _state(failing) == before

    report_publish(user=secretariat_user, report=failing, override_reason="Finance data follow in March.")
    failing.refresh_from_db()
    assert failing.published and failing.publish_override_reason == "Finance data follow in March."
    latest = failing.history.order_by("-history_date", "-history_id").first()
    assert (latest.published, latest.publish_override_reason, latest.history_user) == (
        True,
        "Finance data follow in March.",
        secretariat_user,
    )


def test_a_version_whose_checks_pass_needs_no_reason(secretariat_user, passing):
    report_publish(user=secretariat_user, report=passing)
    passing.refresh_from_db()
    assert passing.published and passing.publish_override_reason == ""


# --- the API ------------------------------------------------------------------------------------------


def test_api_answers_409_without_a_reason_and_400_for_an_empty_one(api_client, secretariat_user, failing):
    api_client.force_authenticate(secretariat_user)
    url = f"/api/v1/reports/{failing.pk}/publish/"
    before = _state(failing)
    response = api_client.post(url, {}, format="json")
    assert response.status_code == 409 and "override reason" in response.json()["detail"]
    assert _state(failing) == before
    response = api_client.post(url, {"override_reason": ""}, format="json")
    assert response.status_code == 400 and "override_reason" in response.json()
    assert _state(failing) == before
    response = api_client.post(url, {"override_reason": "Agreed with the Bureau."}, format="json")
    assert response.status_code == 200 and response.json()["published"] is True
    assert _state(failing)[:2] == (True, "Agreed with the Bureau.")


# Who may change no report is refused before any lookup (core.api.permissions).
@pytest.mark.parametrize(("who", "status"), [("gm_user", 403), ("nfp_kenya", 403), ("api_reader", 403)])
def test_api_publish_refused_with_a_reason_too(request, api_client, failing, who, status):
    api_client.force_authenticate(request.getfixturevalue(who))
    before = _state(failing)
    response = api_client.post(
        f"/api/v1/reports/{failing.pk}/publish/", {"override_reason": "x"}, format="json"
    )
    assert response.status_code == status
    assert _state(failing) == before


# --- the confirmation page ----------------------------------------------------------------------------


def test_detail_page_asks_before_publishing(client, secretariat_user, passing):
    client.force_login(secretariat_user)
    page = client.get(f"/reports/{passing.pk}/").content.decode()
    assert f'href="/reports/{passing.pk}/publish/"' in page
    assert f'action="/reports/{passing.pk}/publish/"' not in page  # no one-click form


def test_confirmation_shows_what_the_public_will_see_change(client, secretariat_user, public_report, failing):
    client.force_login(secretariat_user)
    response = client.get(f"/reports/{failing.pk}/publish/")
    assert response.status_code == 200
    page = response.content.decode()
    assert "What the public will see change" in page
    assert "Public now (2018-2019, version" in page
    assert "67.5" in page and "2,000,000" in page  # the public figures now
    assert page.count("no finance data for this biennium") == 4  # this version's finance figures
    assert "None%" not in page and "None" not in page.split("What the public")[1]
    assert "2 consistency checks failed." in page and "Finance data: none recorded." in page
    assert 'name="override_reason"' in page
    failing.refresh_from_db()
    assert not failing.published


def test_confirmation_of_an_older_biennium_leaves_the_dashboard(client, secretariat_user, public_report):
    older = ReportFactory(biennium=BienniumFactory(start_year=2010))
    client.force_login(secretariat_user)
    page = client.get(f"/reports/{older.pk}/publish/").content.decode()
    assert "The results dashboard does not change" in page
    assert 'name="override_reason"' not in page  # its checks passed


def test_confirming_without_a_reason_shows_the_error_and_publishes_nothing(
    client, secretariat_user, public_report, failing
):
    client.force_login(secretariat_user)
    before = _state(failing)
    response = client.post(f"/reports/{failing.pk}/publish/", {"override_reason": "  "})
    assert response.status_code == 400
    assert "Say why this version is published although its checks failed." in response.content.decode()
    assert _state(failing) == before
    public_report.refresh_from_db()
    assert public_report.published


def test_confirming_with_a_reason_publishes_and_the_history_shows_it(client, secretariat_user, failing):
    client.force_login(secretariat_user)
    response = client.post(f"/reports/{failing.pk}/publish/", {"override_reason": "COP deadline."})
    assert response.status_code == 302
    assert _state(failing)[:2] == (True, "COP deadline.")
    page = client.get(f"/reports/{failing.pk}/").content.decode()
    assert "COP deadline." in page


@pytest.mark.parametrize(
    ("who", "status"), [("gm_user", 403), ("nfp_kenya", 404), ("coordinator_africa", 404)]
)
def test_who_may_not_publish_sees_no_confirmation_and_changes_nothing(request, client, failing, who, status):
    client.force_login(request.getfixturevalue(who))
    before = _state(failing)
    assert client.get(f"/reports/{failing.pk}/publish/").status_code == status
    assert client.post(f"/reports/{failing.pk}/publish/", {"override_reason": "x"}).status_code == status
    assert _state(failing) == before


def test_anonymous_is_sent_to_login(client, failing):
    response = client.get(f"/reports/{failing.pk}/publish/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


# --- missing data -------------------------------------------------------------------------------------


@pytest.fixture
def without_data(secretariat_user, biennium):
    """A version of a biennium without finance or staffing data (the 2026-2027 case)."""
    report = report_request(
        kind="biennial_performance",
        biennium=biennium,
        cutoff_date=biennium.end_date,
        user=secretariat_user,
        enqueue=False,
    )
    return report_compile(report_id=report.pk)


def test_missing_data_reads_as_missing_in_tables_and_checks(without_data):
    tables = {table["key"]: table for table in render(without_data.tables)}
    finance = tables["expenditure_by_programme"]
    assert finance["rows"] == [] and finance["no_data"]
    assert finance["notes"] == ["No finance data for this biennium (2018-2019)."]
    assert finance["summary"]["core_approved"] is None and finance["summary"]["expenditure_rate"] is None
    assert tables["posts_secretariat"]["notes"] == ["No staffing data for this biennium (2018-2019)."]
    assert {check["code"] for check in without_data.failed_checks} == {"finance_cutoff", "posts_cutoff"}


def test_missing_data_on_the_page_and_in_the_files(client, secretariat_user, without_data):
    client.force_login(secretariat_user)
    page = client.get(f"/reports/{without_data.pk}/").content.decode()
    assert "None%" not in page and "None" not in page
    assert "No finance data for this biennium (2018-2019)." in page
    assert "No staffing data for this biennium (2018-2019)." in page
    workbook = load_workbook(io.BytesIO(client.get(f"/reports/{without_data.pk}/download.xlsx").content))
    cells = [str(cell.value) for sheet in workbook for row in sheet.iter_rows() for cell in row if cell.value]
    assert "No finance data for this biennium (2018-2019)." in cells
    assert not any("None" in value for value in cells)
    document = Document(io.BytesIO(client.get(f"/reports/{without_data.pk}/download.docx").content))
    paragraphs = [paragraph.text for paragraph in document.paragraphs]
    assert "No finance data for this biennium (2018-2019)." in paragraphs
    assert not any("None" in text for text in paragraphs)


def test_a_version_compiled_before_reads_no_none_percent():
    note = {"msg": "table1.note_rates", "args": {"expenditure": None, "implementation": None}}
    assert render(note) == "No finance data for this biennium."


def test_only_a_complete_report_is_confirmed(client, secretariat_user, biennium):
    running = ReportFactory(biennium=biennium, status="running", tables=[])
    client.force_login(secretariat_user)
    response = client.post(f"/reports/{running.pk}/publish/")
    assert response.status_code == 302
    assert not Report.objects.get(pk=running.pk).published


def test_the_dashboard_says_when_the_published_version_has_no_finance_data(client, without_data):
    Report.objects.filter(pk=without_data.pk).update(published=True)
    page = client.get("/reports/dashboard/").content.decode()
    assert page.count("no finance data for this biennium") == 2
    assert "None" not in page
