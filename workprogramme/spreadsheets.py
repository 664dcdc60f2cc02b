"""The submission spreadsheet template (XLSX/CSV): writing it and reading its sheets back safely.

Reading the values back is the imports' job (`services/imports.py`), under the rules of
`workprogramme.tables`."""

import csv
import io
import zipfile
from decimal import Decimal

from django.core.exceptions import ValidationError
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Font, PatternFill
from openpyxl.worksheet.datavalidation import DataValidation

from core.numbers import Numeral
from core.uploads import CSV, SPREADSHEET_KINDS, validate_upload

from .choices import ValueSource
from .selectors import submission_tables

TEMPLATE_MARKER = "UNCCD progress submission"
TABLE_MARKER = "UNCCD national table"
CHANGES_MARKER = "UNCCD changes from default data"
TEMPLATE_HEADER = ["Indicator", "Indicator text", "Unit", "Value type", "Value", "Source", "Narrative"]
EXTRA_COLUMNS = ["Last validated value", "Reviewer comment"]
CHANGES_HEADER = [
    "Indicator",
    "Time period",
    "Dimensions",
    "Row",
    "Default value",
    "Value",
    "Source",
    "Justification",
    "Data source title",
    "Data source link",
    "Data source publisher",
]
CHANGES_SHEET = "Changes from defaults"
# Rows of a table sheet: marker, title, narrative, reviewer comment, header, then one row per member.
TABLE_HEADER_ROW = 5
TABLE_CODE_COLUMN = "Code"
DEFAULTS_TITLE = "Default data (for reference: not read back)"
SCALAR_BULK_HEADER = ["Country", "Indicator", "Value", "Source", "Narrative"]
BULK_HEADER = [
    "Country",
    "Indicator",
    "TimePeriod",
    "Dimensions",
    "Value",
    "Source",
    "Justification",
    "DataSourceTitle",
    "DataSourceLink",
    "DataSourcePublisher",
    "Narrative",
]
MAX_ROWS = 5000
MAX_COLUMNS = 30
MAX_SHEETS = 60
HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
DEFAULT_FILL = PatternFill("solid", fgColor="F2F2F2")


def neutralise_formula(value):
    """Prefix text that a spreadsheet would run as a formula (= + - @ tab CR) with an apostrophe."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def _cell_value(cell):
    """What a template cell shows: a valid number as a number, anything else as (neutralised) text."""
    if cell is None:
        return None
    if cell.number_value is not None and not cell.error:
        return spreadsheet_number(cell.number_value)
    return neutralise_formula(cell.raw_value) or None


def spreadsheet_number(value):
    """A Decimal as a spreadsheet number: an int when whole, else a float (at most 4 decimals)."""
    return int(value) if value == value.to_integral_value() else float(value)


def _bold_row(sheet, row: int, fill=HEADER_FILL) -> None:
    for cell in sheet[row]:
        cell.font = Font(bold=True)
        cell.fill = fill


def sheet_title(code: str, taken: set[str]) -> str:
    """A valid, unique sheet title for an indicator code (Excel: 31 characters, no []:*?/\\)."""
    title = "".join("-" if char in "[]:*?/\\" else char for char in code)[:28] or "Table"
    candidate, number = title, 2
    while candidate.lower() in taken:
        candidate, number = f"{title}~{number}", number + 1
    taken.add(candidate.lower())
    return candidate


def _scalar_sheet(sheet, submission, tables) -> None:
    sheet.title = "Submission"
    sheet.append([TEMPLATE_MARKER, submission.cycle.code, submission.country.iso3])
    sheet.append(TEMPLATE_HEADER + EXTRA_COLUMNS)
    _bold_row(sheet, 2)
    for table in tables:
        indicator, cell = table.indicator, table.scalar_cell
        row = [
            indicator.code,
            indicator.text,
            indicator.unit,
            indicator.get_value_type_display(),
            cell.raw_value if cell else "",
            cell.source if cell else "",
            table.entry.narrative,
            cell.previous_value if cell else "",
            table.entry.reviewer_comment,
        ]
        sheet.append([neutralise_formula(item) for item in row])
    sources = DataValidation(type="list", formula1='"' + ",".join(ValueSource.values) + '"', allow_blank=True)
    sheet.add_data_validation(sources)
    sources.add(f"F3:F{max(sheet.max_row, 3)}")
    for column, width in zip("ABCDEFGHI", (10, 60, 14, 14, 18, 12, 60, 18, 40), strict=True):
        sheet.column_dimensions[column].width = width
    sheet.freeze_panes = "A3"


def _table_sheet(sheet, submission, table) -> None:
    spec, indicator = table.spec, table.indicator
    sheet.append([TABLE_MARKER, submission.cycle.code, submission.country.iso3, indicator.code])
    sheet.append([spec.code, indicator.text, indicator.unit])
    sheet.append(["Narrative", neutralise_formula(table.entry.narrative)])
    sheet.append(["Reviewer comment", neutralise_formula(table.entry.reviewer_comment)])
    header = [spec.row_heading or "Row", TABLE_CODE_COLUMN, *spec.periods]
    sheet.append(header)
    _bold_row(sheet, TABLE_HEADER_ROW)
    for row, cells in table.grid():
        sheet.append([row.label, row.key, *(_cell_value(cell) for cell in cells)])
    if any(cell is not None and cell.default_value is not None for cell in table.cells.values()):
        sheet.append([])
        sheet.append([DEFAULTS_TITLE])
        sheet.append(header)
        _bold_row(sheet, sheet.max_row, DEFAULT_FILL)
        for row, cells in table.grid():
            defaults = [
                spreadsheet_number(cell.default_value) if cell and cell.default_value is not None else None
                for cell in cells
            ]
            sheet.append([row.label, row.key, *defaults])
    sheet.column_dimensions["A"].width = 34
    sheet.column_dimensions["B"].width = 30
    sheet.freeze_panes = sheet.cell(row=TABLE_HEADER_ROW + 1, column=3)


def _changes_sheet(sheet, submission, tables) -> None:
    sheet.append([CHANGES_MARKER, submission.cycle.code, submission.country.iso3])
    sheet.append(CHANGES_HEADER)
    _bold_row(sheet, 2)
    for table in tables:
        for row, period, cell in table.changed_cells():
            source = cell.data_source
            line = [
                table.indicator.code,
                period,
                row.key,
                row.label,
                spreadsheet_number(cell.default_value),
                _cell_value(cell),
                cell.source,
                cell.justification,
                source.title if source else "",
                source.link if source else "",
                source.publisher if source else "",
            ]
            sheet.append([neutralise_formula(item) for item in line])
    sources = DataValidation(
        type="list", formula1=f'"{ValueSource.NATIONAL},{ValueSource.ESTIMATE}"', allow_blank=True
    )
    sheet.add_data_validation(sources)
    sources.add("G3:G1000")
    for column, width in zip("ABCDEFGHIJK", (10, 12, 30, 30, 14, 14, 12, 60, 40, 40, 30), strict=True):
        sheet.column_dimensions[column].width = width
    sheet.freeze_panes = "A3"


def submission_workbook(submission) -> bytes:
    """The country's submission as an XLSX template, pre-filled with its current values: a sheet of
    the scalar indicators, one sheet per table (rows: members, columns: time periods, the default
    data below), and a sheet of the cells changed from their default data with their justification
    and data source."""
    tables = submission_tables(submission)
    workbook = Workbook()
    _scalar_sheet(workbook.active, submission, [table for table in tables if table.spec.is_scalar])
    taken = {"submission", CHANGES_SHEET.lower()}
    for table in tables:
        if not table.spec.is_scalar:
            _table_sheet(workbook.create_sheet(sheet_title(table.indicator.code, taken)), submission, table)
    _changes_sheet(workbook.create_sheet(CHANGES_SHEET), submission, tables)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _cell_text(value) -> str:
    """A cell as text; a numeric cell as a `Numeral`, read the same whatever the user's language."""
    if value is None:
        return ""
    if isinstance(value, int | float | Decimal) and not isinstance(value, bool):
        return Numeral.of(value)
    return str(value).strip()


def _read_xlsx(uploaded, *, all_sheets: bool) -> list[tuple[str, list[list[str]]]]:
    uploaded.seek(0)
    try:
        workbook = load_workbook(uploaded, read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise ValidationError("The file could not be read as an Excel workbook.", code="unreadable") from exc
    try:
        sheets = workbook.worksheets if all_sheets else workbook.worksheets[:1]
        if len(sheets) > MAX_SHEETS:
            raise ValidationError(f"The workbook has more than {MAX_SHEETS} sheets.", code="too_many_sheets")
        read, count = [], 0
        for sheet in sheets:
            rows = []
            for row in sheet.iter_rows(values_only=True, max_col=MAX_COLUMNS):
                count += 1
                if count > MAX_ROWS:
                    raise ValidationError(
                        f"The workbook has more than {MAX_ROWS} rows.", code="too_many_rows"
                    )
                rows.append([_cell_text(cell) for cell in row])
            read.append((sheet.title, rows))
        return read
    finally:
        workbook.close()


def _read_csv(uploaded) -> list[list[str]]:
    uploaded.seek(0)
    data = uploaded.read()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ValidationError(
            "The CSV file is not UTF-8 encoded. Save it again as 'CSV UTF-8' and upload it again.",
            code="encoding",
        ) from exc
    try:
        rows = []
        for row in csv.reader(io.StringIO(text)):
            if len(rows) >= MAX_ROWS:
                raise ValidationError(f"The file has more than {MAX_ROWS} rows.", code="too_many_rows")
            rows.append([cell.strip() for cell in row[:MAX_COLUMNS]])
        return rows
    except csv.Error as exc:
        raise ValidationError(f"The CSV file is malformed: {exc}.", code="malformed") from exc


def _padded(rows: list[list[str]], width: int) -> list[list[str]]:
    return [row + [""] * (width - len(row)) for row in rows]


def read_table(uploaded, *, width: int = len(TEMPLATE_HEADER)) -> list[list[str]]:
    """Check the upload (type, size, zip bomb) and return its first sheet's rows as text, blank rows
    kept, each at least `width` cells long."""
    return read_sheets(uploaded, width=width, all_sheets=False)[0][1]


def read_sheets(
    uploaded, *, width: int = len(CHANGES_HEADER), all_sheets: bool = True
) -> list[tuple[str, list[list[str]]]]:
    """Check the upload and return every sheet as (title, rows as text); a CSV file is one sheet."""
    kind = validate_upload(uploaded, allowed=SPREADSHEET_KINDS)
    if kind == CSV:
        return [("CSV", _padded(_read_csv(uploaded), width))]
    return [(title, _padded(rows, width)) for title, rows in _read_xlsx(uploaded, all_sheets=all_sheets)]


def source_code(text: str) -> str | None:
    """A source given as its code or its label; '' for none, None when unknown."""
    lowered = text.strip().lower()
    if lowered == "":
        return ""
    for value, label in ValueSource.choices:
        if lowered in (value, str(label).lower(), str(label).split(" (")[0].lower()):
            return value
    return None
