"""Issue 14, items 1 and 4 in the browser: publishing asks for confirmation and a version whose checks
failed needs an override reason; a return needs a comment, and after resubmission the previous
round's comments are no longer open (they are in the history)."""

import re

import pytest
from playwright.sync_api import expect

from reporting.models import Report
from reporting.services import report_compile, report_request
from tests.factories import BienniumFactory, ReportFactory, ReportingCycleFactory
from tests.reporting.test_publishing import _finance_table
from tests.workprogramme.conftest import sf_indicator
from workprogramme.models import Submission
from workprogramme.services import (
    submission_resubmit,
    submission_save_draft,
    submission_start,
    submission_submit,
)

from .conftest import log_in, switch_user


@pytest.fixture
def report_without_finance(demo_site):
    """The public 2018-2019 report, and a 2026-2027 version compiled without finance or staffing data."""
    ReportFactory(
        biennium=BienniumFactory(start_year=2018),
        published=True,
        tables=[_finance_table(2_000_000, 1_350_000, 1_972_000)],
    )
    biennium = BienniumFactory(start_year=2026)
    report = report_request(
        user=None,
        kind="biennial_performance",
        biennium=biennium,
        cutoff_date=biennium.start_date,
        enqueue=False,
    )
    return report_compile(report_id=report.pk)


def test_publishing_a_version_with_failed_checks_needs_a_reason(page, report_without_finance):
    report = report_without_finance
    log_in(page, "secretariat")
    page.goto(f"/reports/{report.pk}/")
    expect(page.locator("main")).to_contain_text("No finance data for this biennium (2026-2027).")
    expect(page.locator("main")).not_to_contain_text("None%")

    page.get_by_role("link", name="Publish this version…").click()
    expect(page).to_have_url(re.compile(rf"/reports/{report.pk}/publish/$"))
    main = page.locator("main")
    expect(main).to_contain_text("What the public will see change")
    expect(main).to_contain_text("2 consistency checks failed.")
    change = page.locator("[data-role=public-change]")
    expect(change).to_contain_text("67.5 %")  # the dashboard now
    expect(change).to_contain_text("no finance data for this biennium")  # after publishing

    # No reason: refused, nothing published.
    page.get_by_role("button", name="Publish despite the failed checks").click()
    expect(page.locator("#error-summary")).to_contain_text("Say why this version is published")
    assert not Report.objects.get(pk=report.pk).published

    page.get_by_label("Why publish this version although its checks failed?").fill(
        "Finance data follow in March."
    )
    page.get_by_role("button", name="Publish despite the failed checks").click()
    expect(page.locator(".messages")).to_contain_text("now published")
    page.locator("summary", has_text="History").click()
    expect(page.locator("[data-role=override-reason]").first).to_have_text("Finance data follow in March.")
    report.refresh_from_db()
    assert report.published and report.publish_override_reason == "Finance data follow in March."


@pytest.fixture
def submitted_report(demo_site):
    """Kenya's report, handed in for review."""
    from accounts.models import User

    cycle = ReportingCycleFactory(
        code="prais-2026",
        title="National reports 2026 (PRAIS)",
        biennium=BienniumFactory(start_year=2026),
        indicators=[sf_indicator("1.1"), sf_indicator("5.2")],
    )
    nfp = User.objects.get(username="nfp-kenya")
    submission = submission_start(user=nfp, cycle=cycle, country=nfp.country)
    submission.refresh_from_db()
    submission_save_draft(
        user=nfp,
        submission=submission,
        expected_version=submission.version,
        entries={
            sf_indicator("1.1").pk: {"value": "yes", "source": "national"},
            sf_indicator("5.2").pk: {"value": "12", "source": "national"},
        },
    )
    submission_submit(user=nfp, submission=submission)
    return Submission.objects.get(pk=submission.pk)


def test_a_return_needs_a_comment_and_old_rounds_leave_the_report(page, submitted_report):
    submission, projects = submitted_report, sf_indicator("5.2")
    log_in(page, "secretariat")
    page.goto(f"/results/submissions/{submission.pk}/review/")

    # Return without a word: the form says what is missing, nothing changes.
    page.get_by_role("button", name="Return for correction").click()
    expect(page.locator("#error-summary")).to_contain_text(
        "Give an overall reason or a comment on at least one indicator"
    )
    assert Submission.objects.get(pk=submission.pk).state == "submitted"

    page.fill(f"#id_comment_{projects.pk}", "ROUND-ONE: count only approved projects.")
    page.get_by_role("button", name="Return for correction").click()
    expect(page.locator(".messages")).to_contain_text("Returned to the country")

    # The NFP reads the open comment, then resubmits.
    switch_user(page, "nfp-kenya")
    page.goto(f"/results/submissions/{submission.pk}/")
    expect(page.locator("[data-role=open-comment]")).to_contain_text("ROUND-ONE")
    from accounts.models import User

    submission_resubmit(user=User.objects.get(username="nfp-kenya"), submission=submission)

    # The reviewer's next round starts clean; the first round is in the history.
    switch_user(page, "secretariat")
    page.goto(f"/results/submissions/{submission.pk}/")
    expect(page.locator("main .badge", has_text="Resubmitted")).to_be_visible()
    expect(page.locator("[data-role=open-comment]")).to_have_count(0)
    rounds = page.locator("#review-rounds")
    expect(rounds.locator("[data-round='1']")).to_be_hidden()  # folded away
    rounds.locator("summary").click()
    expect(rounds.locator("[data-round='1']")).to_contain_text("ROUND-ONE: count only approved projects.")
    page.get_by_role("link", name="Review").click()
    expect(page.locator(f"#id_comment_{projects.pk}")).to_have_value("")
