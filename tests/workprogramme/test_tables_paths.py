"""National tables through every path: the form, the values API, the XLSX template and the bulk import
write the same observations for the same input, under the same rules; drafts are pre-filled
(validated values before default data); justification and data source for changed cells; who may
read and write a table."""

import csv
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from core.roles import Role
from regions.models import Country
from tests.factories import (
    DataSourceFactory,
    ObservationFactory,
    SubmissionFactory,
    UserFactory,
    api_token_for,
)
from workprogramme.models import Observation, Submission
from workprogramme.services import (
    cycle_import_values,
    submission_problems,
    submission_start,
    submission_submit,
)
from workprogramme.spreadsheets import CHANGES_SHEET, submission_workbook

from .conftest import LAND_AREA, LAND_COVER_DEFAULTS, land_cover_defaults, national

pytestmark = pytest.mark.django_db

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DATA_SOURCE = {
    "title": "National forest inventory 2019",
    "link": "https://example.org/nfi-2019",
    "publisher": "Kenya Forest Service",
}
# Two cells replaced in 2019: 100.5 km² moved from grassland to forest, so the year still adds up.
CHANGES = [
    ("LAND_COVER=TREE", "2019", "35100.5", "The inventory mapped more closed forest."),
    ("LAND_COVER=GRASS", "2019", "299899.5", "Grassland converted to forest, per the inventory."),
]


def nfp_of(iso3: str):
    return UserFactory(role=Role.NATIONAL_FOCAL_POINT, country=Country.objects.get(iso3=iso3))


def draft_for(cycle, iso3: str):
    """An NFP and their draft, with the same default land cover as Kenya's."""
    country = Country.objects.get(iso3=iso3)
    land_cover_defaults(country)
    nfp = nfp_of(iso3)
    return nfp, submission_start(cycle=cycle, country=country, user=nfp)


def land_cover(submission) -> list[tuple]:
    """The SO1-1 cells as comparable tuples (everything a path may write)."""
    rows = Observation.objects.filter(submission=submission, indicator=national("SO1-1")).select_related(
        "data_source"
    )
    return sorted(
        (
            cell.key,
            cell.time_period,
            cell.members,
            cell.raw_value,
            cell.number_value,
            cell.error,
            cell.source,
            cell.default_value,
            cell.justification,
            (cell.data_source.title, cell.data_source.link, cell.data_source.publisher)
            if cell.data_source
            else None,
        )
        for cell in rows
    )


def api_cell(indicator="SO1-1", period="2019", **fields) -> dict:
    """A cell of the values API: `land="TREE"` or `drought="MILD"` names its row."""
    dimensions = {name.upper().replace("LAND", "LAND_COVER"): fields.pop(name) for name in ("land", "drought")
                  if name in fields}  # fmt: skip
    return {"indicator": indicator, "time_period": period, "dimensions": dimensions, **fields}


def as_api_user(api_client, user):
    api_client.credentials(HTTP_AUTHORIZATION=f"Token {api_token_for(user)}")
    return api_client


def form_data(response) -> dict:
    """What the edit page's form would post as it is: every field's initial value."""
    form = response.context["form"]
    data = {}
    for name, field in form.fields.items():
        value = form.initial.get(name, field.initial)
        data[name] = "" if value is None else value
    return data


def cell_name(form, key: str, period: str) -> str:
    table = next(t for t in form.tables if t.indicator.code == "SO1-1")
    row = next(index for index, row in enumerate(table.spec.rows) if row.key == key)
    return f"{table.indicator.pk}_{row}_{table.spec.periods.index(period)}"


def by_form(client, nfp, submission):
    client.force_login(nfp)
    url = reverse("workprogramme:submission_edit", args=[submission.pk])
    page = client.get(url)
    data = form_data(page)
    form = page.context["form"]
    for key, period, value, justification in CHANGES:
        name = cell_name(form, key, period)
        data[f"cell_{name}"] = value
        data[f"justification_{name}"] = justification
    indicator = national("SO1-1").pk
    for name, value in DATA_SOURCE.items():
        data[f"ds_{name}_{indicator}"] = value
    response = client.post(url, data)
    assert response.status_code == 302, response.context["form"].errors if response.context else response


def by_api(api_client, nfp, submission):
    observations = [
        {
            "indicator": "SO1-1",
            "time_period": period,
            "dimensions": {"LAND_COVER": key.split("=")[1]},
            "value": value,
            "justification": justification,
            "data_source": DATA_SOURCE,
        }
        for key, period, value, justification in CHANGES
    ]
    response = as_api_user(api_client, nfp).post(
        f"/api/v1/submissions/{submission.pk}/values/",
        {"version": submission.version, "observations": observations},
        format="json",
    )
    assert response.status_code == 200, response.json()
    return response.json()


def edited_workbook(submission) -> bytes:
    workbook = load_workbook(io.BytesIO(submission_workbook(submission)))
    sheet = workbook["SO1-1"]
    periods = [cell.value for cell in sheet[5]][2:]
    changes = workbook[CHANGES_SHEET]
    for key, period, value, justification in CHANGES:
        row = next(row for row in sheet.iter_rows(min_row=6) if row[1].value == key)
        row[2 + periods.index(period)].value = float(value)
        changes.append(["SO1-1", period, key, "", "", "", "", justification, *DATA_SOURCE.values()])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def by_spreadsheet(client, nfp, submission):
    client.force_login(nfp)
    response = client.post(
        reverse("workprogramme:submission_upload", args=[submission.pk]),
        {
            "version": submission.version,
            "file": SimpleUploadedFile("report.xlsx", edited_workbook(submission), content_type=XLSX_TYPE),
        },
    )
    assert response.status_code == 302, response.context["row_errors"]


BULK_HEADER = (
    "Country,Indicator,TimePeriod,Dimensions,Value,Source,Justification,"
    "DataSourceTitle,DataSourceLink,DataSourcePublisher,Narrative\n"
)


def bulk_file(lines: list[str]) -> SimpleUploadedFile:
    return SimpleUploadedFile("bulk.csv", (BULK_HEADER + "\n".join(lines)).encode())


def csv_line(*cells) -> str:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="").writerow(cells)
    return buffer.getvalue()


def by_bulk_import(secretariat_user, cycle, iso3: str):
    lines = [
        csv_line(iso3, "SO1-1", period, key, value, "", justification, *DATA_SOURCE.values(), "")
        for key, period, value, justification in CHANGES
    ]
    counts = cycle_import_values(user=secretariat_user, cycle=cycle, file=bulk_file(lines))
    assert counts == {"countries": 1, "values": 2}


def test_every_path_writes_the_same_table(client, api_client, table_cycle, secretariat_user):
    submissions = {}
    for iso3, path, write in (
        ("KEN", "form", lambda nfp, submission: by_form(client, nfp, submission)),
        ("ETH", "api", lambda nfp, submission: by_api(api_client, nfp, submission)),
        ("UGA", "xlsx", lambda nfp, submission: by_spreadsheet(client, nfp, submission)),
    ):
        nfp, submission = draft_for(table_cycle, iso3)
        write(nfp, submission)
        submissions[path] = submission
    land_cover_defaults(Country.objects.get(iso3="TZA"))
    by_bulk_import(secretariat_user, table_cycle, "TZA")
    submissions["bulk"] = Submission.objects.get(cycle=table_cycle, country__iso3="TZA")

    tables = {path: land_cover(submission) for path, submission in submissions.items()}
    assert tables["form"] == tables["api"] == tables["xlsx"] == tables["bulk"]
    changed = [cell for cell in tables["form"] if cell[8]]
    assert [(cell[0], cell[3], cell[6], cell[9]) for cell in changed] == [
        ("LAND_COVER=GRASS", "299899.5", "national", tuple(DATA_SOURCE.values())),
        ("LAND_COVER=TREE", "35100.5", "national", tuple(DATA_SOURCE.values())),
    ]
    unchanged = [cell for cell in tables["form"] if not cell[8]]
    assert len(unchanged) == 26 and {(cell[6], cell[9]) for cell in unchanged} == {("default", None)}
    for submission in submissions.values():
        problems = submission_problems(submission=submission)
        assert problems.errors == [] and problems.warnings == [], problems


def test_changed_cells_need_a_justification_and_a_data_source(api_client, kenya_table_draft, nfp_kenya):
    response = as_api_user(api_client, nfp_kenya).post(
        f"/api/v1/submissions/{kenya_table_draft.pk}/values/",
        {
            "version": kenya_table_draft.version,
            "observations": [
                api_cell(land="TREE", value="35100.5"),
                api_cell(land="GRASS", value="299899.5", justification="Converted."),
            ],
        },
        format="json",
    )  # fmt: skip
    assert response.status_code == 200
    assert response.json()["problems"] == [
        "SO1-1.T4, Tree-covered areas, 2019: changed from the default data (35,000 km²): "
        "give a justification and the data source.",
        "SO1-1.T4, Grasslands, 2019: changed from the default data (300,000 km²): give the data source.",
    ]
    with pytest.raises(Exception, match="justification"):
        submission_submit(submission=kenya_table_draft, user=nfp_kenya)
    kenya_table_draft.refresh_from_db()
    assert kenya_table_draft.state == "draft"
    # The draft kept both values even so.
    tree = kenya_table_draft.observations.get(key="LAND_COVER=TREE", time_period="2019")
    assert (tree.raw_value, tree.source, tree.default_value) == ("35100.5", "national", 35000)

    by_api(api_client, nfp_kenya, Submission.objects.get(pk=kenya_table_draft.pk))
    submission_submit(submission=kenya_table_draft, user=nfp_kenya)
    assert Submission.objects.get(pk=kenya_table_draft.pk).state == "submitted"


def test_back_at_the_default_a_cell_is_default_data_again(api_client, kenya_table_draft, nfp_kenya):
    """(The indicator given by its id this time.)"""
    by_api(api_client, nfp_kenya, kenya_table_draft)
    kenya_table_draft.refresh_from_db()
    as_api_user(api_client, nfp_kenya).post(
        f"/api/v1/submissions/{kenya_table_draft.pk}/values/",
        {"version": kenya_table_draft.version,
         "observations": [api_cell(national("SO1-1").pk, land="TREE", value="35000")]},
        format="json",
    )  # fmt: skip
    tree = kenya_table_draft.observations.get(key="LAND_COVER=TREE", time_period="2019")
    assert (tree.source, tree.data_source, tree.differs_from_default) == ("default", None, False)


def test_a_draft_is_prefilled_with_validated_values_before_default_data(table_cycle, kenya, nfp_kenya):
    from tests.factories import BienniumFactory, ReportingCycleFactory

    land_cover_defaults(kenya)
    earlier = SubmissionFactory(
        cycle=ReportingCycleFactory(
            biennium=BienniumFactory(start_year=2022), indicators=[national("SO1-1")]
        ),
        country=kenya,
        state="validated",
    )
    source = DataSourceFactory(submission=earlier, title="Kenya land-cover map 2019")
    tree = national("SO1-1")
    ObservationFactory(
        submission=earlier, indicator=tree, key="LAND_COVER=TREE", time_period="2019",
        members={"LAND_COVER": "TREE"}, raw_value="34000", number_value=34000, boolean_value=None,
        source="national", justification="Mapped at 10 m.", data_source=source, narrative="Land cover 2019.",
    )  # fmt: skip
    ObservationFactory(  # an earlier default value gives way to the current default data
        submission=earlier, indicator=tree, key="LAND_COVER=GRASS", time_period="2019",
        members={"LAND_COVER": "GRASS"}, raw_value="1", number_value=1, boolean_value=None, source="default",
    )  # fmt: skip

    draft = submission_start(cycle=table_cycle, country=kenya, user=nfp_kenya)
    cells = {(cell.key, cell.time_period): cell for cell in draft.observations.select_related("data_source")}
    forest = cells[("LAND_COVER=TREE", "2019")]
    assert (forest.raw_value, forest.source, forest.justification, forest.default_value) == (
        "34000",
        "national",
        "Mapped at 10 m.",
        35000,
    )
    assert forest.data_source.title == "Kenya land-cover map 2019" and forest.data_source.submission == draft
    assert forest.previous_value == "34000"
    grass = cells[("LAND_COVER=GRASS", "2019")]
    assert (grass.raw_value, grass.source, grass.default_value, grass.previous_value) == (
        "300000",
        "default",
        300000,
        "1",
    )
    drought = [cell for (key, _period), cell in cells.items() if key.startswith("DROUGHT")]
    assert len(drought) == 40 and {(c.raw_value, c.source, c.default_value) for c in drought} == {
        ("", "", None)
    }
    assert draft.reported_indicators.get(indicator=tree).narrative == "Land cover 2019."
    assert "pre-filled with the last validated values and the default data" in draft.transitions.get().comment


def test_the_submission_api_returns_tables_grouped_per_indicator(api_client, kenya_table_draft, nfp_kenya):
    body = by_api(api_client, nfp_kenya, kenya_table_draft)
    assert body["problems"] == [] and body["warnings"] == []
    tables = {table["indicator_code"]: table for table in body["observations"]}
    assert set(tables) == {"SO1-1", "SO3-1"}
    land = tables["SO1-1"]
    assert (land["prais_table"], land["unit_code"], land["dimensions"], land["time_periods"]) == (
        "SO1-1.T4",
        "KM2",
        ["LAND_COVER"],
        ["2000", "2015", "2019", "2023"],
    )
    assert len(land["cells"]) == 28 and len(tables["SO3-1"]["cells"]) == 40
    tree = next(
        c for c in land["cells"] if c["dimensions"] == {"LAND_COVER": "TREE"} and c["time_period"] == "2019"
    )
    source = {source["id"]: source for source in body["data_sources"]}[tree["data_source"]]
    assert (tree["value"], tree["source"], tree["default_value"]) == ("35100.5", "national", "35000.0000")
    assert {key: source[key] for key in DATA_SOURCE} == DATA_SOURCE
    values = {value["indicator_code"]: value for value in body["values"]}
    assert values["SO1-1"]["is_table"] and not values["5.2"]["is_table"]

    detail = as_api_user(api_client, nfp_kenya).get(f"/api/v1/submissions/{kenya_table_draft.pk}/").json()
    assert detail["observations"] == body["observations"]
    listed = as_api_user(api_client, nfp_kenya).get("/api/v1/submissions/").json()["results"][0]
    assert "observations" not in listed and "values" not in listed and listed["indicator_count"] == 3
    expanded = as_api_user(api_client, nfp_kenya).get("/api/v1/submissions/?expand=values").json()
    assert len(expanded["results"][0]["values"]) == 3


def test_api_names_every_bad_cell(api_client, kenya_table_draft, nfp_kenya):
    response = as_api_user(api_client, nfp_kenya).post(
        f"/api/v1/submissions/{kenya_table_draft.pk}/values/",
        {"version": kenya_table_draft.version, "observations": [
            {"indicator": "SO9-9", "value": "1"},
            api_cell(period="2018", land="TREE", value="1"),
            api_cell(land="FOREST", value="1"),
            api_cell(land="TREE", source="guess"),
            api_cell(land="TREE", data_source={"link": "https://example.org"}),
        ]},
        format="json",
    )  # fmt: skip
    assert response.status_code == 400
    assert response.json()["observations"] == [
        "Observation 1: 'SO9-9' is not an indicator of this submission.",
        "Observation 2: SO1-1.T4: '2018' is not a time period of this table (2000, 2015, 2019, 2023).",
        "Observation 3: SO1-1.T4: 'LAND_COVER=FOREST' is not a row of this table.",
        "Observation 4: unknown source 'guess'. Use one of: national, default, estimate.",
        "Observation 5: a data source needs a title.",
    ]
    assert Submission.objects.get(pk=kenya_table_draft.pk).version == kenya_table_draft.version


def test_invalid_cells_are_kept_in_a_draft_and_named_by_coordinates(api_client, kenya_table_draft, nfp_kenya):
    response = as_api_user(api_client, nfp_kenya).post(
        f"/api/v1/submissions/{kenya_table_draft.pk}/values/",
        {"version": kenya_table_draft.version, "observations": [
            api_cell(land="TREE", value="-5"),
            api_cell("SO3-1", "2020", drought="MILD", value="lots"),
        ]},
        format="json",
    )  # fmt: skip
    problems = response.json()["problems"]
    assert "SO1-1.T4, Tree-covered areas, 2019: The value cannot be negative." in problems
    assert "SO3-1.T1, Mild drought, 2020: 'lots' is not a number." in problems
    cell = kenya_table_draft.observations.get(key="DROUGHT=MILD", time_period="2020")
    assert (cell.raw_value, cell.number_value, cell.source) == ("lots", None, "national")


def test_the_bulk_import_checks_every_row_and_keeps_the_scalar_header(table_cycle, secretariat_user, kenya):
    land_cover_defaults(kenya)
    with pytest.raises(Exception) as error:
        cycle_import_values(
            user=secretariat_user,
            cycle=table_cycle,
            file=bulk_file([
                "KEN,SO1-1,2019,LAND_COVER=TREE,-1,,,,,,",
                "KEN,SO1-1,2019,LAND_COVER=FOREST,1,,,,,,",
                "KEN,SO1-1,2019,LAND_COVER,1,,,,,,",
                "KEN,SO3-1,2031,DROUGHT=MILD,1,,,,,,",
                "KEN,5.2,,,2.5,national,,,,,Two and a half",
                "KEN,SO1-1,2019,LAND_COVER=TREE,1,,,,,,",
            ]),
        )  # fmt: skip
    assert error.value.messages == [
        "Row 2: SO1-1.T4, Tree-covered areas, 2019: The value cannot be negative.",
        "Row 3: SO1-1.T4: 'LAND_COVER=FOREST' is not a row of this table.",
        "Row 4: SO1-1.T4: 'LAND_COVER' is not DIMENSION=MEMBER;DIMENSION=MEMBER.",
        "Row 5: SO3-1.T1: '2031' is not a time period of this table "
        "(2016, 2017, 2018, 2019, 2020, 2021, 2022, 2023).",
        "Row 6: Indicator 5.2: Count whole projects: '2.5' is not a whole number.",
        "Row 7: KEN / SO1-1.T4, Tree-covered areas, 2019 appears twice.",
    ]
    assert not Submission.objects.filter(cycle=table_cycle).exists()

    old_header = SimpleUploadedFile(
        "bulk.csv", b"Country,Indicator,Value,Source,Narrative\nKEN,5.2,4,,Four\n"
    )
    assert cycle_import_values(user=secretariat_user, cycle=table_cycle, file=old_header) == {
        "countries": 1,
        "values": 1,
    }
    draft = Submission.objects.get(cycle=table_cycle, country=kenya)
    projects = draft.observations.get(indicator__code="5.2")
    assert (projects.raw_value, projects.source) == ("4", "default")
    assert draft.reported_indicators.get(indicator__code="5.2").narrative == "Four"
    assert draft.observations.get(key="LAND_COVER=TREE", time_period="2019").source == "default"


def test_xlsx_template_lays_out_each_table_and_refuses_bad_cells(client, kenya_table_draft, nfp_kenya):
    workbook = load_workbook(io.BytesIO(submission_workbook(kenya_table_draft)))
    assert workbook.sheetnames == ["Submission", "SO1-1", "SO3-1", CHANGES_SHEET]
    sheet = workbook["SO1-1"]
    assert [cell.value for cell in sheet[5]] == ["Land-cover class", "Code", "2000", "2015", "2019", "2023"]
    assert [cell.value for cell in sheet[6]] == [
        "Tree-covered areas",
        "LAND_COVER=TREE",
        36000,
        35500,
        35000,
        34500,
    ]
    assert sheet.max_row > 12  # the default data are shown below the table, for reference
    drought = workbook["SO3-1"]
    assert len(list(drought.iter_rows(min_row=6, max_row=10))) == 5 and drought.max_column == 10

    sheet["E6"].value = -3
    sheet["Z5"].value = None
    workbook[CHANGES_SHEET].append(["SO1-1", "2019", "LAND_COVER=FOREST", "", "", "", "", "Why"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    client.force_login(nfp_kenya)
    response = client.post(
        reverse("workprogramme:submission_upload", args=[kenya_table_draft.pk]),
        {"version": kenya_table_draft.version,
         "file": SimpleUploadedFile("t.xlsx", buffer.getvalue(), content_type=XLSX_TYPE)},
    )  # fmt: skip
    assert response.status_code == 200
    assert response.context["row_errors"] == [
        "Sheet 'SO1-1', cell E6: SO1-1.T4, Tree-covered areas, 2019: The value cannot be negative.",
        f"Sheet '{CHANGES_SHEET}', row 3: SO1-1.T4: 'LAND_COVER=FOREST' is not a row of this table.",
    ]
    cell = kenya_table_draft.observations.get(key="LAND_COVER=TREE", time_period="2019")
    assert cell.raw_value == "35000"  # all or nothing


def test_edit_page_shows_a_real_table(client, kenya_table_draft, nfp_kenya):
    client.force_login(nfp_kenya)
    body = client.get(reverse("workprogramme:submission_edit", args=[kenya_table_draft.pk])).content.decode()
    assert 'aria-label="SO1-1.T4, Tree-covered areas, 2019"' in body
    assert 'aria-label="SO3-1.T1, Extreme drought, 2023"' in body
    assert 'data-default="35000"' in body and "default 35,000" in body
    assert body.count('class="cell ') + body.count('class="cell"') == 68  # 7 x 4 + 5 x 8 cells
    assert 'src="/static/js/workprogramme.js"' in body and "<script>" not in body


def test_review_page_puts_default_and_reported_side_by_side(
    client, api_client, kenya_table_draft, nfp_kenya, secretariat_user
):
    by_api(api_client, nfp_kenya, kenya_table_draft)
    submission_submit(submission=Submission.objects.get(pk=kenya_table_draft.pk), user=nfp_kenya)
    client.force_login(secretariat_user)
    response = client.get(reverse("workprogramme:submission_review", args=[kenya_table_draft.pk]))
    body = response.content.decode()
    assert response.status_code == 200
    assert '<th scope="col" class="text-end fw-normal">Default</th>' in body
    assert "35,100.5" in body and "+100.5" in body and "−100.5" in body
    assert "The inventory mapped more closed forest." in body and "Kenya Forest Service" in body
    assert f'id="id_comment_{national("SO1-1").pk}"' in body


@pytest.mark.parametrize(
    ("who", "read", "write"),
    [(None, 401, 401), ("nfp_china", 404, 404), ("api_reader", 404, 403), ("coordinator_asia", 404, 403),
     ("stc_kenya", 200, 200), ("secretariat_user", 200, 403)],
)  # fmt: skip
def test_who_reads_and_writes_a_table(request, api_client, kenya_table_draft, who, read, write):
    client = as_api_user(api_client, request.getfixturevalue(who)) if who else api_client
    url = f"/api/v1/submissions/{kenya_table_draft.pk}/"
    before = land_cover(kenya_table_draft)
    assert client.get(url).status_code == read
    response = client.post(
        url + "values/",
        {"version": kenya_table_draft.version,
         "observations": [api_cell(land="TREE", value="1")]},
        format="json",
    )  # fmt: skip
    assert response.status_code == write
    if write != 200:
        assert land_cover(kenya_table_draft) == before
        assert client.get(url + "template/").status_code in (read, 401)


def test_another_countrys_nfp_cannot_open_the_table_pages(client, kenya_table_draft, nfp_china):
    client.force_login(nfp_china)
    for name in ("submission_edit", "submission_detail", "submission_template", "submission_upload"):
        assert client.get(reverse(f"workprogramme:{name}", args=[kenya_table_draft.pk])).status_code == 404
    assert (
        client.post(reverse("workprogramme:submission_edit", args=[kenya_table_draft.pk]), {}).status_code
        == 404
    )


def test_validated_tables_are_results_with_their_cells(
    api_client, kenya_table_draft, nfp_kenya, secretariat_user
):
    from workprogramme.services import submission_validate

    by_api(api_client, nfp_kenya, kenya_table_draft)
    submission = Submission.objects.get(pk=kenya_table_draft.pk)
    submission_submit(submission=submission, user=nfp_kenya)
    submission_validate(submission=submission, user=secretariat_user)
    client = as_api_user(api_client, UserFactory(role=Role.API_READER))
    rows = client.get("/api/v1/results/?indicator=SO1-1&time_period=2019").json()["results"]
    assert len(rows) == 7
    tree = next(row for row in rows if row["dimensions"] == "LAND_COVER=TREE")
    assert (tree["value"], tree["unit"], tree["source"], tree["time_period"]) == (
        "35100.5",
        "km²",
        "national",
        "2019",
    )
    text = b"".join(client.get("/api/v1/results/?format=csv&indicator=SO1-1").streaming_content).decode(
        "utf-8-sig"
    )
    header = next(csv.reader(io.StringIO(text)))
    assert header[-2:] == ["time_period", "dimensions"] and header[:13][-1] == "validated_at"
    assert (
        sum(float(row["value"]) for row in csv.DictReader(io.StringIO(text)) if row["time_period"] == "2019")
        == LAND_AREA
    )


def test_without_javascript_a_saved_change_asks_for_its_justification(client, kenya_table_draft, nfp_kenya):
    client.force_login(nfp_kenya)
    url = reverse("workprogramme:submission_edit", args=[kenya_table_draft.pk])
    page = client.get(url)
    form = page.context["form"]
    name = cell_name(form, "LAND_COVER=TREE", "2019")
    assert f'data-change-for="id_cell_{name}" hidden' in page.content.decode()
    data = form_data(page) | {f"cell_{name}": "35100"}
    response = client.post(url, data, follow=True)
    body = response.content.decode()
    assert "Draft saved. Some values still need attention" in body
    assert f'data-change-for="id_cell_{name}">' in body  # shown now, with what it needs
    assert "changed from the default data (35,000 km²): give a justification and the data source." in body


def test_warnings_are_shown_on_submitting_but_do_not_block(client, table_cycle, nfp_kenya):
    """Without default land cover the land area is unknown: a warning, and the report can be submitted."""
    draft = submission_start(cycle=table_cycle, country=nfp_kenya.country, user=nfp_kenya)
    client.force_login(nfp_kenya)
    url = reverse("workprogramme:submission_edit", args=[draft.pk])
    page = client.get(url)
    form = page.context["form"]
    data = form_data(page)
    for key, values in LAND_COVER_DEFAULTS.items():
        for period, value in zip(["2000", "2015", "2019", "2023"], values, strict=True):
            data[f"cell_{cell_name(form, key, period)}"] = str(value)
    client.post(url, data)
    problems = submission_problems(submission=draft)
    assert problems.errors == [] and len(problems.warnings) == 4
    detail = client.get(reverse("workprogramme:submission_detail", args=[draft.pk])).content.decode()
    assert "Please check (this does not stop you from submitting):" in detail
    assert "SO1-1.T4, 2019: the country&#x27;s land area is unknown" in detail
    submission_submit(submission=Submission.objects.get(pk=draft.pk), user=nfp_kenya)
    assert Submission.objects.get(pk=draft.pk).state == "submitted"
    cells = Observation.objects.filter(submission=draft, indicator=national("SO1-1"))
    assert {cell.source for cell in cells} == {"national"} and cells.count() == 28


def test_validation_fills_the_results_read_model_after_commit(
    django_capture_on_commit_callbacks, api_client, kenya_table_draft, nfp_kenya, secretariat_user
):
    """The validated table reaches /api/v1/observations/ once the validation commits, not before."""
    from workprogramme.models import ResultObservation
    from workprogramme.services import submission_validate

    by_api(api_client, nfp_kenya, kenya_table_draft)
    submission = Submission.objects.get(pk=kenya_table_draft.pk)
    submission_submit(submission=submission, user=nfp_kenya)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        submission_validate(submission=submission, user=secretariat_user)
    assert not ResultObservation.objects.filter(submission_id=submission.pk).exists()
    for callback in callbacks:
        callback()
    rows = ResultObservation.objects.filter(submission_id=submission.pk, indicator_code="SO1-1")
    assert (
        rows.count() == Observation.objects.filter(submission=submission, indicator__code="SO1-1").count() > 0
    )
