"""Default data (issue 11, item 2): the secretariat imports a dataset's default values per country
through one service behind the page, the API and `manage.py import_defaults`; all rows or none,
every problem named by its row and coordinates; a newer version supersedes the older one and
brings open drafts up to date; nobody else may import."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse

from tests.factories import UserFactory
from workprogramme.models import DefaultDataset, DefaultObservation, Observation
from workprogramme.selectors import defaults_for
from workprogramme.services import default_dataset_import, submission_start

from .conftest import national

pytestmark = pytest.mark.django_db

HEADER = "dataset,version,licence,country,indicator,time_period,LAND_COVER,value"
KENYA_2019 = [
    "ESA CCI land cover,2.1,CC BY 4.0,KEN,SO1-1,2019,TREE,35000",
    "ESA CCI land cover,2.1,CC BY 4.0,KE,SO1-1,2019,GRASS,300000",
    "ESA CCI land cover,2.1,CC BY 4.0,404,SO1-1,2019,CROP,120000",
]


def csv_file(lines, header=HEADER, name="defaults.csv"):
    return SimpleUploadedFile(name, ("\n".join([header, *lines]) + "\n").encode(), content_type="text/csv")


def snapshot():
    return DefaultDataset.objects.count(), DefaultObservation.objects.count()


def test_import_reads_iso3_iso2_and_m49_and_dimension_columns(secretariat_user, kenya):
    result = default_dataset_import(user=secretariat_user, file=csv_file(KENYA_2019))
    assert result.saved and result.values == 3 and result.countries == 1
    dataset = DefaultDataset.objects.get()
    assert (dataset.code, dataset.name, dataset.version, dataset.licence) == (
        "esa-cci-land-cover",
        "ESA CCI land cover",
        "2.1",
        "CC BY 4.0",
    )
    assert dataset.imported_by == secretariat_user
    assert dataset.history.get().history_user == secretariat_user
    defaults = defaults_for(kenya, [national("SO1-1")])
    assert defaults[(national("SO1-1").pk, "2019", "LAND_COVER=GRASS")] == 300000


def test_a_dimensions_column_and_sdg_series_and_the_dataset_given_apart(secretariat_user, kenya):
    lines = ["KEN,AG_LND_DGRD,2016/2019,,12.5", "KEN,SO1-1,2019,LAND_COVER=TREE,35000"]
    result = default_dataset_import(
        user=secretariat_user,
        file=csv_file(lines, header="country,indicator,time_period,dimensions,value"),
        dataset="Trends.Earth",
        version="2024",
        licence="CC BY 4.0",
    )
    assert result.values == 2 and sorted(result.indicators) == ["SO1-1", "SO1-4.2"]


def test_nothing_is_saved_if_any_row_is_bad_and_every_problem_names_its_row(secretariat_user):
    lines = [
        *KENYA_2019,
        "ESA CCI land cover,2.1,CC BY 4.0,XXX,SO1-1,2019,TREE,1",
        "ESA CCI land cover,2.1,CC BY 4.0,KEN,SO1-1,2019,FOREST,1",
        "ESA CCI land cover,2.1,CC BY 4.0,KEN,SO1-1,2019,WATER,-5",
        "ESA CCI land cover,2.1,CC BY 4.0,KEN,SO1-1,2019,TREE,35000",
        "ESA CCI land cover,2.1,CC BY 4.0,KEN,SO1-1,20x9,WATER,5",
    ]
    with pytest.raises(Exception) as caught:
        default_dataset_import(user=secretariat_user, file=csv_file(lines))
    messages = caught.value.messages
    assert messages[0].startswith("Row 5: 'XXX' is not the ISO3, ISO2 or M49 code")
    assert messages[1].startswith("Row 6:") and "LAND_COVER=FOREST" in messages[1]
    assert messages[2].startswith("Row 7: KEN, SO1-1.T4, Water bodies, 2019:")
    assert messages[3] == "Row 8: KEN, SO1-1 [LAND_COVER=TREE 2019] is already on row 2."
    assert messages[4].startswith("Row 9:") and "20x9" in messages[4]
    assert snapshot() == (0, 0)


def test_a_dry_run_checks_and_saves_nothing(secretariat_user):
    result = default_dataset_import(user=secretariat_user, file=csv_file(KENYA_2019), dry_run=True)
    assert not result.saved and result.values == 3
    assert snapshot() == (0, 0)


def test_the_same_version_twice_is_refused(secretariat_user):
    default_dataset_import(user=secretariat_user, file=csv_file(KENYA_2019))
    with pytest.raises(Exception, match="already imported"):
        default_dataset_import(user=secretariat_user, file=csv_file(KENYA_2019))
    assert snapshot() == (1, 3)


def test_a_newer_version_supersedes_the_older_and_updates_open_drafts(
    secretariat_user, table_cycle, kenya, nfp_kenya
):
    from .conftest import land_cover_defaults

    old = land_cover_defaults(kenya)
    old.code, old.name = "esa-cci-land-cover", "ESA CCI land cover"
    old.save()
    draft = submission_start(cycle=table_cycle, country=kenya, user=nfp_kenya)
    tree = Observation.objects.get(submission=draft, key="LAND_COVER=TREE", time_period="2019")
    grass = Observation.objects.get(submission=draft, key="LAND_COVER=GRASS", time_period="2019")
    grass.raw_value, grass.number_value, grass.source = "299000", 299000, "national"
    grass.save()
    version = draft.version
    lines = [line.replace(",2.1,", ",2.2,") for line in KENYA_2019]
    lines[0] = lines[0].replace("35000", "35100")
    lines[1] = lines[1].replace("300000", "299900")
    result = default_dataset_import(user=secretariat_user, file=csv_file(lines))
    assert result.replaces == "2.1" and result.draft_cells_updated == 2
    tree.refresh_from_db()
    grass.refresh_from_db()
    assert (tree.default_value, tree.number_value, tree.source) == (35100, 35100, "default")
    assert (grass.default_value, grass.number_value, grass.source) == (299900, 299000, "national")
    draft.refresh_from_db()
    assert draft.version == version + 1
    # The older version stays (what it pre-filled stays traceable) but no longer gives defaults.
    assert DefaultDataset.objects.filter(code="esa-cci-land-cover").count() == 2
    defaults = defaults_for(kenya, [national("SO1-1")])
    assert (national("SO1-1").pk, "2000", "LAND_COVER=TREE") not in defaults
    assert defaults[(national("SO1-1").pk, "2019", "LAND_COVER=TREE")] == 35100


def test_the_command_imports_and_reports_problems(tmp_path, capsys):
    path = tmp_path / "defaults.csv"
    path.write_text(
        "\n".join(["country,indicator,time_period,LAND_COVER,value", "KEN,SO1-1,2019,TREE,35000"])
    )
    call_command(
        "import_defaults",
        str(path),
        "--dataset",
        "Demo",
        "--dataset-version",
        "1",
        "--licence",
        "CC0",
        "--fictitious",
    )
    assert "Saved: Demo 1 (CC0)" in capsys.readouterr().out
    assert DefaultDataset.objects.get().is_fictitious
    path.write_text("\n".join(["country,indicator,time_period,LAND_COVER,value", "KEN,SO1-1,2019,TREE,x"]))
    with pytest.raises(CommandError, match="Row 2: KEN, SO1-1.T4, Tree-covered areas, 2019"):
        call_command(
            "import_defaults", str(path), "--dataset", "Demo", "--dataset-version", "2", "--licence", "x"
        )
    assert snapshot() == (1, 1)


def test_the_api_imports_for_the_secretariat_and_answers_errors(api_client, secretariat_user):
    api_client.force_authenticate(secretariat_user)
    url = "/api/v1/default-datasets/"
    response = api_client.post(url, {"file": csv_file(KENYA_2019), "dry_run": "true"}, format="multipart")
    assert response.status_code == 200 and response.json()["values"] == 3 and snapshot() == (0, 0)
    response = api_client.post(url, {"file": csv_file(KENYA_2019)}, format="multipart")
    assert response.status_code == 201 and response.json()["saved"] is True
    bad = csv_file([KENYA_2019[0].replace("2.1", "3").replace("35000", "many")])
    response = api_client.post(url, {"file": bad}, format="multipart")
    assert response.status_code == 400
    assert response.json()["errors"][0].startswith("Row 2: KEN, SO1-1.T4, Tree-covered areas, 2019:")
    assert snapshot() == (1, 3)


@pytest.mark.parametrize("who", ["anonymous", "gm", "nfp", "coordinator", "api_reader"])
def test_only_the_secretariat_imports(
    api_client, client, who, kenya, nfp_kenya, coordinator_africa, api_reader
):
    from core.roles import Role

    user = {
        "anonymous": None,
        "gm": UserFactory(role=Role.GM),
        "nfp": nfp_kenya,
        "coordinator": coordinator_africa,
        "api_reader": api_reader,
    }[who]
    if user is not None:
        api_client.force_authenticate(user)
        client.force_login(user)
    response = api_client.post(
        "/api/v1/default-datasets/", {"file": csv_file(KENYA_2019)}, format="multipart"
    )
    assert response.status_code == (401 if user is None else 403)
    page = client.post(reverse("workprogramme:default_data_import"), {"file": csv_file(KENYA_2019)})
    assert page.status_code == (302 if user is None else 403)
    with pytest.raises(Exception, match="Only the secretariat|permission"):
        default_dataset_import(user=user or UserFactory(), file=csv_file(KENYA_2019))
    assert snapshot() == (0, 0)


def test_the_page_previews_then_imports(client, secretariat_user):
    client.force_login(secretariat_user)
    url = reverse("workprogramme:default_data_import")
    response = client.post(url, {"file": csv_file(KENYA_2019), "preview": "1"})
    assert response.status_code == 200 and "ready to import" in response.content.decode()
    assert snapshot() == (0, 0)
    bad = csv_file([KENYA_2019[0].replace("KEN", "XXX")])
    response = client.post(url, {"file": bad, "import": "1"})
    assert "Row 2: &#x27;XXX&#x27; is not the ISO3" in response.content.decode()
    assert snapshot() == (0, 0)
    response = client.post(url, {"file": csv_file(KENYA_2019), "import": "1"})
    assert response.status_code == 302 and snapshot() == (1, 3)


def test_dataset_lists_take_a_fixed_number_of_queries(
    api_client, client, secretariat_user, django_assert_max_num_queries
):
    for version in ("1", "2", "3"):
        lines = [line.replace(",2.1,", f",{version},") for line in KENYA_2019]
        default_dataset_import(user=secretariat_user, file=csv_file(lines))
    with django_assert_max_num_queries(3):
        response = api_client.get("/api/v1/default-datasets/")
    assert [row["version"] for row in response.json()["results"]] == ["3", "2", "1"]
    assert response.json()["results"][0]["values"] == 3
    client.force_login(secretariat_user)
    with django_assert_max_num_queries(12):
        assert client.get(reverse("workprogramme:default_data_import")).status_code == 200
