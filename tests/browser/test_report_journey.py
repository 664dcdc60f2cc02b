"""Journey 2: the secretariat imports finance data (a bad row first), compiles the biennial report,
watches it compile, downloads the XLSX and publishes it; an anonymous visitor reads it."""

import io
import re
from contextlib import contextmanager
from pathlib import Path

import pytest
from celery.contrib.testing.worker import start_worker
from openpyxl import load_workbook
from playwright.sync_api import expect

from reporting.models import BudgetLine, FinanceSnapshot, PostSnapshot
from reporting.services import snapshot_import
from tests.factories import BienniumFactory
from tests.reporting.conftest import CUTOFF, SAMPLES
from unccd_portal.celery import app

from .conftest import log_in, open_from_menu

# Every value the progress bar shows is kept in sessionStorage, which survives the page's reload
# when the compile ends (an init script runs outside the page's CSP).
RECORD_PROGRESS = """
document.addEventListener("DOMContentLoaded", () => {
  const box = document.getElementById("report-progress");
  if (!box || box.classList.contains("d-none")) { return; }
  const bar = box.querySelector(".progress");
  const record = () => {
    const seen = JSON.parse(sessionStorage.getItem("progress-seen") || "[]");
    seen.push(Number(bar.getAttribute("aria-valuenow")));
    sessionStorage.setItem("progress-seen", JSON.stringify(seen));
  };
  record();
  new MutationObserver(record).observe(bar, { attributes: true, attributeFilter: ["aria-valuenow"] });
});
"""


@pytest.fixture
def tasks_queued():
    """Compile jobs wait in the broker until the test starts a worker.

    Without REDIS_URL Celery is eager and would compile inside the request, so the progress bar
    would never be seen; both modes queue here instead (Redis in CI, the in-process memory broker
    otherwise) and `celery_worker()` runs them in a thread of this process.
    """
    eager = app.conf.task_always_eager
    app.conf.task_always_eager = False
    app.control.purge()  # nothing left over from earlier runs on this broker
    yield
    app.conf.task_always_eager = eager


@contextmanager
def celery_worker():
    """A real worker (solo pool) in a thread of this process, stopped when the block ends."""
    with start_worker(app, perform_ping_check=False, shutdown_timeout=10):
        yield


@pytest.fixture
def biennium_with_posts(demo_site):
    biennium = BienniumFactory(start_year=2018)
    content = (SAMPLES / "posts_2018_2019.csv").read_bytes()
    snapshot_import(
        user=None,
        snapshot_model=PostSnapshot,
        biennium=biennium,
        cutoff_date=CUTOFF,
        content=content,
        name="posts_2018_2019.csv",
    )
    return biennium


def finance_csv(*, bad_row: bool) -> bytes:
    lines = (SAMPLES / "finance_2018_2019.csv").read_text(encoding="utf-8").splitlines()
    if bad_row:
        lines[3] = lines[3].replace("94490", "94 490 EUR")  # line 4 of the file: not a number
    return ("\n".join(lines) + "\n").encode("utf-8")


def import_finance(page, content: bytes) -> None:
    page.select_option("#id_import_biennium", "2018-2019")
    page.fill("#id_import_cutoff_date", CUTOFF.isoformat())
    page.set_input_files(
        "#id_import_file",
        files=[{"name": "finance_2018_2019.csv", "mimeType": "text/csv", "buffer": content}],
    )
    page.locator("form", has=page.locator("#id_import_file")).get_by_role("button", name="Import").click()


def test_import_compile_download_publish_and_read(page, biennium_with_posts, tasks_queued):
    page.add_init_script(RECORD_PROGRESS)
    log_in(page, "secretariat")
    page.locator("main").get_by_role("link", name="Reports", exact=True).click()
    page.locator("main").get_by_role("link", name="Finance data").click()

    # One bad row: every problem is listed and nothing is imported.
    import_finance(page, finance_csv(bad_row=True))
    expect(page.locator("#error-summary")).to_contain_text("nothing was imported")
    problems = page.locator("main table", has=page.get_by_role("columnheader", name="What is wrong"))
    expect(problems.locator("tbody tr")).to_have_count(1)
    expect(problems.locator("tbody tr td").first).to_have_text("4")
    expect(problems.locator("tbody tr")).to_contain_text("approved")
    assert not FinanceSnapshot.objects.exists() and not BudgetLine.objects.exists()

    # Fixed: the whole file is imported.
    import_finance(page, finance_csv(bad_row=False))
    expect(page.locator(".messages")).to_contain_text("Imported finance_2018_2019.csv")
    assert BudgetLine.objects.filter(snapshot__biennium=biennium_with_posts).count() == 49

    # Compile: the report waits in the queue at 0 %, then a worker takes it.
    open_from_menu(page, "Reports", "Reports")
    page.select_option("#id_compile_kind", "biennial_performance")
    page.select_option("#id_compile_biennium", "2018-2019")
    page.fill("#id_compile_cutoff_date", CUTOFF.isoformat())
    page.get_by_role("button", name="Compile").click()
    progress = page.locator("#report-progress")
    expect(progress).to_be_visible()
    expect(progress.locator("[data-role=progress-text]")).to_have_text("0")
    with celery_worker():
        download = page.get_by_role("link", name="Download XLSX")
        expect(download).to_be_visible(timeout=30_000)
    seen = page.evaluate("JSON.parse(sessionStorage.getItem('progress-seen'))")
    assert seen[0] == 0 and seen[-1] == 100 and seen == sorted(seen), seen
    expect(progress).to_be_hidden()

    # The XLSX opens and holds the tables.
    with page.expect_download() as info:
        download.click()
    assert info.value.suggested_filename.endswith(".xlsx")
    workbook = load_workbook(io.BytesIO(Path(info.value.path()).read_bytes()))
    assert workbook.sheetnames[:3] == ["Table 1", "Table 2", "Table 3"]
    rows = [list(row[:6]) for row in workbook["Table 1"].iter_rows(values_only=True)]
    assert ["Total core budget (A-E)", 14325736, 9666259, 4458723, 14124982, 200754] in rows

    page.get_by_role("link", name="Publish this version…").click()
    expect(page.locator("main")).to_contain_text("What the public will see change")
    page.get_by_role("button", name="Publish", exact=True).click()
    expect(page.locator(".messages")).to_contain_text("now published")

    # An anonymous visitor finds its headline figures on the dashboard, then reads it.
    page.context.clear_cookies()
    page.goto("/")
    open_from_menu(page, "Reports", "Results dashboard")
    headline = page.locator("section", has=page.locator("#headline-heading"))
    expect(headline).to_contain_text("67.5 %")  # 9,666,259 of 14,325,736 spent by the cut-off
    headline.get_by_role("link", name=re.compile("Biennial performance report 2018-2019")).click()
    expect(page.locator("h1")).to_contain_text("2018-2019")
    expect(page.locator("main")).to_contain_text("Total core budget (A-E)")
    expect(page.get_by_role("link", name="Publish this version…")).to_have_count(0)
