"""Journey (issue 11): an NFP opens the 2026 draft with the SO1-1 land-cover table pre-filled with default
data, replaces two cells with a justification and a data source, saves and submits (the classes
still add up to the land area); the secretariat reviews default and reported values side by side."""

import re

import pytest
from playwright.sync_api import expect

from regions.models import Country
from tests.factories import BienniumFactory, ReportingCycleFactory
from tests.workprogramme.conftest import land_cover_defaults, national, sf_indicator
from workprogramme.models import Observation, Submission

from .conftest import ARTIFACTS, log_in, open_from_menu, switch_user

TREE_2019 = "SO1-1.T4, Tree-covered areas, 2019"
GRASS_2019 = "SO1-1.T4, Grasslands, 2019"


@pytest.fixture
def cycle_2026(demo_site):
    """The 2026 cycle asking for SO1-1 (land cover, 7 classes x 4 years), SO3-1 (drought, 5 classes x
    8 years, optional) and 5.2 (optional), with Kenya's default land cover."""
    cycle = ReportingCycleFactory(
        code="prais-2026",
        title="National reports 2026 (PRAIS)",
        biennium=BienniumFactory(start_year=2026),
        indicators=[national("SO1-1"), national("SO3-1"), sf_indicator("5.2")],
    )
    cycle.cycle_indicators.exclude(indicator__code="SO1-1").update(is_required=False)
    land_cover_defaults(Country.objects.get(iso3="KEN"))
    return cycle


def test_nfp_replaces_two_default_cells_and_the_secretariat_compares(page, cycle_2026):
    log_in(page, "nfp-kenya")
    page.get_by_role("link", name="Start the report").click()
    page.get_by_role("button", name="Start your country's report").click()
    expect(page).to_have_url(re.compile(r"/results/submissions/\d+/edit/$"))
    submission = Submission.objects.get(cycle=cycle_2026, country__iso3="KEN")

    # The table is pre-filled with the default data; each cell is labelled by its coordinates.
    tree, grass = page.get_by_label(TREE_2019, exact=True), page.get_by_label(GRASS_2019, exact=True)
    expect(tree).to_have_value("35,000")  # in the user's number style
    expect(page.get_by_label("SO3-1.T1, Extreme drought, 2023", exact=True)).to_have_value("")
    justification = page.get_by_label(f"{TREE_2019}: justification", exact=True)
    expect(justification).to_be_hidden()

    # Two cells replaced: 120.5 km² of grassland mapped as forest, so 2019 still adds up.
    tree.fill("35120.5")
    grass.fill("299879.5")
    expect(justification).to_be_visible()
    expect(page.locator("td.cell-changed")).to_have_count(2)
    justification.fill("The 2019 national forest inventory mapped more closed forest.")
    page.get_by_label(f"{GRASS_2019}: justification", exact=True).fill("Converted to forest (inventory).")
    page.get_by_label("SO1-1.T4, data source: Title").fill("National forest inventory 2019")
    page.get_by_label("SO1-1.T4, data source: Link or identifier").fill("https://example.org/kenya-nfi-2019")
    page.get_by_label("SO1-1.T4, data source: Author or publisher").fill("Kenya Forest Service")
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "tables_journey_nfp_edit.png"), full_page=True)
    page.get_by_role("button", name="Save draft").click()
    expect(page.locator(".messages")).to_contain_text("Draft saved.")
    expect(page.get_by_label(TREE_2019, exact=True)).to_have_value("35,120.5")
    cell = Observation.objects.select_related("data_source").get(
        submission=submission, key="LAND_COVER=TREE", time_period="2019"
    )
    assert (cell.source, cell.default_value, cell.data_source.title) == (
        "national",
        35000,
        "National forest inventory 2019",
    )

    # Submitted: no rule is broken (the classes of 2019 add up to the land area).
    page.get_by_role("button", name="Save and go to submission").click()
    hand_in = page.locator("#hand-in")
    expect(hand_in).to_be_visible()
    expect(hand_in.locator(".alert-danger")).to_have_count(0)
    hand_in.get_by_role("button", name="Submit", exact=True).click()
    expect(page.locator(".messages")).to_contain_text("handed in to the secretariat")
    page.screenshot(path=str(ARTIFACTS / "tables_journey_submitted.png"), full_page=True)

    # The secretariat compares default and reported values, with the difference and the justification.
    switch_user(page, "secretariat")
    open_from_menu(page, "Results", "Submissions")
    page.get_by_role("link", name="Kenya").first.click()
    page.get_by_role("link", name="Review").click()
    table = (
        page.locator("section", has=page.get_by_role("heading", name=re.compile("SO1-1.T4")))
        .locator("table")
        .first
    )
    expect(table.locator("thead")).to_contain_text("Default")
    expect(table.locator("thead")).to_contain_text("Reported")
    row = table.locator("tbody tr", has=page.get_by_role("rowheader", name="Tree-covered areas"))
    expect(row).to_contain_text("35,000")
    expect(row).to_contain_text("35,120.5")
    expect(row).to_contain_text("+120.5")
    changes = page.locator("table", has=page.get_by_text("Changed from the default data"))
    expect(changes).to_contain_text("The 2019 national forest inventory mapped more closed forest.")
    expect(changes).to_contain_text("Kenya Forest Service")
    page.get_by_label(f"Comment on indicator {national('SO1-1').code}").fill("Thank you for the inventory.")
