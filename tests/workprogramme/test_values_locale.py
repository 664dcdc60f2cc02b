"""Numbers as people type them: the form, the values API and the XLSX template read the user's
language ("1 234,5" in French, "1.234,5" in Spanish, "1,234" in English); ambiguity is refused;
counts take whole numbers only."""

import io
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from workprogramme.models import Observation
from workprogramme.spreadsheets import submission_workbook

from .conftest import sf_indicator
from .test_tables_paths import XLSX_TYPE, api_cell, as_api_user, cell_name, draft_for, form_data, national

pytestmark = pytest.mark.django_db


def tree_2019(submission) -> Observation:
    return Observation.objects.get(
        submission=submission, indicator=national("SO1-1"), key="LAND_COVER=TREE", time_period="2019"
    )


def projects(submission) -> Observation:
    return Observation.objects.get(submission=submission, indicator=sf_indicator("5.2"))


def post_form(client, nfp, submission, language: str, **cells):
    """Post the edit page as shown in `language`, with `cells` ({"TREE": "35 100,5"}) retyped."""
    client.force_login(nfp)
    url = reverse("workprogramme:submission_edit", args=[submission.pk])
    page = client.get(url, HTTP_ACCEPT_LANGUAGE=language)
    data = form_data(page)
    form = page.context["form"]
    for member, value in cells.items():
        data[f"cell_{cell_name(form, f'LAND_COVER={member}', '2019')}"] = value
    return page, client.post(url, data, HTTP_ACCEPT_LANGUAGE=language)


@pytest.mark.parametrize(("language", "typed"), [("en", "35,100.5"), ("fr", "35 100,5"), ("es", "35.100,5")])
def test_the_form_reads_numbers_in_the_users_language(client, table_cycle, language, typed):
    nfp, submission = draft_for(table_cycle, "KEN")
    page, response = post_form(client, nfp, submission, language, TREE=typed)
    assert response.status_code == 302
    cell = tree_2019(submission)
    assert (cell.number_value, cell.raw_value, cell.error) == (Decimal("35100.5"), "35100.5", "")
    # Cells left as shown (grouped in the language) are read back unchanged.
    grass = Observation.objects.get(submission=submission, key="LAND_COVER=GRASS", time_period="2019")
    assert (grass.number_value, grass.source) == (Decimal(300000), "default")


def test_the_form_shows_numbers_in_the_users_language(client, table_cycle):
    nfp, submission = draft_for(table_cycle, "KEN")
    client.force_login(nfp)
    page = client.get(
        reverse("workprogramme:submission_edit", args=[submission.pk]), HTTP_ACCEPT_LANGUAGE="es"
    )
    form = page.context["form"]
    assert form[f"cell_{cell_name(form, 'LAND_COVER=GRASS', '2019')}"].initial == "300.000"
    assert 'data-decimal="," data-group="."' in page.content.decode()


def test_an_ambiguous_number_is_kept_and_flagged_not_guessed(client, table_cycle):
    nfp, submission = draft_for(table_cycle, "KEN")
    page, response = post_form(client, nfp, submission, "en", TREE="35,10")
    assert response.status_code == 302
    cell = tree_2019(submission)
    assert cell.number_value is None
    assert cell.raw_value == "35,10"
    assert cell.error == "'35,10' is ambiguous: did you mean 3,510 or 35.1?"


def test_the_values_api_reads_strings_in_the_request_language_and_numbers_as_numbers(api_client, table_cycle):
    nfp, submission = draft_for(table_cycle, "KEN")
    client = as_api_user(api_client, nfp)
    observations = [
        api_cell(land="TREE", value="35.100,5"),  # a string: read in the request's language
        api_cell(land="GRASS", value=299899.5),  # a JSON number: read as it is
    ]
    response = client.post(
        f"/api/v1/submissions/{submission.pk}/values/",
        {"version": submission.version, "observations": observations},
        format="json",
        HTTP_ACCEPT_LANGUAGE="es",
    )
    assert response.status_code == 200, response.json()
    grass = Observation.objects.get(submission=submission, key="LAND_COVER=GRASS", time_period="2019")
    assert tree_2019(submission).number_value == Decimal("35100.5")
    assert grass.number_value == Decimal("299899.5")


def test_numeric_spreadsheet_cells_read_the_same_in_every_language(client, table_cycle):
    nfp, submission = draft_for(table_cycle, "KEN")
    workbook = load_workbook(io.BytesIO(submission_workbook(submission)))
    sheet = workbook["SO1-1"]
    periods = [cell.value for cell in sheet[5]][2:]
    row = next(row for row in sheet.iter_rows(min_row=6) if row[1].value == "LAND_COVER=TREE")
    row[2 + periods.index("2019")].value = 35000.5
    buffer = io.BytesIO()
    workbook.save(buffer)
    client.force_login(nfp)
    response = client.post(
        reverse("workprogramme:submission_upload", args=[submission.pk]),
        {"version": submission.version, "file": SimpleUploadedFile("r.xlsx", buffer.getvalue(), XLSX_TYPE)},
        HTTP_ACCEPT_LANGUAGE="es",
    )
    assert response.status_code == 302, response.context["row_errors"]
    assert tree_2019(submission).number_value == Decimal("35000.5")


def test_a_count_refuses_decimals_in_every_path(client, api_client, table_cycle):
    nfp, submission = draft_for(table_cycle, "KEN")
    client.force_login(nfp)
    url = reverse("workprogramme:submission_edit", args=[submission.pk])
    data = form_data(client.get(url))
    data[f"value_{sf_indicator('5.2').pk}"] = "3.5"
    assert client.post(url, data).status_code == 302
    assert (projects(submission).number_value, projects(submission).error) == (
        None,
        "Count whole projects: '3.5' is not a whole number.",
    )
    submission.refresh_from_db()
    response = as_api_user(api_client, nfp).post(
        f"/api/v1/submissions/{submission.pk}/values/",
        {"version": submission.version, "values": [{"indicator": sf_indicator("5.2").pk, "value": 4}]},
        format="json",
    )
    assert response.status_code == 200, response.json()
    assert projects(submission).number_value == Decimal(4)
