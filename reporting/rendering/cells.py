"""Formatting of table cells as in UN tables, in the active language's number format: thousands
grouped (14,325,736 in English, 14 325 736 in French), negatives in parentheses, percentages with
one decimal. The page, the DOCX and the PDF all show cells through `format_cell`; the XLSX keeps
numbers as numbers with the number formats of `XLSX_FORMATS`."""

from decimal import ROUND_HALF_UP, Decimal

from django.utils.formats import number_format

# Excel number formats per column kind: the spreadsheet shows the figures rounded as on the page,
# with the reader's separators.
XLSX_FORMATS = {
    "amount": "#,##0;(#,##0)",
    "count": "#,##0",
    "percent": "0.0",
    "number": "#,##0.##;(#,##0.##)",
}


def _rounded(value, decimals: int) -> Decimal:
    return Decimal(str(value)).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)


def cell_decimals(value, kind: str) -> int:
    """How many decimals the page shows for a cell: one for percentages, two for fractional numbers."""
    if kind == "percent":
        return 1
    if kind == "number" and Decimal(str(value)) != Decimal(str(value)).to_integral_value():
        return 2
    return 0


def rounded_cell(value, kind: str):
    """The cell's number rounded as the page shows it (an int when whole); text and blanks unchanged."""
    if value is None or value == "" or kind == "text" or isinstance(value, str | bool):
        return value
    number = _rounded(value, cell_decimals(value, kind))
    return int(number) if number == number.to_integral_value() and kind != "percent" else float(number)


def format_cell(value, kind: str) -> str:
    """A cell as text in the active language."""
    if value is None or value == "":
        return "–"
    if kind == "text" or isinstance(value, str):
        return str(value)
    decimals = cell_decimals(value, kind)
    number = _rounded(value, decimals)
    if kind == "percent":
        return number_format(number, decimal_pos=1, use_l10n=True)
    text = number_format(abs(number), decimal_pos=decimals, use_l10n=True, force_grouping=True)
    return f"({text})" if number < 0 else text


def table_matrix(table: dict) -> list[list]:
    """Header row then one list per row: the row label and its raw cells (for CSV and XLSX).

    `table` is a rendered table (its labels already text in the reader's language)."""
    header = [""] + [col["label"] for col in table["columns"]]
    rows = [[row["label"], *row["cells"]] for row in table["rows"]]
    return [header, *rows]
