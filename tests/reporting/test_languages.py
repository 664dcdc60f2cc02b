"""One compiled version reads in every UN language, with the same figures: the API, the page and the
XLSX, DOCX and PDF downloads (seed 002 is the Chinese edition of ICCD/CRIC(18)/3)."""

import io
import re
import shutil
import subprocess

import pytest
from django.utils import translation
from docx import Document
from openpyxl import load_workbook

from reporting.compiler.tables import table as compiled_table
from reporting.compiler.tables import text
from reporting.models import Report
from reporting.rendering.labels import MESSAGES, is_label, render
from reporting.services import report_compile

from .conftest import CUTOFF, import_samples

LANGUAGES = ("en", "zh-hans", "fr", "es", "ru", "ar")
TITLE_1 = {
    "en": "Expenditure by programme as at 31 May 2019",
    "zh-hans": "截至 2019 年 5 月 31 日各方案的支出",  # seed 002, table 1
    "ar": "النفقات حسب البرنامج في 31 مايو 2019",
}
ROW_A = {"en": "A. Executive Direction and Management", "zh-hans": "A. 行政领导和管理"}
CORE_TOTAL = {"en": "Total core budget (A-E)", "zh-hans": "核心预算总额(A-E)"}


@pytest.fixture
def report(biennium):
    import_samples(biennium)
    report = Report.objects.create(kind="biennial_performance", biennium=biennium, cutoff_date=CUTOFF)
    report_compile(report_id=report.pk)
    Report.objects.filter(pk=report.pk).update(published=True)  # public: anonymous readers see it
    return Report.objects.get(pk=report.pk)


def _codes(value) -> list[str]:
    """Every message code a stored value uses."""
    if isinstance(value, dict):
        found = [value["msg"]] if "msg" in value and is_label(value) else []
        return found + [code for item in value.values() for code in _codes(item)]
    if isinstance(value, list):
        return [code for item in value for code in _codes(item)]
    return []


def test_the_snapshot_keeps_codes_not_prose(report):
    stored = report.tables[0]
    assert stored["title"] == {
        "msg": "table1.title",
        "args": {"date": {"date": "2019-05-31", "style": "date"}},
    }
    labels = [line["label"] for line in stored["rows"]]
    assert {"ref": "budget_holder", "code": "EDM"} in labels
    assert {"msg": "row.total_core_budget", "args": {"span": "A-E"}} in labels
    used = set(_codes(report.tables) + _codes(report.checks) + _codes(report.sections))
    assert used and used <= set(MESSAGES)


def test_table_1_in_chinese_as_seed_002_with_the_same_figures(report, client):
    url = f"/api/v1/reports/{report.pk}/tables/1/"
    english = client.get(url, HTTP_ACCEPT_LANGUAGE="en").json()
    response = client.get(url, HTTP_ACCEPT_LANGUAGE="zh-hans")
    chinese = response.json()
    assert response["Content-Language"] == "zh-hans"
    assert chinese["title"] == TITLE_1["zh-hans"]
    labels = [line["label"] for line in chinese["rows"]]
    assert labels[:2] == ["一. 秘书处方案", ROW_A["zh-hans"]]
    assert "B. 对外关系、政策和宣传" in labels and "E. 全球机制" in labels
    assert CORE_TOTAL["zh-hans"] in labels and "干旱倡议" in labels
    assert chinese["unit_label"] == "欧元"
    assert chinese["columns"][1]["label"] == "截至 2019 年 5 月 31 日的支出"
    assert [line["cells"] for line in chinese["rows"]] == [line["cells"] for line in english["rows"]]
    assert [line.get("code") for line in chinese["rows"]] == [line.get("code") for line in english["rows"]]
    assert english["title"] == TITLE_1["en"] and english["rows"][1]["label"] == ROW_A["en"]


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_language_by_query_parameter(report, client, language):
    body = client.get(f"/api/v1/reports/{report.pk}/tables/?lang={language}").json()
    assert body["language"] == language
    table1 = body["tables"][0]
    english = render(report.tables[0])
    assert [line["cells"] for line in table1["rows"]] == [line["cells"] for line in english["rows"]]
    if language != "en":
        assert table1["title"] != english["title"]
        assert all(check["message"] for check in body["checks"])
    if language in ("zh-hans", "ru", "ar"):  # not written in Latin letters: no English word left
        assert not re.search(r"[A-Za-z]{4,}", table1["title"]), table1["title"]


def test_arabic_letters_the_programmes_as_the_arabic_edition_does(report, client):
    url = f"/api/v1/reports/{report.pk}/tables/1/"
    labels = [line["label"] for line in client.get(url, HTTP_ACCEPT_LANGUAGE="ar").json()["rows"]]
    assert any(label.startswith("ألف. ") for label in labels), labels
    assert any(label.startswith("هاء. ") for label in labels), labels
    assert any("ألف-هاء" in label for label in labels), labels
    assert not any(re.match(r"[A-E]\. ", label) for label in labels), labels
    chinese = [line["label"] for line in client.get(url, HTTP_ACCEPT_LANGUAGE="zh-hans").json()["rows"]]
    assert ROW_A["zh-hans"] in chinese and CORE_TOTAL["zh-hans"] in chinese  # seed 002 keeps A-E


def test_the_report_page_in_arabic_has_no_english_table_heading(report, client, secretariat_user):
    client.force_login(secretariat_user)
    page = client.get(f"/reports/{report.pk}/", HTTP_ACCEPT_LANGUAGE="ar").content.decode()
    assert 'dir="rtl"' in page and TITLE_1["ar"] in page
    assert "Expenditure by programme" not in page and "Total core budget" not in page


def test_a_version_compiled_before_reports_were_multilingual_reads_as_stored(
    report, client, secretariat_user
):
    client.force_login(secretariat_user)
    legacy = Report.objects.create(
        kind="biennial_performance",
        biennium=report.biennium,
        cutoff_date=CUTOFF,
        version=2,
        status="complete",
        tables=[
            compiled_table(
                1, "expenditure_by_programme", "Expenditure by programme as at 31 May 2019", [], []
            )
        ],
        checks=[{"code": "finance_cutoff", "table": None, "passed": True, "message": "Finance data ok."}],
    )
    body = client.get(f"/api/v1/reports/{legacy.pk}/tables/1/", HTTP_ACCEPT_LANGUAGE="zh-hans").json()
    assert body["title"] == "Expenditure by programme as at 31 May 2019"
    with translation.override("en"):
        assert render(text("row.total")) == "Total"


def test_xlsx_in_chinese_rounded_as_on_the_page_with_number_formats(report, client):
    content = client.get(f"/api/v1/reports/{report.pk}/download/xlsx/?lang=zh-hans").content
    workbook = load_workbook(io.BytesIO(content))
    assert workbook.sheetnames == [f"表 {n}" for n in range(1, 11)]  # table 10: the regional offices
    sheet = workbook["表 1"]
    assert sheet["A2"].value == TITLE_1["zh-hans"] and sheet["A3"].value == "(欧元)"
    assert sheet.freeze_panes == "B5"
    rows = {line[0].value: line for line in sheet.iter_rows(min_row=5)}
    row_d = rows["D. 行政事务"]
    assert [cell.value for cell in row_d[1:]] == [2509051, 1727120, 765094, 2492215, 16836]
    assert row_d[1].number_format == "#,##0;(#,##0)"
    assert sheet.column_dimensions["A"].width >= len("A. 行政领导和管理")
    percentages = workbook["表 3"]
    assert any(line[3].number_format == "0.0" for line in percentages.iter_rows(min_row=5) if len(line) > 3)
    assert workbook["表 1"].sheet_view.rightToLeft is not True
    arabic = load_workbook(io.BytesIO(client.get(f"/reports/{report.pk}/download.xlsx?lang=ar").content))
    assert arabic.worksheets[0].sheet_view.rightToLeft is True


def test_docx_in_russian(report, client):
    content = client.get(f"/reports/{report.pk}/download.docx", HTTP_ACCEPT_LANGUAGE="ru").content
    document = Document(io.BytesIO(content))
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert any(h.startswith("Таблица 1. ") for h in headings), headings
    assert "14\xa0325\xa0736" in [cell.text for cell in document.tables[0].rows[-2].cells]


def _pdf_text(content: bytes) -> str:
    result = subprocess.run(["pdftotext", "-", "-"], input=content, capture_output=True, check=True)
    # pdftotext marks right-to-left runs with Unicode embedding controls (the words are in reading
    # order) and breaks long labels over lines: join the lines, and Chinese characters across them.
    shown = re.sub(r"[\u200e\u200f\u202a-\u202e]", "", result.stdout.decode())
    shown = re.sub(r"\s+", " ", shown)
    return re.sub(r"(?<=[\u3000-\u9fff\uff00-\uffef]) (?=[\u3000-\u9fff\uff00-\uffef])", "", shown)


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils (make test installs it)")
@pytest.mark.parametrize(
    ("query", "title", "labels", "figure"),
    [
        ("", TITLE_1["en"], [ROW_A["en"], CORE_TOTAL["en"]], "14,325,736"),
        ("?lang=zh-hans", TITLE_1["zh-hans"], [ROW_A["zh-hans"], CORE_TOTAL["zh-hans"]], "14,325,736"),
        (
            "?lang=ar",
            "النفقات حسب البرنامج",
            ["التوجيه التنفيذي والإدارة", "مجموع الميزانية الأساسية"],
            "14,325,736",
        ),
    ],
)
def test_pdf_shows_table_1_in_each_language(report, client, query, title, labels, figure):
    response = client.get(f"/api/v1/reports/{report.pk}/download/pdf/{query}")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    flat = _pdf_text(response.content)
    assert title in flat, flat[:400]
    for label in labels:
        assert label in flat, label
    # pdftotext moves the brackets of a negative figure inside right-to-left text; the page shows (208,199).
    negative = "208,199" if "lang=ar" in query else "(208,199)"
    for value in (figure, "2,050,085", negative):
        assert value in flat
