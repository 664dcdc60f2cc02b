"""Consistency checks run on every compiled report (and usable on imported published tables).

Each check returns `{"code", "table", "passed", "message"}` (the message a label with the check's
parameters, rendered in the reader's language; see `compiler/tables.py`); a failure is shown on the report,
never silently passed. The checks read the tables' JSON only, so the same checks catch a broken
published table (e.g. seed 002's table 1, whose row D repeats row A).
"""

from decimal import Decimal

from .tables import figure, joined, number, text

FILLED_TABLES = ("filled_by_unit", "filled_by_geography")
TOLERANCE = Decimal("0.5")  # published tables round to whole euros


def _d(value) -> Decimal:
    return Decimal(str(value or 0))


def _amount(value) -> dict:
    """A figure quoted in a check's message."""
    value = number(value)
    return figure(value, 0 if isinstance(value, int) else 2)


def _result(code: str, table: int | None, failures: list[dict], ok_message: dict) -> dict:
    return {
        "code": code,
        "table": table,
        "passed": not failures,
        "message": joined(failures) if failures else ok_message,
    }


def _by_key(tables: list[dict]) -> dict:
    return {t["key"]: t for t in tables}


def _index(table: dict, key: str) -> int:
    return [c["key"] for c in table["columns"]].index(key)


def _figure_rows(table: dict, styles=("line",)) -> list[dict]:
    return [r for r in table["rows"] if r["style"] in styles]


def check_projection_arithmetic(table: dict) -> dict:
    """projected = expenditure + forecast and balance = budget - projected, row by row."""
    failures = []
    for r in _figure_rows(table, ("line", "subtotal", "total", "supplementary")):
        approved, spent, forecast, projected, balance = (_d(v) for v in r["cells"][:5])
        if abs(spent + forecast - projected) > TOLERANCE:
            failures.append(text("check.projected_mismatch", row=r["label"], p=_amount(projected)))
        if abs(approved - projected - balance) > TOLERANCE:
            failures.append(text("check.balance_mismatch", row=r["label"], b=_amount(balance)))
    return _result(
        f"table{table['number']}_projection",
        table["number"],
        failures,
        text("check.projection_ok"),
    )


def check_rows_add_up(table: dict) -> dict:
    """Line rows add up to their subtotals, subtotals (or lines) to the total."""
    failures, block, subtotals = [], [], []
    for r in table["rows"]:
        if r["style"] == "line":
            block.append(r)
        elif r["style"] == "subtotal":
            failures += _compare(r, block, table)
            subtotals.append(r)
            block = []
        elif r["style"] == "total":
            failures += _compare(r, subtotals + block if subtotals else block, table)
            block, subtotals = [], []
    return _result(
        f"table{table['number']}_totals",
        table["number"],
        failures,
        text("check.totals_ok"),
    )


def _compare(total_row: dict, parts: list[dict], table: dict) -> list[str]:
    """Amounts may differ by rounding (half a euro per part); counts must match exactly."""
    if total_row.get("code") == "percent":
        return []
    failures = []
    kinds = [c["kind"] for c in table["columns"]]
    for i, value in enumerate(total_row["cells"]):
        if value is None or kinds[i] == "percent":
            continue
        expected = sum((_d(p["cells"][i]) for p in parts), Decimal(0))
        tolerance = TOLERANCE * max(1, len(parts)) if kinds[i] == "amount" else Decimal(0)
        if abs(expected - _d(value)) > tolerance:
            failures.append(
                text(
                    "check.sum_mismatch",
                    row=total_row["label"],
                    col=table["columns"][i]["label"],
                    value=_amount(value),
                    sum=_amount(expected),
                )
            )
    return failures


def check_core_total_matches_objects(t1: dict, t2: dict) -> dict:
    """The core total of table 1 equals the total of table 2, column by column."""
    core = next((r for r in t1["rows"] if r.get("code") == "core_total"), None)
    total = next((r for r in t2["rows"] if r.get("code") == "total"), None)
    failures = []
    if core and total:
        for i, (a, b) in enumerate(zip(core["cells"], total["cells"], strict=False)):
            if abs(_d(a) - _d(b)) > TOLERANCE:
                failures.append(text("check.table1_table2_mismatch", col=i + 1, a=_amount(a), b=_amount(b)))
    return _result("table1_equals_table2", 1, failures, text("check.table1_table2_ok"))


def check_duplicate_rows(table: dict) -> dict:
    """Two programmes with identical figures are almost certainly a copy-paste error."""
    seen, failures = {}, []
    for r in _figure_rows(table):
        key = tuple(r["cells"][:3])  # budget, expenditure, forecast: the data, not what derives from it
        if any(r["cells"]) and key in seen:
            failures.append(text("check.repeated_row", row=r["label"], other=seen[key]))
        seen.setdefault(key, r["label"])
    return _result(
        f"table{table['number']}_no_repeated_rows",
        table["number"],
        failures,
        text("check.repeated_ok"),
    )


def _row(table: dict, code: str) -> dict | None:
    return next((r for r in table["rows"] if r.get("code") == code), None)


def check_staff_tables_agree(t5: dict, t6: dict, t7: dict, t8: dict) -> list[dict]:
    """Filled posts agree across tables 5-8: P+ and totals."""

    def filled(table, code):
        r = _row(table, code)
        return _d(r["cells"][-1]) if r else Decimal(0)

    p_filled = filled(t5, "subtotal") + filled(t6, "subtotal")
    all_filled = filled(t5, "total") + filled(t6, "total")
    t7_p, t7_all, t8_p = (
        _d(_row(t7, "subtotal")["cells"][-1]),
        _d(_row(t7, "total")["cells"][-1]),
        filled(t8, "subtotal"),
    )
    results = [
        _result(
            "table7_equals_tables5_6",
            7,
            []
            if (t7_p, t7_all) == (p_filled, all_filled)
            else [
                text(
                    "check.table7_mismatch",
                    a=_amount(t7_p),
                    b=_amount(t7_all),
                    c=_amount(p_filled),
                    d=_amount(all_filled),
                )
            ],
            text("check.table7_ok"),
        ),
        _result(
            "table8_equals_tables5_7",
            8,
            []
            if t8_p == p_filled == t7_p
            else [text("check.table8_mismatch", a=_amount(t8_p), b=_amount(p_filled), c=_amount(t7_p))],
            text("check.table8_ok"),
        ),
    ]
    results.append(_check_table8_rows(t8))
    return results


def _check_table8_rows(t8: dict) -> dict:
    groups = sum(1 for c in t8["columns"] if c["key"] in {"africa", "asia_pacific", "lac", "cee", "weog"})
    failures = []
    for r in t8["rows"]:
        cells = [_d(v) for v in r["cells"]]
        if r.get("code") == "percent":
            parts = (
                (text("check.regional_groups"), cells[:groups]),
                (text("check.genders"), cells[groups:-1]),
            )
            for label, part in parts:
                if cells[-1] and sum(part) != Decimal("100.0"):
                    failures.append(
                        text("check.percentages_mismatch", what=label, sum=figure(float(sum(part)), 1))
                    )
            continue
        if sum(cells[:groups]) != cells[-1] or sum(cells[groups:-1]) != cells[-1]:
            failures.append(text("check.table8_row_mismatch", row=r["label"]))
    return _result(
        "table8_rows",
        8,
        failures,
        text("check.table8_rows_ok"),
    )


def run_checks(tables: list[dict]) -> list[dict]:
    """All consistency checks on a biennial report's tables 1-8."""
    by_key = _by_key(tables)
    results = []
    t1, t2 = by_key.get("expenditure_by_programme"), by_key.get("expenditure_by_object")
    for t in (t1, t2):
        if t:
            results += [check_projection_arithmetic(t), check_rows_add_up(t)]
    if t1:
        results.append(check_duplicate_rows(t1))
    if t1 and t2:
        results.append(check_core_total_matches_objects(t1, t2))
    for t in tables:
        if t["key"].startswith(("subsidiary_body_", "posts_")) or t["key"] in FILLED_TABLES:
            results.append(check_rows_add_up(t))
    staff = [
        by_key.get(k) for k in ("posts_secretariat", "posts_gm", "filled_by_unit", "filled_by_geography")
    ]
    if all(staff) and not any(t.get("no_data") for t in staff):
        results += check_staff_tables_agree(*staff)
    return results
