"""Downloads of a compiled report: one table as CSV, all tables as XLSX, the document as DOCX."""

import csv
import io
import re

from .cells import format_cell, table_matrix

# Chapter headings of the seed (ICCD/CRIC(18)/3) before the first table of each chapter.
SECTION_HEADINGS = {
    "expenditure_by_programme": "Overview of expenditure",
    "posts_secretariat": "Staffing",
    "results": "Achievements: the UNCCD results framework",
    "comparison": "Comparison with the previous biennium",
    "capacity_building": "Capacity building",
    "office_indicators": "Performance of the regional office",
    "committee_meetings": "Work of the committee",
}
XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _safe(value):
    """Spreadsheet cells never start with a formula character (CSV/XLSX injection)."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def table_csv(table: dict) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    for line in table_matrix(table):
        writer.writerow(["" if value is None else _safe(value) for value in line])
    return out.getvalue()


def report_filename(report, extension: str) -> str:
    name = f"{report.kind}_{report.biennium.code}_{report.scope or 'all'}_v{report.version}"
    return re.sub(r"[^A-Za-z0-9_.-]", "_", name) + f".{extension}"


def report_xlsx(report) -> bytes:
    """One sheet per table: title, header, rows (numbers stay numbers), footnotes."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook()
    workbook.remove(workbook.active)
    for table in report.tables:
        sheet = workbook.create_sheet(title=f"Table {table['number']}")
        sheet.append([_safe(table["title"])])
        sheet["A1"].font = Font(bold=True)
        if table.get("unit"):
            sheet.append([f"({table['unit']})"])
        for index, line in enumerate(table_matrix(table)):
            sheet.append([_safe(value) for value in line])
            if index == 0 or table["rows"][index - 1]["style"] in ("subtotal", "total", "group"):
                for cell in sheet[sheet.max_row]:
                    cell.font = Font(bold=True)
        for note in table.get("footnotes", []):
            sheet.append([f"{note['mark']} {note['text']}"])
        for note in table.get("notes", []):
            sheet.append([_safe(note)])
        sheet.column_dimensions["A"].width = 48
    if not report.tables:
        workbook.create_sheet(title="Report")
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def _docx_table(document, table: dict) -> None:
    columns = table["columns"]
    grid = document.add_table(rows=1, cols=len(columns) + 1)
    grid.style = "Table Grid"
    header = grid.rows[0].cells
    for index, col in enumerate(columns, start=1):
        header[index].text = col["label"]
    for row in table["rows"]:
        cells = grid.add_row().cells
        cells[0].text = row["label"]
        marks = row.get("marks", {})
        for index, (value, col) in enumerate(zip(row["cells"], columns, strict=False), start=1):
            text = format_cell(value, col["kind"])
            cells[index].text = text + (f" {marks[str(index - 1)]}" if str(index - 1) in marks else "")
        if row["style"] in ("subtotal", "total", "group"):
            for cell in cells:
                for run in cell.paragraphs[0].runs:
                    run.bold = True
    for note in table.get("footnotes", []):
        document.add_paragraph(f"{note['mark']} {note['text']}")
    for note in table.get("notes", []):
        document.add_paragraph(note)


def report_docx(report) -> bytes:
    """The report in the seed's order: expenditure, staffing, results per objective, offices, checks."""
    from docx import Document

    document = Document()
    document.add_heading(str(report), level=0)
    document.add_paragraph(
        f"Biennium {report.biennium.code}; data as at {report.cutoff_date:%d %B %Y}; "
        f"version {report.version}."
    )
    tables = {table["number"]: table for table in report.tables}
    for number in sorted(tables):
        table = tables[number]
        if table["key"] in SECTION_HEADINGS:
            document.add_heading(SECTION_HEADINGS[table["key"]], level=1)
        document.add_heading(f"Table {number}. {table['title']}", level=2)
        if table.get("unit"):
            document.add_paragraph(f"({table['unit']})")
        _docx_table(document, table)
        if table["key"] == "results":
            _docx_overview(document, report.sections.get("results", {}).get("overview"))
            _docx_results(document, report.sections.get("results", {}))
    offices = report.sections.get("regional_offices")
    if offices and offices.get("table"):
        document.add_heading("Regional offices", level=1)
        _docx_table(document, offices["table"])
    for note in report.sections.get("notes", []):
        document.add_paragraph(note)
    narrative = report.sections.get("narrative")
    if narrative:
        document.add_heading("Report of the committee", level=1)
        document.add_paragraph(narrative)
    document.add_heading("Consistency checks", level=1)
    for check in report.checks:
        document.add_paragraph(
            ("Passed: " if check["passed"] else "FAILED: ") + check["message"], style="List Bullet"
        )
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _docx_overview(document, overview: dict | None) -> None:
    if overview:
        document.add_paragraph(
            f"{overview['submitted']} of {overview['parties']} Parties ({overview['rate']} %) submitted a "
            f"national report; {overview['validated']} were validated."
        )


def _docx_results(document, results: dict) -> None:
    """Per strategic objective and key outcome: each indicator's figures and narratives."""
    for objective in results.get("objectives", []):
        document.add_heading(f"{objective['code']}: {objective['title']}", level=2)
        for outcome in objective["outcomes"]:
            document.add_heading(f"Key outcome {outcome['code']}: {outcome['text']}", level=3)
            for indicator in outcome["indicators"]:
                document.add_paragraph(
                    f"Indicator {indicator['code']}: {indicator['text']}: "
                    f"{format_cell(indicator['value'], 'number')} {indicator.get('unit') or ''} "
                    f"({indicator['reporting_parties']} Parties reporting, "
                    f"{format_cell(indicator['reporting_rate'], 'percent')} %); "
                    f"target {format_cell(indicator['target'], 'number')}."
                )
                for narrative in indicator.get("narratives", []):
                    document.add_paragraph(narrative)
