"""Bulk entry: the XLSX template round trip, the secretariat's import, and every kind of bad upload."""

import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from tests.factories import SubmissionFactory
from workprogramme.models import Observation, Submission
from workprogramme.services import cycle_import_values, submission_import_spreadsheet
from workprogramme.spreadsheets import submission_workbook

from .conftest import sf_indicator

pytestmark = pytest.mark.django_db

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def workbook_file(content: bytes, name="report.xlsx"):
    return SimpleUploadedFile(name, content, content_type=XLSX_TYPE)


def edited_template(submission, changes: dict[str, tuple]) -> bytes:
    workbook = load_workbook(io.BytesIO(submission_workbook(submission)))
    sheet = workbook.active
    for row in sheet.iter_rows(min_row=3):
        if row[0].value in changes:
            row[4].value, row[5].value = changes[row[0].value]
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def values_of(submission):
    return dict(Observation.objects.filter(submission=submission).values_list("indicator__code", "raw_value"))


def test_xlsx_round_trip_through_the_pages(client, kenya_draft, nfp_kenya):
    client.force_login(nfp_kenya)
    download = client.get(reverse("workprogramme:submission_template", args=[kenya_draft.pk]))
    assert download.status_code == 200 and download["Content-Type"] == XLSX_TYPE
    sheet = load_workbook(io.BytesIO(download.content)).active
    assert [cell.value for cell in sheet[1]][:3] == ["UNCCD progress submission", "prog-2026", "KEN"]

    content = edited_template(kenya_draft, {"1.1": ("yes", "national"), "5.2": (7, "estimate")})
    response = client.post(
        reverse("workprogramme:submission_upload", args=[kenya_draft.pk]),
        {"version": kenya_draft.version, "file": workbook_file(content)},
    )
    assert response.status_code == 302
    assert values_of(kenya_draft) == {"1.1": "yes", "5.2": "7", "2.2": "", "1.2": ""}
    assert kenya_draft.observations.get(indicator=sf_indicator("5.2")).source == "estimate"


def test_upload_with_bad_rows_is_rejected_whole_with_row_errors(client, kenya_draft, nfp_kenya):
    content = edited_template(kenya_draft, {"1.1": ("yes", "national"), "5.2": ("many", "guess")})
    client.force_login(nfp_kenya)
    response = client.post(
        reverse("workprogramme:submission_upload", args=[kenya_draft.pk]),
        {"version": kenya_draft.version, "file": workbook_file(content)},
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "Row 6: Indicator 5.2: &#x27;many&#x27; is not a number." in body
    assert "Row 6: unknown source &#x27;guess&#x27;" in body
    assert values_of(kenya_draft)["1.1"] == ""  # the good row was not applied either


def zip_bomb() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
        archive.writestr("xl/worksheets/sheet1.xml", b"\0" * (101 * 1024 * 1024))
    return buffer.getvalue()


def many_members() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
        for number in range(2001):
            archive.writestr(f"xl/m{number}.xml", "")
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("bomb.xlsx", zip_bomb(), "unpacks to more than 100 MB"),
        ("parts.xlsx", many_members(), "too many parts"),
        ("big.csv", b"a," * (5 * 1024 * 1024 + 10), "the limit is 10 MB"),
        ("latin1.csv", "Indicator,Value\n1.1,Ouí\n".encode("latin-1"), "not UTF-8 encoded"),
        ("report.pdf", b"%PDF-1.4 not a spreadsheet", "not an accepted type"),
        ("report.xlsx", b"just,some,text\n", "content is CSV"),
        ("other.csv", b"Country,Value\nKEN,3\n", "not the submission template"),
        ("empty.csv", b"", "The file is empty."),
    ],
)
def test_bad_uploads_are_refused_and_change_nothing(kenya_draft, nfp_kenya, name, content, message):
    before = (values_of(kenya_draft), Submission.objects.get(pk=kenya_draft.pk).version)
    with pytest.raises(ValidationError) as error:
        submission_import_spreadsheet(
            submission=kenya_draft,
            user=nfp_kenya,
            file=SimpleUploadedFile(name, content),
            expected_version=kenya_draft.version,
        )
    assert message in " ".join(error.value.messages)
    assert (values_of(kenya_draft), Submission.objects.get(pk=kenya_draft.pk).version) == before


def test_template_of_another_country_is_refused(kenya_draft, nfp_kenya, cycle, china):
    other = SubmissionFactory(cycle=cycle, country=china)
    csv_text = (
        "UNCCD progress submission,prog-2026,CHN\n"
        "Indicator,Indicator text,Unit,Value type,Value,Source,Narrative\n"
    )
    with pytest.raises(ValidationError, match="for CHN"):
        submission_import_spreadsheet(
            submission=kenya_draft,
            user=nfp_kenya,
            file=SimpleUploadedFile("t.csv", csv_text.encode()),
            expected_version=kenya_draft.version,
        )
    assert other.observations.count() == 0


def test_csv_template_upload_works_too(kenya_draft, nfp_kenya):
    csv_text = (
        "UNCCD progress submission,prog-2026,KEN\n"
        "Indicator,Indicator text,Unit,Value type,Value,Source,Narrative\n"
        "5.2,,,,12,National data,Twelve projects\n"
    )
    count = submission_import_spreadsheet(
        submission=kenya_draft,
        user=nfp_kenya,
        file=SimpleUploadedFile("t.csv", csv_text.encode("utf-8")),
        expected_version=kenya_draft.version,
    )
    assert count == 1 and values_of(kenya_draft)["5.2"] == "12"


def bulk_csv(rows: list[str]) -> SimpleUploadedFile:
    return SimpleUploadedFile(
        "bulk.csv", ("Country,Indicator,Value,Source,Narrative\n" + "\n".join(rows)).encode()
    )


def test_secretariat_bulk_import_creates_and_fills_drafts(cycle, secretariat_user, kenya_draft):
    counts = cycle_import_values(
        cycle=cycle,
        user=secretariat_user,
        file=bulk_csv(["KEN,5.2,4,,", "ETH,1.1,yes,,Default", "ETH,5.2,2,,"]),
    )
    assert counts == {"countries": 2, "values": 3}
    ethiopia = Submission.objects.get(cycle=cycle, country__iso3="ETH")
    assert (
        values_of(ethiopia)["1.1"] == "yes"
        and ethiopia.observations.get(indicator=sf_indicator("1.1")).source == "default"
    )
    assert values_of(kenya_draft)["5.2"] == "4"


def test_bulk_import_is_all_or_nothing(cycle, secretariat_user, china):
    # (A row for a report handed in or validated refuses the file with 409: test_closed_cycle_paths.py.)
    with pytest.raises(ValidationError) as error:
        cycle_import_values(
            cycle=cycle,
            user=secretariat_user,
            file=bulk_csv(["ETH,5.2,4,,", "XXX,5.2,1,,", "CHN,5.2,1,,", "ETH,9.9,1,,", "ETH,1.1,perhaps,,"]),
        )
    assert error.value.messages == [
        "Row 3: 'XXX' is not the ISO3 code of a Party.",
        "Row 5: '9.9' is not an indicator of this cycle.",
        "Row 6: Indicator 1.1: Answer yes or no, not 'perhaps'.",
    ]
    assert not Submission.objects.filter(cycle=cycle, country__iso3="ETH").exists()


def test_only_staff_bulk_import(client, cycle, nfp_kenya):
    client.force_login(nfp_kenya)
    response = client.post(
        reverse("workprogramme:cycle_import", args=[cycle.code]), {"file": bulk_csv(["KEN,5.2,4,,"])}
    )
    assert response.status_code == 403
    assert not Submission.objects.exists()


def test_bulk_import_page_lists_row_errors(client, cycle, secretariat_user):
    client.force_login(secretariat_user)
    response = client.post(
        reverse("workprogramme:cycle_import", args=[cycle.code]), {"file": bulk_csv(["XXX,5.2,1,,"])}
    )
    assert "is not the ISO3 code of a Party" in response.content.decode()


def test_api_template_and_import_round_trip(api_client, kenya_draft, nfp_kenya, nfp_china):
    from tests.factories import api_token_for

    api_client.credentials(HTTP_AUTHORIZATION=f"Token {api_token_for(nfp_kenya)}")
    url = f"/api/v1/submissions/{kenya_draft.pk}/"
    assert api_client.get(url + "template/")["Content-Type"] == XLSX_TYPE
    content = edited_template(kenya_draft, {"5.2": (11, "national")})
    response = api_client.post(
        url + "import/", {"version": kenya_draft.version, "file": workbook_file(content)}, format="multipart"
    )
    assert response.status_code == 200 and response.json()["rows_applied"] == 4
    assert values_of(kenya_draft)["5.2"] == "11"
    bad = edited_template(kenya_draft, {"5.2": ("eleven", "national")})
    response = api_client.post(
        url + "import/",
        {"version": response.json()["version"], "file": workbook_file(bad)},
        format="multipart",
    )
    assert response.status_code == 400 and "Row 6: Indicator 5.2" in str(response.json())
    assert values_of(kenya_draft)["5.2"] == "11"

    api_client.credentials(HTTP_AUTHORIZATION=f"Token {api_token_for(nfp_china)}")
    response = api_client.post(
        url + "import/", {"version": 9, "file": workbook_file(content)}, format="multipart"
    )
    assert response.status_code == 404


def test_api_evidence_upload_checks_the_file(api_client, kenya_draft, nfp_kenya):
    from tests.factories import api_token_for

    api_client.credentials(HTTP_AUTHORIZATION=f"Token {api_token_for(nfp_kenya)}")
    url = f"/api/v1/submissions/{kenya_draft.pk}/evidence/"
    fake = SimpleUploadedFile("map.pdf", b"GIF89a not a pdf")
    assert api_client.post(url, {"title": "Map", "file": fake}, format="multipart").status_code == 400
    good = SimpleUploadedFile("map.pdf", b"%PDF-1.4\n%%EOF\n")
    response = api_client.post(
        url, {"title": "Map", "file": good, "indicator": sf_indicator("1.1").pk}, format="multipart"
    )
    assert response.status_code == 200
    assert kenya_draft.evidence.get().indicator == sf_indicator("1.1")


@pytest.mark.parametrize(
    ("who", "expected"), [("secretariat_user", 200), ("nfp_kenya", 403), ("api_reader", 403)]
)
def test_api_bulk_import(request, api_client, cycle, who, expected):
    from tests.factories import api_token_for

    user = request.getfixturevalue(who)
    api_client.credentials(HTTP_AUTHORIZATION=f"Token {api_token_for(user)}")
    response = api_client.post(
        f"/api/v1/reporting-cycles/{cycle.code}/import/",
        {"file": bulk_csv(["KEN,5.2,4,,"])},
        format="multipart",
    )
    assert response.status_code == expected
    assert Submission.objects.filter(cycle=cycle).count() == (1 if expected == 200 else 0)
