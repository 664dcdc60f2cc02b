"""Journey 4: a compiled biennial report read in Chinese and in Arabic: every table heading, column
and row label in the reader's language, the same figures, screenshots in test-artifacts/."""

import re

import pytest

from reporting.models import Report
from reporting.services import report_compile
from tests.factories import BienniumFactory
from tests.reporting.conftest import CUTOFF, import_samples

from .conftest import ARTIFACTS

# An English word (codes such as ERPA, USG or UNBONN/UNOG are written alike in every language, as in
# seed 002's Chinese tables); none may remain in a Chinese or Arabic table heading.
ENGLISH = re.compile(r"[A-Za-z]?[a-z]{3,}")


@pytest.fixture
def compiled_report(demo_site):
    biennium = BienniumFactory(start_year=2018)
    import_samples(biennium)
    report = Report.objects.create(kind="biennial_performance", biennium=biennium, cutoff_date=CUTOFF)
    report_compile(report_id=report.pk)
    Report.objects.filter(pk=report.pk).update(published=True)
    return report


def _headings(page) -> list[str]:
    """The caption, column headings and row labels of every table on the page."""
    return page.eval_on_selector_all(
        "figure.report-table figcaption, figure.report-table thead th, figure.report-table tbody th",
        "elements => elements.map(element => element.innerText.trim()).filter(Boolean)",
    )


@pytest.mark.parametrize(
    ("language", "title"),
    [("zh-hans", "截至 2019 年 5 月 31 日各方案的支出"), ("ar", "النفقات حسب البرنامج في 31 مايو 2019")],
    ids=["zh-hans", "ar"],
)
def test_the_report_reads_in_chinese_and_arabic(page, compiled_report, language, title):
    page.set_extra_http_headers({"Accept-Language": language})
    page.goto(f"/reports/{compiled_report.pk}/")
    assert page.get_attribute("html", "lang") == language
    assert page.get_attribute("html", "dir") == ("rtl" if language == "ar" else "ltr")
    caption = page.inner_text("#table-1 figcaption")
    assert title in caption
    headings = _headings(page)
    assert len(headings) > 50
    english = [heading for heading in headings if ENGLISH.search(heading)]
    assert english == [], english
    assert "14,325,736" in page.inner_text("#table-1")  # the same figures in every language
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"report_{language}.png"), full_page=True)
