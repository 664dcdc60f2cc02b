"""Web pages: report list and detail, downloads, publishing, data pages and forms; who sees what."""

import io
import re

import pytest
from docx import Document
from openpyxl import load_workbook

from reporting.models import BudgetLine, Post, Report
from reporting.services import report_compile, report_request
from tests.conftest import count_queries
from tests.factories import BudgetLineFactory, PostFactory, ReportFactory

from .conftest import CUTOFF

OTHERS = ["nfp_kenya", "coordinator_africa", "api_reader"]


@pytest.fixture
def compiled(small_finance, small_posts, biennium, secretariat_user):
    report = report_request(
        kind="biennial_performance", biennium=biennium, cutoff_date=CUTOFF, user=secretariat_user
    )
    return report_compile(report_id=report.pk)


def _login(request, client, who):
    if who != "anonymous":
        client.force_login(request.getfixturevalue(who))
    return client


@pytest.mark.parametrize("who", ["anonymous", *OTHERS])
def test_unpublished_report_is_hidden(request, client, compiled, who):
    client = _login(request, client, who)
    assert f"/reports/{compiled.pk}/" not in client.get("/reports/").content.decode()
    for url in (
        f"/reports/{compiled.pk}/",
        f"/reports/{compiled.pk}/download.xlsx",
        f"/reports/{compiled.pk}/tables/1.csv",
    ):
        assert client.get(url).status_code == 404


def test_published_report_page_shows_tables_charts_and_checks(client, compiled):
    Report.objects.filter(pk=compiled.pk).update(published=True)
    page = client.get(f"/reports/{compiled.pk}/").content.decode()
    assert "Expenditure by programme as at 31 May 2019" in page
    assert "2,000" in page and "(50)" in page  # thousands separator; negative balance in parentheses
    assert page.count("<svg") == 2  # budget vs expenditure; staff by region and gender
    assert "Rows add up to their subtotals and totals." in page
    # CSP: no inline scripts (a json_script data block is not run, e.g. the progress bar's words).
    assert not re.search(r'<script(?![^>]*\b(src=|type="application/json"))', page)
    assert "Publish this version" not in page


def test_failed_checks_are_shown(client, biennium):
    report = ReportFactory(
        biennium=biennium,
        published=True,
        checks=[{"code": "x", "table": 1, "passed": False, "message": "D repeats the figures of A"}],
    )
    page = client.get(f"/reports/{report.pk}/").content.decode()
    assert "1 check failed" in page and "D repeats the figures of A" in page


def test_running_report_shows_a_live_progress_bar(client, secretariat_user, biennium):
    report = ReportFactory(biennium=biennium, status="running", progress=40, tables=[])
    client.force_login(secretariat_user)
    page = client.get(f"/reports/{report.pk}/").content.decode()
    assert 'id="report-progress"' in page and f'data-status-url="/api/v1/reports/{report.pk}/"' in page
    assert 'aria-valuenow="40"' in page and "js/reporting.js" in page


def test_staff_compile_from_the_web_page(
    client, gm_user, small_finance, small_posts, django_capture_on_commit_callbacks
):
    client.force_login(gm_user)
    with django_capture_on_commit_callbacks(execute=False):
        response = client.post(
            "/reports/request/",
            {"kind": "biennial_performance", "biennium": "2018-2019", "cutoff_date": "2019-05-31"},
        )
    report = Report.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/reports/{report.pk}/"
    bad = client.post(
        "/reports/request/",
        {"kind": "biennial_performance", "biennium": "2018-2019", "cutoff_date": "2030-01-01"},
    )
    assert bad.status_code == 400 and Report.objects.count() == 1


@pytest.mark.parametrize("who", ["anonymous", *OTHERS])
def test_others_cannot_compile_from_the_web(request, client, biennium, who):
    response = _login(request, client, who).post(
        "/reports/request/",
        {"kind": "biennial_performance", "biennium": "2018-2019", "cutoff_date": "2019-05-31"},
    )
    assert response.status_code in (302, 403)
    assert not Report.objects.exists()


def test_xlsx_download_has_one_sheet_per_table(client, secretariat_user, compiled):
    client.force_login(secretariat_user)
    response = client.get(f"/reports/{compiled.pk}/download.xlsx")
    workbook = load_workbook(io.BytesIO(response.content))
    assert workbook.sheetnames == [f"Table {n}" for n in range(1, 11)]  # table 10: the regional offices
    values = [list(row) for row in workbook["Table 1"].iter_rows(values_only=True)]
    assert ["Total core budget (A-E)", 2000, 1150, 450, 1600, 400] in [list(v[:6]) for v in values]


def test_docx_download_has_headings_and_tables(client, secretariat_user, compiled):
    client.force_login(secretariat_user)
    document = Document(io.BytesIO(client.get(f"/reports/{compiled.pk}/download.docx").content))
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert headings[0] == "Overview of expenditure" and headings[1].startswith(
        "Table 1. Expenditure by programme"
    )
    assert "Staffing" in headings and "Achievements per strategic objective" in headings
    assert "Consistency checks" in headings
    assert len(document.tables) >= 9
    first = document.tables[0]
    assert [cell.text for cell in first.rows[-2].cells] == [
        "Total core budget (A-E)",
        "2,000",
        "1,150",
        "450",
        "1,600",
        "400",
    ]


def test_table_csv_download(client, secretariat_user, compiled):
    client.force_login(secretariat_user)
    lines = client.get(f"/reports/{compiled.pk}/tables/2.csv").content.decode().splitlines()
    assert lines[-1] == "Total,2000,1150,450,1600,400"


def test_publish_from_the_web_then_anonymous_reads_it(client, secretariat_user, compiled):
    client.force_login(secretariat_user)
    assert client.post(f"/reports/{compiled.pk}/publish/").status_code == 302
    compiled.refresh_from_db()
    assert compiled.published
    client.logout()
    assert client.get(f"/reports/{compiled.pk}/").status_code == 200


def test_gm_cannot_publish(client, gm_user, compiled):
    client.force_login(gm_user)
    assert client.post(f"/reports/{compiled.pk}/publish/").status_code == 403
    compiled.refresh_from_db()
    assert not compiled.published


@pytest.mark.parametrize("url", ["/reports/data/finance/", "/reports/data/posts/"])
@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("anonymous", 302),
        ("nfp_kenya", 403),
        ("coordinator_africa", 403),
        ("api_reader", 403),
        ("secretariat_user", 200),
        ("gm_user", 200),
    ],
)
def test_data_pages_are_for_staff(request, client, small_finance, small_posts, url, who, status):
    assert _login(request, client, who).get(url).status_code == status


@pytest.mark.parametrize("who", OTHERS)
def test_others_cannot_change_data(request, client, small_finance, who):
    line = BudgetLine.objects.filter(snapshot=small_finance).first()
    client = _login(request, client, who)
    assert client.post(f"/reports/data/finance/items/{line.pk}/", {"action": "delete"}).status_code == 403
    assert client.post(f"/reports/data/finance/{small_finance.pk}/", {}).status_code == 403
    assert BudgetLine.objects.filter(pk=line.pk).exists()


def test_budget_line_form(client, secretariat_user, small_finance):
    client.force_login(secretariat_user)
    url = f"/reports/data/finance/{small_finance.pk}/"
    before = small_finance.lines.count()
    data = {
        "fund": 1,
        "budget_holder": 1,
        "object_of_expenditure": 1,
        "approved": "10",
        "expenditure": "-5",
        "forecast": "0",
    }
    response = client.post(url, data)
    assert response.status_code == 400 and "cannot be negative" in response.content.decode()
    assert small_finance.lines.count() == before
    assert client.post(url, data | {"expenditure": "5"}).status_code == 302
    assert small_finance.lines.count() == before + 1
    line = small_finance.lines.latest("pk")
    assert (
        client.post(
            f"/reports/data/finance/items/{line.pk}/", data | {"expenditure": "5", "approved": "20"}
        ).status_code
        == 302
    )
    line.refresh_from_db()
    assert line.approved == 20
    client.post(f"/reports/data/finance/items/{line.pk}/", {"action": "delete"})
    assert small_finance.lines.count() == before


def test_post_form_requires_the_incumbent_of_a_filled_post(client, gm_user, small_posts):
    client.force_login(gm_user)
    url = f"/reports/data/posts/{small_posts.pk}/"
    data = {
        "post_number": "NEW-1",
        "grade": 5,
        "unit": 1,
        "funding_source": 1,
        "approved": "on",
        "filled": "on",
        "gender": "",
        "regional_group": "",
        "footnote": "",
    }
    response = client.post(url, data)
    assert response.status_code == 400 and "needs the incumbent" in response.content.decode()
    assert not Post.objects.filter(post_number="NEW-1").exists()
    assert client.post(url, data | {"gender": "male", "regional_group": "cee"}).status_code == 302
    assert Post.objects.get(post_number="NEW-1").regional_group == "cee"


def test_list_pages_query_counts(client, secretariat_user, small_finance, small_posts, biennium):
    client.force_login(secretariat_user)
    urls = [
        "/reports/",
        f"/reports/data/finance/{small_finance.pk}/",
        f"/reports/data/posts/{small_posts.pk}/",
        "/reports/data/finance/",
        "/reports/data/posts/",
    ]
    ReportFactory(biennium=biennium)
    few = {url: count_queries(lambda url=url: client.get(url)) for url in urls}
    ReportFactory.create_batch(8, biennium=biennium)
    BudgetLineFactory.create_batch(8, snapshot=small_finance)
    PostFactory.create_batch(8, snapshot=small_posts)
    assert {url: count_queries(lambda url=url: client.get(url)) for url in urls} == few


@pytest.mark.parametrize("url", ["/reports/", "/reports/data/finance/", "/reports/data/posts/"])
def test_pages_with_several_forms_have_unique_ids(client, secretariat_user, url):
    client.force_login(secretariat_user)
    body = client.get(url).content.decode()
    ids = re.findall(r'\bid="([^"]+)"', body)
    assert len(ids) == len(set(ids)), sorted({i for i in ids if ids.count(i) > 1})
    assert body.count('for="id_biennium"') == 1
