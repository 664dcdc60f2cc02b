"""Evidence for the whole report, an indicator, or one cell of a table indicator: attached through the
form or the API under the submission's rules, shown next to its indicator or cell on the form, the
submission and review pages and in the API."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests.conftest import count_queries
from workprogramme.models import Submission, SubmissionEvidence
from workprogramme.services import submission_add_evidence, submission_submit

from .conftest import sf_indicator
from .test_tables_paths import as_api_user, draft_for, national

pytestmark = pytest.mark.django_db

TREE_2019 = {"LAND_COVER": "TREE"}


def pdf(name="map.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, b"%PDF-1.4\n%%EOF\n")


def attach(nfp, submission, title, **where):
    submission.refresh_from_db()
    return submission_add_evidence(user=nfp, submission=submission, file=pdf(), title=title, **where)


@pytest.fixture
def kenya_tables(table_cycle):
    """Kenya's NFP and draft of the cycle with SO1-1 (land cover), SO3-1 (drought) and 5.2."""
    return draft_for(table_cycle, "KEN")


def test_the_form_attaches_a_file_to_a_cell(client, kenya_tables):
    nfp, submission = kenya_tables
    client.force_login(nfp)
    url = reverse("workprogramme:submission_evidence", args=[submission.pk])
    land_cover = national("SO1-1").pk
    target = f"{land_cover}|2019|LAND_COVER=TREE"
    page = client.get(url, {"target": target})
    assert page.context["form"]["target"].value() == target
    assert "SO1-1.T4, Tree-covered areas, 2019" in page.content.decode()
    response = client.post(url, {"title": "Forest inventory", "target": target, "file": pdf()})
    assert response.status_code == 302
    evidence = SubmissionEvidence.objects.get()
    assert (evidence.indicator_id, evidence.time_period, evidence.key, evidence.members) == (
        land_cover,
        "2019",
        "LAND_COVER=TREE",
        TREE_2019,
    )
    assert client.post(url, {"title": "Table", "target": str(land_cover), "file": pdf()}).status_code == 302
    assert client.post(url, {"title": "Report", "target": "", "file": pdf()}).status_code == 302
    whole_table = SubmissionEvidence.objects.get(title="Table")
    assert (whole_table.indicator_id, whole_table.key, whole_table.time_period) == (land_cover, "", "")
    assert SubmissionEvidence.objects.get(title="Report").indicator is None


def test_the_form_refuses_a_cell_that_is_not_in_the_table(client, kenya_tables):
    nfp, submission = kenya_tables
    client.force_login(nfp)
    url = reverse("workprogramme:submission_evidence", args=[submission.pk])
    target = f"{national('SO1-1').pk}|2031|LAND_COVER=TREE"
    response = client.post(url, {"title": "Map", "target": target, "file": pdf()})
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert not SubmissionEvidence.objects.exists()


def test_the_service_checks_the_cell_and_its_indicator(kenya_tables):
    nfp, submission = kenya_tables
    with pytest.raises(ValidationError) as error:
        attach(nfp, submission, "Map", indicator=national("SO1-1"), time_period="2031", dimensions=TREE_2019)
    assert "'2031' is not a time period of this table" in str(error.value)
    with pytest.raises(ValidationError):
        attach(nfp, submission, "Map", time_period="2019", dimensions=TREE_2019)  # no indicator
    with pytest.raises(ValidationError):
        attach(nfp, submission, "Map", indicator=sf_indicator("1.1"))  # not asked in this cycle
    assert not SubmissionEvidence.objects.exists()


def test_a_cell_without_its_indicator_is_refused_by_the_database(kenya_tables):
    nfp, submission = kenya_tables
    evidence = SubmissionEvidence(submission=submission, time_period="2019", title="x", uploaded_by=nfp)
    with pytest.raises(ValidationError) as error:
        evidence.full_clean(exclude=["file"])
    assert "Evidence for a cell names the cell's indicator." in str(error.value)


def test_the_pages_show_evidence_next_to_its_cell_and_indicator(client, kenya_tables, secretariat_user):
    nfp, submission = kenya_tables
    attach(nfp, submission, "Forest inventory", indicator=national("SO1-1"), time_period="2019",
           dimensions=TREE_2019)  # fmt: skip
    attach(nfp, submission, "Land-cover method", indicator=national("SO1-1"))
    attach(nfp, submission, "Project list", indicator=sf_indicator("5.2"))
    attach(nfp, submission, "National report")
    client.force_login(nfp)
    for name in ("submission_detail", "submission_edit"):
        page = client.get(reverse(f"workprogramme:{name}", args=[submission.pk]))
        shown = page.context["tables"] if "tables" in page.context else page.context["form"].tables
        tables = {table.indicator.code: table for table in shown}
        land_cover = tables["SO1-1"]
        tree = next(row for row in land_cover.spec.rows if row.key == "LAND_COVER=TREE")
        assert [item.title for item in land_cover.cell_evidence(tree, "2019")] == ["Forest inventory"]
        assert [item.title for item in land_cover.cell_evidence(tree, "2015")] == []
        assert [item.title for item in land_cover.indicator_evidence] == ["Land-cover method"]
        assert [item.title for item in tables["5.2"].indicator_evidence] == ["Project list"]
        html = page.content.decode()
        for title in ("Forest inventory", "Land-cover method", "Project list"):
            assert title in html
    submission.refresh_from_db()
    submission_submit(user=nfp, submission=submission, expected_version=submission.version, comment="")
    client.force_login(secretariat_user)
    review = client.get(reverse("workprogramme:submission_review", args=[submission.pk])).content.decode()
    cell_html = review.split("Tree-covered areas", 1)[1].split("</tr>", 1)[0]
    assert "Forest inventory" in cell_html
    assert "Land-cover method" in review and "Project list" in review


def test_the_api_attaches_to_a_cell_and_lists_evidence_with_its_cell(api_client, kenya_tables):
    nfp, submission = kenya_tables
    client = as_api_user(api_client, nfp)
    url = f"/api/v1/submissions/{submission.pk}/evidence/"
    body = {"title": "Drought map", "file": pdf(), "indicator": national("SO3-1").pk, "time_period": "2020",
            "dimensions": "DROUGHT=MILD"}  # fmt: skip
    response = client.post(url, body, format="multipart")
    assert response.status_code == 200, response.json()
    detail = client.get(f"/api/v1/submissions/{submission.pk}/").json()
    [item] = detail["evidence"]
    assert (item["title"], item["indicator"], item["time_period"], item["dimensions"]) == (
        "Drought map",
        "SO3-1",
        "2020",
        {"DROUGHT": "MILD"},
    )
    drought = next(table for table in detail["observations"] if table["indicator_code"] == "SO3-1")
    cells = {(cell["time_period"], cell["dimensions"]["DROUGHT"]): cell for cell in drought["cells"]}
    assert cells[("2020", "MILD")]["evidence"] == [item["id"]]
    assert cells[("2021", "MILD")]["evidence"] == []


def test_the_api_refuses_a_cell_outside_the_table_and_changes_nothing(api_client, kenya_tables):
    nfp, submission = kenya_tables
    client = as_api_user(api_client, nfp)
    url = f"/api/v1/submissions/{submission.pk}/evidence/"
    for cell in ({"time_period": "2020", "dimensions": "DROUGHT=HUGE"}, {"dimensions": "DROUGHT"}):
        body = {"title": "Map", "file": pdf(), "indicator": national("SO3-1").pk, **cell}
        assert client.post(url, body, format="multipart").status_code == 400
    assert not SubmissionEvidence.objects.exists()


@pytest.mark.parametrize(
    ("who", "web", "api"),
    [("nfp_china", 404, 404), ("coordinator_asia", 404, 403), ("coordinator_africa", 403, 403),
     ("api_reader", 404, 403)],
)  # fmt: skip
def test_others_may_not_attach_evidence_to_this_submission(request, client, api_client, kenya_tables, who,
                                                            web, api):  # fmt: skip
    nfp, submission = kenya_tables
    version = Submission.objects.get(pk=submission.pk).version
    user = request.getfixturevalue(who)
    client.force_login(user)
    target = f"{national('SO1-1').pk}|2019|LAND_COVER=TREE"
    url = reverse("workprogramme:submission_evidence", args=[submission.pk])
    assert client.post(url, {"title": "x", "target": target, "file": pdf()}).status_code == web
    body = {"title": "x", "file": pdf(), "indicator": national("SO1-1").pk, "time_period": "2019",
            "dimensions": "LAND_COVER=TREE"}  # fmt: skip
    response = as_api_user(api_client, user).post(
        f"/api/v1/submissions/{submission.pk}/evidence/", body, format="multipart"
    )
    assert response.status_code == api
    assert not SubmissionEvidence.objects.exists()
    assert Submission.objects.get(pk=submission.pk).version == version


def test_evidence_on_many_cells_costs_no_query_per_cell(
    client, api_client, kenya_tables, django_assert_max_num_queries
):
    nfp, submission = kenya_tables
    attach(nfp, submission, "First", indicator=national("SO1-1"), time_period="2019", dimensions=TREE_2019)
    client.force_login(nfp)
    detail = reverse("workprogramme:submission_detail", args=[submission.pk])
    edit = reverse("workprogramme:submission_edit", args=[submission.pk])
    api = as_api_user(api_client, nfp)
    one = [count_queries(lambda url=url: client.get(url)) for url in (detail, edit)]
    one.append(count_queries(lambda: api.get(f"/api/v1/submissions/{submission.pk}/")))
    for member in ("GRASS", "CROP", "WETLAND", "ARTIFICIAL"):
        for period in ("2015", "2019"):
            attach(nfp, submission, f"{member} {period}", indicator=national("SO1-1"), time_period=period,
                   dimensions={"LAND_COVER": member})  # fmt: skip
    attach(nfp, submission, "Drought", indicator=national("SO3-1"), time_period="2020",
           dimensions={"DROUGHT": "MILD"})  # fmt: skip
    attach(nfp, submission, "Projects", indicator=sf_indicator("5.2"))
    many = [count_queries(lambda url=url: client.get(url)) for url in (detail, edit)]
    many.append(count_queries(lambda: api.get(f"/api/v1/submissions/{submission.pk}/")))
    assert many == one
    with django_assert_max_num_queries(one[0]):
        assert "Projects" in client.get(detail).content.decode()
