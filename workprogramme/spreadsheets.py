"""The submission spreadsheet template (XLSX/CSV): writing it and reading tables back safely."""

import csv
import io
import zipfile

from django.core.exceptions import ValidationError
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Font, PatternFill
from openpyxl.worksheet.datavalidation import DataValidation

from core.uploads import CSV, SPREADSHEET_KINDS, validate_upload

from .choices import ValueSource

TEMPLATE_MARKER = "UNCCD progress submission"
TEMPLATE_HEADER = ["Indicator", "Indicator text", "Unit", "Value type", "Value", "Source", "Narrative"]
EXTRA_COLUMNS = ["Last validated value", "Reviewer comment"]
BULK_HEADER = ["Country", "Indicator", "Value", "Source", "Narrative"]
MAX_ROWS = 5000
MAX_COLUMNS = 30


def neutralise_formula(value):
    """Prefix text that a spreadsheet would run as a formula (= + - @ tab CR) with an apostrophe."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def submission_workbook(submission) -> bytes:
    """The country's submission as an XLSX template, pre-filled with its current values."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Submission"
    sheet.append([TEMPLATE_MARKER, submission.cycle.code, submission.country.iso3])
    sheet.append(TEMPLATE_HEADER + EXTRA_COLUMNS)
    for cell in sheet[2]:
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="DDEBF7")
    for value in submission.values.select_related("indicator").order_by(
        "indicator__outcome__objective__order", "indicator__outcome__order", "indicator__order"
    ):
        indicator = value.indicator
        row = [
            indicator.code,
            indicator.text,
            indicator.unit,
            indicator.get_value_type_display(),
            value.raw_value,
            value.source,
            value.narrative,
            value.previous_value,
            value.reviewer_comment,
        ]
        sheet.append([neutralise_formula(item) for item in row])
    sources = DataValidation(type="list", formula1='"' + ",".join(ValueSource.values) + '"', allow_blank=True)
    sheet.add_data_validation(sources)
    sources.add(f"F3:F{max(sheet.max_row, 3)}")
    for column, width in zip("ABCDEFGHI", (10, 60, 14, 14, 18, 12, 60, 18, 40), strict=True):
        sheet.column_dimensions[column].width = width
    sheet.freeze_panes = "A3"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _read_xlsx(uploaded) -> list[list[str]]:
    uploaded.seek(0)
    try:
        workbook = load_workbook(uploaded, read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise ValidationError("The file could not be read as an Excel workbook.", code="unreadable") from exc
    try:
        sheet = workbook.worksheets[0]
        rows = []
        for row in sheet.iter_rows(values_only=True, max_col=MAX_COLUMNS):
            if len(rows) >= MAX_ROWS:
                raise ValidationError(f"The sheet has more than {MAX_ROWS} rows.", code="too_many_rows")
            rows.append([_cell_text(cell) for cell in row])
        return rows
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


def read_table(uploaded) -> list[list[str]]:
    """Check the upload (type, size, zip bomb) and return its first sheet's rows as text, blank rows kept."""
    kind = validate_upload(uploaded, allowed=SPREADSHEET_KINDS)
    rows = _read_csv(uploaded) if kind == CSV else _read_xlsx(uploaded)
    return [row + [""] * (len(TEMPLATE_HEADER) - len(row)) for row in rows]


def source_code(text: str) -> str | None:
    """A source given as its code or its label; '' for none, None when unknown."""
    lowered = text.strip().lower()
    if lowered == "":
        return ""
    for value, label in ValueSource.choices:
        if lowered in (value, str(label).lower(), str(label).split(" (")[0].lower()):
            return value
    return None
