"""The JSON shape of a compiled table, and number helpers shared by the table builders.

A table is `{"number", "key", "title", "unit", "columns": [{"key", "label", "kind"}], "rows":
[{"label", "style", "cells": [...], "marks": {column_index: footnote letter}}], "footnotes",
"notes", "summary"}`; `kind` is amount (EUR), count, percent or text; `style` is group (a heading
row without figures), line, subtotal or total.
"""

from decimal import ROUND_HALF_UP, Decimal

HUNDRED = Decimal(100)


def number(value) -> int | float | None:
    """A Decimal as a JSON number: an int when whole, else rounded to cents."""
    if value is None:
        return None
    value = Decimal(value).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    return int(value) if value == value.to_integral_value() else float(value)


def percent(part, whole) -> float | None:
    """part / whole as a percentage with one decimal; None when there is no whole."""
    if not whole:
        return None
    value = (Decimal(part) * HUNDRED / Decimal(whole)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    return float(value)


def largest_remainder_percentages(counts: list[int], decimals: int = 1) -> list[float]:
    """Percentages of the counts' total that sum exactly to 100 (Hamilton's method)."""
    total = sum(counts)
    if not total:
        return [0.0 for _ in counts]
    scale = 10**decimals
    exact = [Decimal(count) * 100 * scale / total for count in counts]
    floors = [int(value) for value in exact]
    missing = 100 * scale - sum(floors)
    order = sorted(range(len(counts)), key=lambda i: (exact[i] - floors[i], counts[i]), reverse=True)
    for index in order[:missing]:
        floors[index] += 1
    return [floor / scale for floor in floors]


def column(key: str, label: str, kind: str = "amount") -> dict:
    return {"key": key, "label": label, "kind": kind}


def row(label: str, cells: list, style: str = "line", code: str = "", marks: dict | None = None) -> dict:
    result = {"label": label, "style": style, "cells": cells}
    if code:
        result["code"] = code
    if marks:
        result["marks"] = marks
    return result


def group_row(label: str) -> dict:
    return {"label": label, "style": "group", "cells": []}


def table(number_: int, key: str, title: str, columns: list[dict], rows: list[dict], **extra) -> dict:
    result = {"number": number_, "key": key, "title": title, "columns": columns, "rows": rows}
    result.setdefault("unit", "")
    result.update({"footnotes": [], "notes": [], "summary": {}} | extra)
    return result
