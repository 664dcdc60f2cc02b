"""A refused upload says its problem once: a problem of the file on the file field (linked from the
form's summary), problems of rows as the list of rows, not again on the field."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from workprogramme.models import Submission

from .test_tables_paths import bulk_file, draft_for

pytestmark = pytest.mark.django_db

WRONG_TYPE = "The file&#x27;s content is not an accepted type"


def test_a_file_of_the_wrong_type_is_refused_on_its_field_only(client, table_cycle):
    nfp, submission = draft_for(table_cycle, "KEN")
    client.force_login(nfp)
    response = client.post(
        reverse("workprogramme:submission_upload", args=[submission.pk]),
        {"version": submission.version, "file": SimpleUploadedFile("values.xlsx", b"%PDF-1.4\n%%EOF\n")},
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert response.context["row_errors"] == []
    assert response.context["form"].errors["file"] == [
        "The file's content is not an accepted type (Excel (XLSX), CSV)."
    ]
    # Once under the field, once as the summary's link to it; no third copy in a list of rows.
    assert html.count(WRONG_TYPE) == 2
    assert "problem found" not in html


def test_row_problems_are_listed_once(client, table_cycle, secretariat_user):
    client.force_login(secretariat_user)
    response = client.post(
        reverse("workprogramme:cycle_import", args=[table_cycle.code]),
        {"file": bulk_file(["KEN,SO1-1,2019,LAND_COVER=TREE,-1,,,,,,"])},
    )
    assert response.status_code == 200
    html = response.content.decode()
    message = "Row 2: SO1-1.T4, Tree-covered areas, 2019: The value cannot be negative."
    assert response.context["row_errors"] == [message]
    assert html.count("The value cannot be negative.") == 1
    assert not response.context["form"].errors
    assert not Submission.objects.filter(cycle=table_cycle).exists()
