"""The JSON shape of a compiled table, and number helpers shared by the table builders.

A compiled table keeps figures and codes, never prose in one language:
`{"number", "key", "title", "unit", "columns": [{"key", "label", "kind"}], "rows": [{"label", "code",
"style", "cells": [...], "marks": {column_index: footnote letter}}], "footnotes", "notes", "summary"}`.
Every `title`, column and row `label` and `note` is a *label*: a message code with its parameters
(`text()`), a reference-data code (`ref()`), a date or a number (`date()`, `figure()`), or a list
of labels (`joined()`); `reporting.rendering.labels` turns labels into text in the reader's
language, so one compiled version reads in every language with the same figures. A plain string
is data quoted as entered (a meeting's title, a footnote, a narrative) and is shown as it is.
`kind` is amount (EUR), count, percent, number or text; `style` is group (a heading row without
figures), line, subtotal, total or supplementary.
"""

import datetime
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


# --- labels: what the renderer turns into text in the reader's language ----------------------


def text(code: str, /, **args) -> dict:
    """A fixed text of the report (a code of `reporting.rendering.labels.MESSAGES`) and its parameters."""
    return {"msg": code, "args": args} if args else {"msg": code}


def ref(kind: str, code) -> dict:
    """The name of a reference row (a budget holder, an object of expenditure, a grade…) by its code."""
    return {"ref": kind, "code": str(code)}


def date(value: datetime.date, style: str = "date") -> dict:
    """A date, written in the reader's date format ("date": 31 May 2019, "month": May 2019)."""
    return {"date": value.isoformat(), "style": style}


def figure(value, decimals: int = 0) -> dict:
    """A number inside a text, written with the reader's separators."""
    return {"number": value, "decimals": decimals}


def joined(parts: list, separator: str = "; ") -> dict:
    """Several labels shown one after the other."""
    return {"join": parts, "sep": separator}


# --- tables ---------------------------------------------------------------------------------


def column(key: str, label, kind: str = "amount") -> dict:
    return {"key": key, "label": label, "kind": kind}


def row(label, cells: list, style: str = "line", code: str = "", marks: dict | None = None) -> dict:
    result = {"label": label, "style": style, "cells": cells}
    if code:
        result["code"] = code
    if marks:
        result["marks"] = marks
    return result


def group_row(label, code: str = "") -> dict:
    result = {"label": label, "style": "group", "cells": []}
    if code:
        result["code"] = code
    return result


def table(number_: int, key: str, title, columns: list[dict], rows: list[dict], **extra) -> dict:
    result = {"number": number_, "key": key, "title": title, "columns": columns, "rows": rows}
    result.setdefault("unit", "")
    result.update({"footnotes": [], "notes": [], "summary": {}} | extra)
    return result


def without_data(compiled: dict, message_code: str, **args) -> dict:
    """The table of a biennium without its input data: no rows (zeros would read as figures), its
    summary's figures unknown, and one note that says what is missing (e.g. "finance.no_data")."""
    return compiled | {
        "rows": [],
        "footnotes": [],
        "notes": [text(message_code, **args)],
        "summary": dict.fromkeys(compiled.get("summary", {})),
        "no_data": True,
    }
