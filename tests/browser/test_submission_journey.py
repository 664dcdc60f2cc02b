"""Journey 1: an NFP reports, the secretariat returns the report, the NFP fixes it, the secretariat
validates it and the value appears on the public results dashboard."""

import re

import pytest
from playwright.sync_api import expect

from tests.factories import BienniumFactory, ReportingCycleFactory, TargetFactory
from tests.workprogramme.conftest import sf_indicator
from workprogramme.models import Submission

from .conftest import log_in, open_from_menu, switch_user

CYCLE = "prais-2026"


@pytest.fixture
def open_cycle(demo_site):
    """An open cycle asking for 1.1 (yes/no) and 5.2 (number of projects), both required."""
    cycle = ReportingCycleFactory(
        code=CYCLE,
        title="National reports 2026 (PRAIS)",
        biennium=BienniumFactory(start_year=2026),
        indicators=[sf_indicator("1.1"), sf_indicator("5.2")],
    )
    TargetFactory(indicator=sf_indicator("5.2"), biennium=cycle.biennium, level="global", value=24)
    return cycle


def assert_published_value(page, *, iso3: str, name: str, indicator: str, value: str, target: str) -> None:
    """An anonymous visitor finds the validated value, with its target, on the public dashboard."""
    page.context.clear_cookies()
    page.goto("/")
    open_from_menu(page, "Reports", "Results dashboard")
    page.get_by_role("link", name=re.compile(rf"^{iso3}\b.*{name}, Validated")).click()  # its tile
    expect(page.locator("h1")).to_contain_text(name)
    values = page.locator("section", has=page.locator("#values-heading"))
    row = values.locator(
        "tbody tr", has=page.locator("td", has_text=re.compile(rf"^{re.escape(indicator)} "))
    )
    expect(row).to_have_count(1)
    cells = row.locator("td")
    expect(cells.nth(3)).to_have_text(re.compile(rf"^{re.escape(value)}(\s|$)"))  # the unit follows
    expect(cells.nth(6)).to_have_text(target)


def review(page, *, decision: str, comment: str, indicator_comments=None) -> None:
    """The secretariat opens the submission from the review queue and decides."""
    switch_user(page, "secretariat")
    open_from_menu(page, "Results", "Submissions")
    page.get_by_role("link", name="Kenya").first.click()
    page.get_by_role("link", name="Review").click()
    for indicator_id, text in (indicator_comments or {}).items():
        page.fill(f"#id_comment_{indicator_id}", text)
    page.fill("#id_comment", comment)
    page.get_by_role("button", name=decision).click()
    expect(page.locator(".messages")).to_contain_text(
        "Validated" if decision == "Validate" else "Returned to the country"
    )


def test_nfp_reports_secretariat_returns_then_validates(page, open_cycle):
    adoption, projects = sf_indicator("1.1"), sf_indicator("5.2")

    # The NFP starts the country's report from their home page.
    log_in(page, "nfp-kenya")
    page.get_by_role("link", name="Start the report").click()
    page.get_by_role("button", name="Start your country's report").click()
    expect(page).to_have_url(re.compile(r"/results/submissions/\d+/edit/$"))
    submission = Submission.objects.get(cycle=open_cycle, country__iso3="KEN")

    # A draft with an invalid value is saved anyway; the value is kept and its error shown.
    page.select_option(f"#id_value_{adoption.pk}", "yes")
    page.select_option(f"#id_source_{adoption.pk}", "national")
    page.fill(f"#id_value_{projects.pk}", "twelve")
    page.select_option(f"#id_source_{projects.pk}", "national")
    page.get_by_role("button", name="Save draft").click()
    expect(page.locator(".messages")).to_contain_text("Draft saved. Some values still need attention")
    expect(page.locator(f"#id_value_{projects.pk}")).to_have_value("twelve")
    expect(page.locator(f"#error-{projects.pk}")).to_have_text("'twelve' is not a number.")
    assert submission.observations.get(indicator=projects).raw_value == "twelve"

    # Fixed, then submitted.
    page.fill(f"#id_value_{projects.pk}", "12")
    page.get_by_role("button", name="Save and go to submission").click()
    hand_in = page.locator("#hand-in")
    expect(hand_in).to_be_visible()
    hand_in.get_by_label("Message to the secretariat (optional)").fill("Our 2026 report.")
    hand_in.get_by_role("button", name="Submit", exact=True).click()
    expect(page.locator(".messages")).to_contain_text("handed in to the secretariat")
    expect(page).to_have_title(re.compile(r"^Kenya – National reports 2026 \(PRAIS\) · "))
    expect(page.locator("main .badge", has_text="Submitted")).to_be_visible()

    # The secretariat returns it with a comment on the number of projects.
    review(
        page,
        decision="Return for correction",
        comment="Thank you. Please check indicator 5.2.",
        indicator_comments={projects.pk: "Twelve projects seems high: count only approved projects."},
    )

    # The NFP sees the comment, fixes the value and resubmits.
    switch_user(page, "nfp-kenya")
    page.locator("#returned-heading ~ ul").get_by_role("link").click()
    expect(page.locator("main")).to_contain_text("Twelve projects seems high")
    expect(page.locator("main")).to_contain_text("Thank you. Please check indicator 5.2.")
    page.get_by_role("link", name="Edit values").click()
    expect(page.get_by_role("note")).to_contain_text("count only approved projects")
    page.fill(f"#id_value_{projects.pk}", "7")
    page.get_by_role("button", name="Save and go to submission").click()
    page.locator("#hand-in").get_by_role("button", name="Resubmit").click()
    expect(page.locator("main .badge", has_text="Resubmitted")).to_be_visible()

    # The secretariat validates; the value is published.
    review(page, decision="Validate", comment="Validated.")
    expect(page.locator("main .badge", has_text="Validated")).to_be_visible()
    submission.refresh_from_db()
    assert submission.state == "validated" and submission.transitions.count() == 5
    assert_published_value(page, iso3="KEN", name="Kenya", indicator="5.2", value="7", target="24")
