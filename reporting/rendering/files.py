"""Downloads of a compiled report in the reader's language: one table as CSV, all tables as XLSX,
the document as DOCX and PDF.

Every function takes the version's content as rendered by `labels.render_report` in the active
language (titles, headings and labels as text; figures as stored). The DOCX and the PDF share one
outline (`document_blocks`), so they hold the same headings, tables and notes in the same order as
the report page.
"""

import csv
import io
import re

from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils import formats, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .cells import XLSX_FORMATS, format_cell, rounded_cell, table_matrix
from .labels import render_report

# Chapter headings of the seed (ICCD/CRIC(18)/3) before the first table of each chapter; the same
# as the report page's.
SECTION_HEADINGS = {
    "expenditure_by_programme": gettext_lazy("Overview of expenditure"),
    "posts_secretariat": gettext_lazy("Staffing"),
    "results": gettext_lazy("Achievements per strategic objective"),
    "comparison": gettext_lazy("Comparison"),
    "capacity_building": gettext_lazy("Capacity building"),
    "regional_offices": gettext_lazy("Regional offices"),
}
XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
PDF_MIME = "application/pdf"
# Fonts of the PDF per script, from Debian packages (fonts-dejavu-core, fonts-noto-cjk,
# fonts-hosny-amiri); the first font of the list that has a glyph draws it.
PDF_FONTS = {
    "zh-hans": '"Noto Sans CJK SC", "Noto Sans CJK", "DejaVu Sans", sans-serif',
    "ar": '"Amiri", "Noto Naskh Arabic", "DejaVu Sans", sans-serif',
}
PDF_DEFAULT_FONTS = '"DejaVu Sans", "Liberation Sans", "Noto Sans CJK SC", "Amiri", sans-serif'


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


def report_filename(report, extension: str, language: str = "") -> str:
    suffix = f"_{language}" if language and language != "en" else ""
    name = f"{report.kind}_{report.biennium.code}_{report.scope or 'all'}_v{report.version}{suffix}"
    return re.sub(r"[^A-Za-z0-9_.-]", "_", name) + f".{extension}"


def shown_tables(rendered: dict) -> list[dict]:
    """Every table the report page shows, in number order: the compiled tables and table 10
    (the regional offices, kept in the sections)."""
    tables = list(rendered["tables"])
    offices = (rendered["sections"].get("regional_offices") or {}).get("table")
    if offices and offices.get("number") not in {table["number"] for table in tables}:
        tables.append(offices)
    return sorted(tables, key=lambda table: table["number"])


def report_title(report) -> str:
    """The version's heading in the active language."""
    title = f"{report.get_kind_display()} {report.biennium.code}"
    if report.office_id:
        title += f": {report.office.name}"
    if report.committee_id:
        title += f": {report.committee.name} {report.year}"
    return title


def report_subtitle(report) -> str:
    return _("Data as at %(date)s · version %(version)s") % {
        "date": formats.date_format(report.cutoff_date, "DATE_FORMAT"),
        "version": report.version,
    }


# --- XLSX -----------------------------------------------------------------------------------


def _sheet_title(table: dict) -> str:
    title = f"{_('Table')} {table['number']}"
    return re.sub(r"[\[\]:*?/\\]", "", title)[:31]


def _xlsx_table(workbook, table: dict, rtl: bool) -> None:
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    sheet = workbook.create_sheet(title=_sheet_title(table))
    sheet.sheet_view.rightToLeft = rtl
    sheet.append([_safe(f"{_('Table')} {table['number']}")])
    sheet.append([_safe(table["title"])])
    sheet["A1"].font = sheet["A2"].font = Font(bold=True)
    if table.get("unit"):
        sheet.append([f"({table['unit_label']})"])
    if table.get("no_data"):  # no rows: the note says which data is missing
        for note in table.get("notes", []):
            sheet.append([_safe(note)])
        return
    kinds = [column["kind"] for column in table["columns"]]
    header = ["", *[column["label"] for column in table["columns"]]]
    sheet.append([_safe(value) for value in header])
    header_row = sheet.max_row
    for cell in sheet[header_row]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="bottom", horizontal="center")
    for line in table["rows"]:
        values = [rounded_cell(value, kind) for value, kind in zip(line["cells"], kinds, strict=False)]
        sheet.append([_safe(line["label"]), *[_safe(value) for value in values]])
        current = sheet[sheet.max_row]
        for cell, kind in zip(current[1:], kinds, strict=False):
            if kind in XLSX_FORMATS and isinstance(cell.value, int | float):
                cell.number_format = XLSX_FORMATS[kind]
        if line["style"] in ("subtotal", "total", "group"):
            for cell in current:
                cell.font = Font(bold=True)
    for note in table.get("footnotes", []):
        sheet.append([f"{note['mark']} {note['text']}"])
    for note in table.get("notes", []):
        sheet.append([_safe(note)])
    # Header rows stay in view; the row labels too.
    sheet.freeze_panes = sheet.cell(row=header_row + 1, column=2)
    labels = [len(str(line["label"])) for line in table["rows"]] or [10]
    sheet.column_dimensions["A"].width = min(max(max(labels) + 2, 16), 60)
    for index, column in enumerate(table["columns"], start=2):
        figures = [len(format_cell(line["cells"][index - 2], column["kind"])) for line in table["rows"]
                   if len(line["cells"]) > index - 2]  # fmt: skip
        widest = max([*figures, min(len(str(column["label"])), 24) // 2, 8])
        sheet.column_dimensions[get_column_letter(index)].width = min(widest + 4, 40)


def report_xlsx(report, rendered: dict) -> bytes:
    """One sheet per table the page shows: its number, title, unit, header (frozen), rows as numbers
    rounded as on the page with number formats, footnotes and notes."""
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.remove(workbook.active)
    rtl = translation.get_language_bidi()
    for table in shown_tables(rendered):
        _xlsx_table(workbook, table, rtl)
    if not workbook.sheetnames:
        workbook.create_sheet(title=_("Report")[:31])
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


# --- the document outline, shared by DOCX and PDF --------------------------------------------


def _results_blocks(results: dict, biennium: str) -> list[tuple]:
    blocks = []
    overview = results.get("overview")
    if overview:
        blocks.append(
            (
                "paragraph",
                # The same words as templates/includes/reporting_rate.html.
                _(
                    "Reporting rate %(biennium)s: %(rate)s %% (%(submitted)s of %(parties)s Parties "
                    "handed in a national report; %(validated)s validated)."
                )
                % {**overview, "biennium": biennium, "rate": format_cell(overview["rate"], "percent")},
            )
        )
    for objective in results.get("objectives", []):
        blocks.append(("heading", 3, f"{objective['code']}: {objective['title']}"))
        for outcome in objective["outcomes"]:
            blocks.append(("heading", 4, f"{_('Key outcome')} {outcome['code']}: {outcome['text']}"))
            for indicator in outcome["indicators"]:
                reporting = _("%(n)s of %(total)s Parties with a validated value (%(rate)s %%)") % {
                    "n": indicator["reporting_parties"],
                    "total": indicator["total_parties"],
                    "rate": format_cell(indicator["reporting_rate"], "percent"),
                }
                blocks.append(
                    (
                        "paragraph",
                        f"{_('Indicator')} {indicator['code']}: {indicator['text']}. "
                        f"{_('Achieved')}: {format_cell(indicator['value'], 'number')} "
                        f"{indicator.get('unit') or ''}; {_('target')}: "
                        f"{format_cell(indicator['target'], 'number')}; {reporting}.",
                    )
                )
                blocks += [("paragraph", narrative) for narrative in indicator.get("narratives", [])]
    return blocks


def document_blocks(report, rendered: dict) -> list[tuple]:
    """The report in the page's order: ("heading", level, text), ("paragraph", text),
    ("table", rendered table), ("check", passed, text)."""
    blocks = [("heading", 1, report_title(report)), ("paragraph", report_subtitle(report))]
    for table in shown_tables(rendered):
        if table["key"] in SECTION_HEADINGS:
            blocks.append(("heading", 2, str(SECTION_HEADINGS[table["key"]])))
        blocks.append(("table", table))
        if table["key"] == "results":
            blocks += _results_blocks(rendered["sections"].get("results", {}), report.biennium.code)
    sections = rendered["sections"]
    blocks += [("paragraph", note) for note in sections.get("notes", [])]
    if sections.get("narrative"):
        blocks += [("heading", 2, _("Report of the committee")), ("paragraph", sections["narrative"])]
    if rendered["checks"]:
        blocks.append(("heading", 2, _("Consistency checks")))
        for check in rendered["checks"]:
            where = f"{_('Table')} {check['table']}: " if check.get("table") else ""
            blocks.append(("check", check["passed"], where + str(check["message"])))
    return blocks


# --- DOCX -----------------------------------------------------------------------------------


def _right_to_left(element, tag: str = "w:bidi") -> None:
    """Mark a paragraph (w:bidi) or a table (w:bidiVisual) as right to left."""
    from docx.oxml import OxmlElement

    properties = element._p.get_or_add_pPr() if hasattr(element, "_p") else element._tbl.tblPr
    properties.append(OxmlElement(tag))


def _docx_table(document, table: dict, rtl: bool) -> None:
    columns = table["columns"]
    heading = document.add_heading(f"{_('Table')} {table['number']}. {table['title']}", level=2)
    if rtl:
        _right_to_left(heading)
    if table.get("unit"):
        document.add_paragraph(f"({table['unit_label']})")
    if table.get("no_data"):  # no rows: the note says which data is missing
        for note in table.get("notes", []):
            document.add_paragraph(note)
        return
    grid = document.add_table(rows=1, cols=len(columns) + 1)
    grid.style = "Table Grid"
    if rtl:
        _right_to_left(grid, "w:bidiVisual")
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


def report_docx(report, rendered: dict) -> bytes:
    """The report as a Word document, right to left in Arabic."""
    from docx import Document

    document = Document()
    rtl = translation.get_language_bidi()
    for block in document_blocks(report, rendered):
        if block[0] == "heading":
            paragraph = document.add_heading(block[2], level=block[1] - 1)
        elif block[0] == "paragraph":
            paragraph = document.add_paragraph(block[1])
        elif block[0] == "check":
            paragraph = document.add_paragraph(("✓ " if block[1] else "✗ ") + block[2], style="List Bullet")
        else:
            _docx_table(document, block[1], rtl)
            continue
        if rtl:
            _right_to_left(paragraph)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


# --- PDF ------------------------------------------------------------------------------------


def report_pdf(report, rendered: dict) -> bytes:
    """The report as a PDF (WeasyPrint), with CJK and Arabic fonts, right to left in Arabic."""
    from weasyprint import HTML

    language = translation.get_language()
    html = render_to_string(
        "reporting/report_document.html",
        {
            "report": report,
            "blocks": document_blocks(report, rendered),
            "language": language,
            "rtl": translation.get_language_bidi(),
            "fonts": PDF_FONTS.get(language, PDF_DEFAULT_FONTS),
        },
    )
    return HTML(string=html).write_pdf()


DOWNLOADS = {
    "xlsx": (report_xlsx, XLSX_MIME),
    "docx": (report_docx, DOCX_MIME),
    "pdf": (report_pdf, PDF_MIME),
}


def download_response(report, extension: str, language: str) -> HttpResponse:
    """The file of `report` in `language` as an attachment (the page and the API share it)."""
    build, mime = DOWNLOADS[extension]
    with translation.override(language):
        content = build(report, render_report(report))
    response = HttpResponse(content, content_type=mime)
    response["Content-Disposition"] = f'attachment; filename="{report_filename(report, extension, language)}"'
    response["Content-Language"] = language
    return response
