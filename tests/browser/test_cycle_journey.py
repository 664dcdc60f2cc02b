"""Journey: the secretariat plans a reporting cycle through the form, opens it, and the NFP can start
the country's report in it; an NFP sees none of the management buttons."""

import datetime
import re

from playwright.sync_api import expect

from tests.factories import BienniumFactory
from tests.workprogramme.conftest import sf_indicator
from workprogramme.models import ReportingCycle

from .conftest import log_in, open_from_menu, switch_user


def test_secretariat_plans_and_opens_a_cycle_the_nfp_then_reports_in(page):
    BienniumFactory(start_year=2026)
    adoption, projects = sf_indicator("1.1"), sf_indicator("5.2")
    opens_on = datetime.date.today() + datetime.timedelta(days=7)

    log_in(page, "secretariat")
    open_from_menu(page, "Results", "Reporting cycles")
    page.get_by_role("link", name="New reporting cycle").click()
    page.select_option("#id_biennium", label="2026-2027")
    page.fill("#id_code", "prais-2026")
    page.fill("#id_title", "National reports 2026 (PRAIS)")
    page.fill("#id_opens_on", opens_on.isoformat())
    page.fill(
        "#id_deadline", (opens_on - datetime.timedelta(days=30)).isoformat()
    )  # before the opening: refused, nothing saved
    for indicator in (adoption, projects):
        page.check(f"input[name=indicators][value='{indicator.pk}']")
    page.get_by_role("button", name="Save").click()
    expect(page.locator("#error-summary")).to_contain_text("The deadline must fall after the opening date")
    assert not ReportingCycle.objects.exists()

    page.fill("#id_deadline", (opens_on + datetime.timedelta(days=180)).isoformat())
    page.get_by_role("button", name="Save").click()
    expect(page).to_have_url(re.compile(r"/results/cycles/prais-2026/$"))
    expect(page.locator(".messages")).to_contain_text("Reporting cycle planned")
    page.get_by_role("button", name="Open to the countries").click()
    expect(page.locator(".messages")).to_contain_text("is open")
    expect(page.get_by_role("button", name="Close the cycle")).to_be_visible()
    assert ReportingCycle.objects.get(code="prais-2026").state == "open"

    switch_user(page, "nfp-kenya")
    page.goto("/results/cycles/prais-2026/")
    expect(page.get_by_role("link", name="Edit cycle")).to_have_count(0)
    expect(page.get_by_role("button", name="Close the cycle")).to_have_count(0)
    page.get_by_role("button", name="Start your country's report").click()
    expect(page).to_have_url(re.compile(r"/results/submissions/\d+/edit/$"))
