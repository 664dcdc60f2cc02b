"""Formatting of table cells as in UN tables: thousands separators, negatives in parentheses."""

from decimal import ROUND_HALF_UP, Decimal


def format_cell(value, kind: str) -> str:
    """A cell as text for documents (English number format)."""
    if value is None or value == "":
        return "–"
    if kind in ("text",):
        return str(value)
    if isinstance(value, str):
        return value
    number = Decimal(str(value))
    if kind == "percent":
        return f"{number.quantize(Decimal('0.1'), rounding=ROUND_HALF_UP):.1f}"
    if kind == "number" and number != number.to_integral_value():
        text = f"{abs(number):,.2f}"
    else:
        text = f"{abs(number.quantize(Decimal(1), rounding=ROUND_HALF_UP)):,.0f}"
    return f"({text})" if number < 0 else text


def table_matrix(table: dict) -> list[list]:
    """Header row then one list per row: the row label and its raw cells (for CSV and XLSX)."""
    header = [""] + [col["label"] for col in table["columns"]]
    rows = [[row["label"], *row["cells"]] for row in table["rows"]]
    return [header, *rows]
