"""A value changed from its default needs a justification and a data source, whichever path wrote
it (issue 11, item 2): the form, the values API, the XLSX template and the secretariat's bulk import
all leave the same errors on the changed cells, and the NFP cannot hand the report in."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from workprogramme.models import Submission
from workprogramme.services import cycle_import_values, submission_problems, submission_submit
from workprogramme.spreadsheets import submission_workbook

from .test_tables_paths import XLSX_TYPE, as_api_user, bulk_file, cell_name, csv_line, form_data

pytestmark = pytest.mark.django_db

CHANGES = [("LAND_COVER=TREE", "2019", "35100.5"), ("LAND_COVER=GRASS", "2019", "299899.5")]
EXPECTED = [
    "SO1-1.T4, Tree-covered areas, 2019: changed from the default data (35,000 km²): "
    "give a justification and the data source.",
    "SO1-1.T4, Grasslands, 2019: changed from the default data (300,000 km²): "
    "give a justification and the data source.",
]


def by_form(client, api_client, secretariat_user, nfp, submission):
    client.force_login(nfp)
    url = reverse("workprogramme:submission_edit", args=[submission.pk])
    page = client.get(url)
    data = form_data(page)
    for key, period, value in CHANGES:
        data[f"cell_{cell_name(page.context['form'], key, period)}"] = value
    assert client.post(url, data).status_code in (200, 302)


def by_api(client, api_client, secretariat_user, nfp, submission):
    cells = [
        {"indicator": "SO1-1", "time_period": period, "dimensions": {"LAND_COVER": key[11:]}, "value": value}
        for key, period, value in CHANGES
    ]
    response = as_api_user(api_client, nfp).post(
        f"/api/v1/submissions/{submission.pk}/values/",
        {"version": submission.version, "observations": cells},
        format="json",
    )
    assert response.status_code == 200


def by_spreadsheet(client, api_client, secretariat_user, nfp, submission):
    workbook = load_workbook(io.BytesIO(submission_workbook(submission)))
    sheet = workbook["SO1-1"]
    periods = [cell.value for cell in sheet[5]][2:]
    for key, period, value in CHANGES:
        row = next(row for row in sheet.iter_rows(min_row=6) if row[1].value == key)
        row[2 + periods.index(period)].value = float(value)
    buffer = io.BytesIO()
    workbook.save(buffer)
    client.force_login(nfp)
    response = client.post(
        reverse("workprogramme:submission_upload", args=[submission.pk]),
        {
            "version": submission.version,
            "file": SimpleUploadedFile("report.xlsx", buffer.getvalue(), content_type=XLSX_TYPE),
        },
    )
    assert response.status_code == 302


def by_bulk_import(client, api_client, secretariat_user, nfp, submission):
    lines = [
        csv_line("KEN", "SO1-1", period, key, value, "", "", "", "", "", "") for key, period, value in CHANGES
    ]
    cycle_import_values(user=secretariat_user, cycle=submission.cycle, file=bulk_file(lines))


@pytest.mark.parametrize(
    "path", [by_form, by_api, by_spreadsheet, by_bulk_import], ids=lambda path: path.__name__
)
def test_every_path_asks_for_a_justification_and_a_data_source(
    path, client, api_client, secretariat_user, kenya_table_draft, nfp_kenya
):
    path(client, api_client, secretariat_user, nfp_kenya, kenya_table_draft)
    submission = Submission.objects.get(pk=kenya_table_draft.pk)
    tree = submission.observations.get(key="LAND_COVER=TREE", time_period="2019")
    assert (tree.number_value, tree.default_value, tree.source) == (35100.5, 35000, "national")
    assert [
        text for text in submission_problems(submission=submission).error_texts if "changed" in text
    ] == EXPECTED
    with pytest.raises(Exception, match="justification"):
        submission_submit(submission=submission, user=nfp_kenya)
    assert Submission.objects.get(pk=submission.pk).state == "draft"
