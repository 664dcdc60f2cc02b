"""Journey 3: the interface switched to Chinese and to Arabic (right to left) on the home page, a form
and a report.

Chinese interface strings are still being translated, so these tests check what does not depend on
them: the page's lang and dir, the right-to-left stylesheet and layout, and reference data stored in
several languages (Party and indicator names).
"""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from accounts.models import User
from tests.factories import BienniumFactory, ReportFactory, ReportingCycleFactory
from tests.workprogramme.conftest import sf_indicator
from workprogramme.services import submission_start

from .conftest import log_in, switch_user


def switch_language(page, code: str) -> None:
    with page.expect_navigation():
        page.select_option("#language-select", code)


def assert_language(page, code: str) -> None:
    """The page is served in `code`: lang and dir on <html>, and Bootstrap's RTL build for Arabic."""
    rtl = code == "ar"
    assert page.get_attribute("html", "lang") == code
    assert page.get_attribute("html", "dir") == ("rtl" if rtl else "ltr")
    stylesheet = page.get_attribute("link[href*='vendor/bootstrap/']", "href")
    assert stylesheet.endswith("bootstrap.rtl.min.css" if rtl else "bootstrap.min.css"), stylesheet
    assert page.eval_on_selector("main", "element => getComputedStyle(element).direction") == (
        "rtl" if rtl else "ltr"
    )


def x_of(locator) -> float:
    return locator.bounding_box()["x"]


@pytest.fixture
def kenya_draft(demo_site):
    cycle = ReportingCycleFactory(
        code="prais-2026", biennium=BienniumFactory(start_year=2026), indicators=[sf_indicator("5.2")]
    )
    nfp = User.objects.get(username="nfp-kenya")
    return submission_start(cycle=cycle, country=nfp.country, user=nfp)


@pytest.fixture
def published_report(demo_site):
    return ReportFactory(
        biennium=BienniumFactory(start_year=2018),
        cutoff_date=datetime.date(2019, 5, 31),
        published=True,
        published_at=timezone.now(),
    )


def test_home_page_in_chinese_and_arabic(page):
    page.goto("/")
    assert_language(page, "en")
    switch_language(page, "zh-hans")
    assert_language(page, "zh-hans")
    expect(page.locator("#language-select")).to_have_value("zh-hans")
    switch_language(page, "ar")
    assert_language(page, "ar")
    # Right to left: the portal's name sits right of the language switch.
    assert x_of(page.locator(".portal-brand")) > x_of(page.locator("#language-select"))


def test_logged_in_nfp_sees_home_in_chinese(page):
    log_in(page, "nfp-kenya")
    switch_language(page, "zh-hans")
    assert_language(page, "zh-hans")
    expect(page.locator("h1")).to_have_text("肯尼亚")


def test_login_form_in_arabic_and_the_choice_remembered_per_user(page):
    page.goto("/accounts/login/")
    switch_language(page, "ar")
    assert_language(page, "ar")
    username = page.locator("#id_username")
    label = page.locator("label[for=id_username]")
    # Labels start at the right edge of the field in a right-to-left form.
    field_box, label_box = username.bounding_box(), label.bounding_box()
    assert label_box["x"] + label_box["width"] == pytest.approx(field_box["x"] + field_box["width"], abs=16)
    page.fill("#id_username", "nfp-kenya")
    page.fill("#id_password", "wrong password")
    page.click("main button[type=submit]")
    assert_language(page, "ar")
    expect(page.locator("#error-summary")).to_be_visible()

    log_in(page, "nfp-kenya")
    assert_language(page, "ar")
    # Switched while logged in, the choice is stored on the account: a fresh browser gets it back.
    switch_language(page, "zh-hans")
    switch_user(page, "nfp-kenya")
    assert_language(page, "zh-hans")


def test_submission_form_in_chinese_and_arabic(page, kenya_draft):
    projects = sf_indicator("5.2")
    assert projects.text_zh_hans, "the reference data carries the indicator's Chinese text"
    log_in(page, "nfp-kenya")
    page.goto(f"/results/submissions/{kenya_draft.pk}/edit/")
    switch_language(page, "zh-hans")
    assert_language(page, "zh-hans")
    expect(page.locator("h1")).to_contain_text("肯尼亚")
    legend = page.locator("#submission-form fieldset legend").first
    expect(legend).to_contain_text(projects.text_zh_hans)
    expect(page.locator(f"label[for=id_value_{projects.pk}]")).to_be_visible()

    switch_language(page, "ar")
    assert_language(page, "ar")
    # The indicator's code badge opens the legend on the right.
    fieldset = page.locator("#submission-form fieldset").first
    box = fieldset.bounding_box()
    assert x_of(legend.locator(".badge")) > box["x"] + box["width"] / 2
    page.fill(f"#id_value_{projects.pk}", "4")
    page.locator("#submission-form button[name=save]").click()
    assert_language(page, "ar")
    expect(page.locator(f"#id_value_{projects.pk}")).to_have_value("4")


def test_report_page_in_chinese_and_arabic(page, published_report):
    page.goto(f"/reports/{published_report.pk}/")
    switch_language(page, "zh-hans")
    assert_language(page, "zh-hans")
    table = page.locator("main table.table-results").first
    expect(table).to_contain_text("1,000")
    switch_language(page, "ar")
    assert_language(page, "ar")
    headers = table.locator("thead th")
    # Columns run right to left: the label column is the rightmost.
    assert x_of(headers.first) > x_of(headers.last)
