"""The capacity-building section (table 12) of the biennial report, in every output."""

import datetime
import io

import pytest
from docx import Document
from openpyxl import load_workbook

from regions.models import Country
from reporting.compiler.capacity import capacity_building_table, check_capacity_arithmetic
from reporting.models import Report
from reporting.rendering.labels import render
from reporting.services import report_compile
from tests.factories import CapacityBuildingActivityFactory

from .conftest import CUTOFF

pytestmark = pytest.mark.django_db


@pytest.fixture
def activities(biennium):
    """2018-2019: two webinars (40 and 25 participants) and one media training; one 2021 activity outside."""
    first = CapacityBuildingActivityFactory(
        kind="webinar",
        start_date=datetime.date(2018, 4, 1),
        end_date=datetime.date(2018, 4, 1),
        participants_female=22,
        participants_male=18,
        languages=["en", "fr"],
    )
    first.countries.set(Country.objects.filter(iso3__in=["KEN", "CHN"]))
    CapacityBuildingActivityFactory(
        kind="webinar",
        start_date=datetime.date(2019, 2, 1),
        end_date=datetime.date(2019, 2, 1),
        participants_female=10,
        participants_male=10,
        participants_other=5,
        languages=["es"],
    )
    media = CapacityBuildingActivityFactory(
        kind="media_training",
        start_date=datetime.date(2019, 9, 1),
        end_date=datetime.date(2019, 9, 2),
        format="in_person",
        participants_female=3,
        participants_male=9,
        languages=["ru"],
    )
    media.countries.set(Country.objects.filter(iso3__in=["KAZ", "KEN"]))
    CapacityBuildingActivityFactory(
        start_date=datetime.date(2021, 5, 1), end_date=None, participants_female=99
    )
    return biennium


@pytest.fixture
def compiled(small_finance, small_posts, activities) -> Report:
    report = Report.objects.create(kind="biennial_performance", biennium=activities, cutoff_date=CUTOFF)
    return report_compile(report_id=report.pk)


def capacity_table(report: Report) -> dict:
    return render(next(t for t in report.tables if t["key"] == "capacity_building"))


def test_table_12_counts_activities_and_participants_by_type(compiled):
    table = capacity_table(compiled)
    assert table["number"] == 12
    rows = {line["label"]: line["cells"] for line in table["rows"]}
    assert rows["Webinar"] == [2, 32, 28, 5, 65, 49.2]
    assert rows["Media training"] == [1, 3, 9, 0, 12, 25.0]
    assert rows["Total"] == [3, 35, 37, 5, 77, 45.5]
    languages = "Arabic 0, Chinese 0, English 1, French 1, Russian 1, Spanish 1"
    assert f"Activities offered in each UN language: {languages}." in table["notes"]
    assert "Parties reached: 3 (Annex I 1; Annex II 2)." in table["notes"]
    assert compiled.sections["capacity_building"]["countries_reached"] == 3
    check = next(c for c in compiled.checks if c["code"] == "table12_participants")
    assert check["passed"], check


def test_the_arithmetic_check_catches_a_broken_row(compiled):
    table = capacity_table(compiled)
    table["rows"][0]["cells"][4] += 1
    assert not check_capacity_arithmetic(table)["passed"]


def test_no_activity_no_table_but_an_empty_section(small_finance, small_posts, biennium):
    report = Report.objects.create(kind="biennial_performance", biennium=biennium, cutoff_date=CUTOFF)
    report = report_compile(report_id=report.pk)
    assert "capacity_building" not in [t["key"] for t in report.tables]
    assert report.sections["capacity_building"]["totals"]["activities"] == 0
    empty = capacity_building_table(report.sections["capacity_building"], biennium)
    assert empty["rows"][-1]["cells"][:5] == [0, 0, 0, 0, 0]


def test_table_12_in_the_html_json_csv_xlsx_and_docx(client, secretariat_user, compiled):
    client.force_login(secretariat_user)
    page = client.get(f"/reports/{compiled.pk}/").content.decode()
    assert 'id="table-12"' in page and "Media training" in page
    tables = client.get(f"/api/v1/reports/{compiled.pk}/tables/").json()["tables"]
    assert [t["number"] for t in tables if t["key"] == "capacity_building"] == [12]
    assert client.get(f"/api/v1/reports/{compiled.pk}/tables/12/").status_code == 200
    csv_text = client.get(f"/reports/{compiled.pk}/tables/12.csv").content.decode()
    assert "Webinar,2,32,28,5,65,49.2" in csv_text
    workbook = load_workbook(io.BytesIO(client.get(f"/reports/{compiled.pk}/download.xlsx").content))
    sheet = workbook["Table 12"]
    values = [[cell.value for cell in line] for line in sheet.iter_rows()]
    assert ["Total", 3, 35, 37, 5, 77, 45.5] in values
    document = Document(io.BytesIO(client.get(f"/reports/{compiled.pk}/download.docx").content))
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert "Capacity building" in headings
    assert any(h.startswith("Table 12.") for h in headings)


def test_the_report_page_draws_a_chart_of_table_12(client, secretariat_user, compiled):
    client.force_login(secretariat_user)
    page = client.get(f"/reports/{compiled.pk}/").content.decode()
    assert "Capacity-building participants by type of activity and gender" in page
