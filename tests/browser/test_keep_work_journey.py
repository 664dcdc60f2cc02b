"""Issue 14: no lost work, notifications and live progress, in the browser.

- An NFP's session ends while typing: the page warned and offered to extend it; after logging in
  again the form offers the unsent input back (item 2).
- A stale CSRF token: a friendly page keeps the values and sends them again (item 2).
- The NFP sees the unread count after the secretariat returns the report (item 5).
- A compile's bar moves and finishes in French without a reload (item 10).
"""

import re

import pytest
from django.contrib.sessions.models import Session
from playwright.sync_api import expect

from reporting.models import Report
from tests.factories import BienniumFactory, ReportFactory, ReportingCycleFactory
from tests.workprogramme.conftest import sf_indicator
from workprogramme.models import Submission
from workprogramme.services import submission_start

from .conftest import log_in, switch_user

PASSWORD = "unccd-demo"


@pytest.fixture
def kenya_draft(demo_site):
    from accounts.models import User

    cycle = ReportingCycleFactory(
        code="prais-2026",
        title="National reports 2026 (PRAIS)",
        biennium=BienniumFactory(start_year=2026),
        indicators=[sf_indicator("1.1"), sf_indicator("5.2")],
    )
    nfp = User.objects.get(username="nfp-kenya")
    return submission_start(cycle=cycle, country=nfp.country, user=nfp)


def edit_url(submission) -> str:
    return f"/results/submissions/{submission.pk}/edit/"


def projects_value(submission) -> str | None:
    observation = submission.observations.filter(indicator=sf_indicator("5.2")).first()
    return observation.raw_value if observation else None


def test_an_ended_session_keeps_the_input_and_offers_it_after_login(page, kenya_draft, settings):
    settings.SUBMISSION_AUTOSAVE_SECONDS = 0
    # Warn a few seconds after the page opens (and again only that long after extending).
    settings.SESSION_WARNING_SECONDS = settings.SESSION_COOKIE_AGE - 5
    projects = f"#id_value_{sf_indicator('5.2').pk}"
    log_in(page, "nfp-kenya")
    page.goto(edit_url(kenya_draft))

    # The page warns before the session ends; "Stay signed in" extends it.
    warning = page.locator("#session-keeper [data-role=warning]")
    expect(warning).to_be_visible(timeout=15_000)
    expect(warning).to_contain_text("Your session ends in")
    with page.expect_response("**/accounts/session/keep-alive/") as answer:
        page.get_by_role("button", name="Stay signed in").click()
    assert answer.value.status == 200
    expect(warning).to_be_hidden()

    page.fill(projects, "42")
    Session.objects.all().delete()  # the session ends on the server (expired, or ended elsewhere)
    page.get_by_role("button", name="Save draft").click()
    expect(page).to_have_url(re.compile(r"/accounts/login/\?next="))
    expect(page.locator("#kept-input-notice")).to_contain_text("It is kept in this browser")
    assert projects_value(Submission.objects.get(pk=kenya_draft.pk)) in (None, "")

    # After logging in again, the form offers what was typed.
    page.fill("#id_username", "nfp-kenya")
    page.fill("#id_password", PASSWORD)
    page.click("main button[type=submit]")
    expect(page).to_have_url(re.compile(re.escape(edit_url(kenya_draft)) + "$"))
    offer = page.locator("#restore-offer")
    expect(offer).to_contain_text("input that was not saved")
    offer.get_by_role("button", name="Restore").click()
    expect(page.locator(projects)).to_have_value("42")
    page.get_by_role("button", name="Save draft").click()
    expect(page.locator(".messages")).to_contain_text("Draft saved")
    assert projects_value(Submission.objects.get(pk=kenya_draft.pk)) == "42"
    # Saved: the browser's copy is gone, and no offer comes back.
    page.reload()
    expect(page.locator("#restore-offer")).to_have_count(0)
    kept = page.evaluate("Object.keys(localStorage).filter((key) => key.startsWith('portal:unsent:'))")
    assert kept == []


def test_a_stale_csrf_token_keeps_the_input(page, kenya_draft, settings):
    settings.SUBMISSION_AUTOSAVE_SECONDS = 0
    projects = f"#id_value_{sf_indicator('5.2').pk}"
    log_in(page, "nfp-kenya")
    page.goto(edit_url(kenya_draft))
    page.fill(projects, "43")
    page.context.clear_cookies(name="csrftoken")  # the page's token no longer matches anything
    page.get_by_role("button", name="Save draft").click()

    expect(page.locator("h1")).to_have_text("Your form has expired")
    expect(page.locator("#csrf-failure")).to_contain_text("What you typed is kept below")
    assert projects_value(Submission.objects.get(pk=kenya_draft.pk)) in (None, "")
    page.get_by_role("button", name="Send again").click()
    expect(page).to_have_url(re.compile(re.escape(edit_url(kenya_draft)) + "$"))
    expect(page.locator(".messages")).to_contain_text("Draft saved")
    assert projects_value(Submission.objects.get(pk=kenya_draft.pk)) == "43"


def test_autosave_shows_the_time_and_refuses_a_stale_version(page, kenya_draft, settings):
    settings.SUBMISSION_AUTOSAVE_SECONDS = 1
    projects = f"#id_value_{sf_indicator('5.2').pk}"
    log_in(page, "nfp-kenya")
    page.goto(edit_url(kenya_draft))
    page.fill(projects, "44")
    status = page.locator("#autosave-status")
    expect(status).to_contain_text(re.compile(r"Draft saved at \d"))
    assert projects_value(Submission.objects.get(pk=kenya_draft.pk)) == "44"
    # Someone else saves meanwhile: the next autosave shows the conflict and overwrites nothing.
    Submission.objects.filter(pk=kenya_draft.pk).update(version=99)
    page.fill(projects, "45")
    expect(status).to_contain_text("someone else saved this report meanwhile")
    assert projects_value(Submission.objects.get(pk=kenya_draft.pk)) == "44"


def test_the_nfp_sees_the_unread_count_after_the_secretariat_returns_the_report(page, kenya_draft):
    from accounts.models import User
    from workprogramme.services import submission_save_draft, submission_submit

    nfp = User.objects.get(username="nfp-kenya")
    entries = {
        sf_indicator("1.1").pk: {"value": "yes", "source": "national"},
        sf_indicator("5.2").pk: {"value": "3", "source": "national"},
    }
    submission_save_draft(
        user=nfp, submission=kenya_draft, expected_version=kenya_draft.version, entries=entries
    )
    submission_submit(user=nfp, submission=Submission.objects.get(pk=kenya_draft.pk))

    log_in(page, "nfp-kenya")
    expect(page.locator("#unread-count")).to_have_count(0)

    switch_user(page, "secretariat")
    page.goto(f"/results/submissions/{kenya_draft.pk}/review/")
    page.fill("#id_comment", "Please cite the source of 5.2.")
    page.get_by_role("button", name="Return for correction").click()
    expect(page.locator(".messages")).to_contain_text("Returned to the country")

    switch_user(page, "nfp-kenya")
    expect(page.locator("#unread-count")).to_contain_text("1")
    page.locator("#notification-link").click()
    item = page.locator("#notification-list li").first
    expect(item).to_contain_text("was returned for correction")
    expect(item).to_contain_text("Please cite the source of 5.2.")
    item.get_by_role("button", name="Open").click()
    expect(page).to_have_url(re.compile(rf"/results/submissions/{kenya_draft.pk}/$"))
    expect(page.locator("#unread-count")).to_have_count(0)


def test_the_compile_bar_moves_and_finishes_in_french_without_a_reload(browser, live_server, demo_site):
    report = ReportFactory(biennium=BienniumFactory(start_year=2018), status="queued", progress=0, tables=[])
    context = browser.new_context(base_url=live_server.url, locale="fr-FR")
    context.set_default_timeout(15_000)
    page = context.new_page()
    try:
        page.goto("/accounts/login/")
        page.fill("#id_username", "secretariat")
        page.fill("#id_password", PASSWORD)
        page.click("main button[type=submit]")
        page.wait_for_url("**/accounts/home/")
        page.goto(f"/reports/{report.pk}/")
        page.evaluate("window.sameDocument = true")
        box = page.locator("#report-progress")
        expect(box.locator("[data-role=status-text]")).to_have_text("En attente")

        Report.objects.filter(pk=report.pk).update(status="running", progress=60)
        expect(box.locator(".progress")).to_have_attribute("aria-valuenow", "60")
        expect(box.locator("[data-role=status-text]")).to_have_text("En cours")

        finished = ReportFactory.build().tables
        Report.objects.filter(pk=report.pk).update(status="complete", progress=100, tables=finished)
        expect(page.get_by_role("link", name="Télécharger XLSX")).to_be_visible()
        assert page.evaluate("window.sameDocument") is True  # no reload
        expect(page.locator("#report-progress")).to_be_hidden()
    finally:
        context.close()
