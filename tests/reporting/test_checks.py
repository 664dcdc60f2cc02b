"""The consistency checks catch broken input: seed 002's own table 1 and tampered staffing tables."""

import copy

import pytest

from reporting.compiler.biennial import compile_biennial
from reporting.compiler.checks import run_checks
from reporting.compiler.tables import column, group_row, row, table
from reporting.rendering.labels import render

from .conftest import CUTOFF


def _amounts():
    return [column(key, key) for key in ("approved", "expenditure", "forecast", "projected", "balance")]


def published_table1() -> dict:
    """Table 1 exactly as ICCD/CRIC(18)/3 prints it: row D repeats row A's first three figures."""
    return table(
        1,
        "expenditure_by_programme",
        "Table 1 as published",
        _amounts(),
        [
            group_row("I. Secretariat"),
            row("A", [2050085, 1567543, 690741, 2258284, -208199]),
            row("B", [2172900, 1335181, 630108, 1965289, 207611]),
            row("C", [3953400, 2542362, 1269054, 3811416, 141984]),
            row("D", [2050085, 1567543, 690741, 2492215, 16836]),
            group_row("II. GM"),
            row("E", [3640300, 2494053, 1103726, 3597778, 42522]),
            row(
                "Total core budget (A-E)",
                [14325736, 9666259, 4458723, 14124982, 200754],
                "total",
                code="core_total",
            ),
        ],
    )


def _failed(checks) -> set[str]:
    return {c["code"] for c in checks if not c["passed"]}


def test_published_table1_fails_three_checks():
    failed = _failed(run_checks([published_table1()]))
    assert failed == {"table1_projection", "table1_totals", "table1_no_repeated_rows"}


def test_messages_name_the_broken_row():
    checks = {c["code"]: render(c) for c in run_checks([published_table1()])}
    assert "D: projected 2,492,215" in checks["table1_projection"]["message"]
    assert "D repeats the figures of A" in checks["table1_no_repeated_rows"]["message"]
    assert "rows add up to 13,866,770" in checks["table1_totals"]["message"]


def test_corrected_table1_passes():
    corrected = published_table1()
    corrected["rows"][4]["cells"] = [2509051, 1727120.4, 765094.4, 2492214.8, 16836.2]
    corrected["rows"][6]["cells"] = [3640300, 2494052.6, 1103725.6, 3597778.2, 42521.8]
    assert _failed(run_checks([corrected])) == set()


def test_table1_and_table2_totals_must_agree(small_finance, small_posts, biennium):
    tables = compile_biennial(biennium, CUTOFF)["tables"]
    broken = copy.deepcopy(tables)
    t2 = next(t for t in broken if t["number"] == 2)
    t2["rows"][0]["cells"][0] += 1
    t2["rows"][-1]["cells"][0] += 1
    assert _failed(run_checks(broken)) == {"table1_equals_table2", "table2_projection"}


@pytest.mark.parametrize(
    ("number", "code", "index", "expected"),
    [
        (7, "total", 5, {"table7_totals", "table7_equals_tables5_6"}),
        (8, "P-3", 0, {"table8_totals", "table8_rows"}),
        (8, "subtotal", 7, {"table8_totals", "table8_equals_tables5_7", "table8_rows"}),
        (5, "GS", 0, {"table5_totals"}),
    ],
)
def test_staffing_tables_must_agree(small_finance, small_posts, biennium, number, code, index, expected):
    tables = copy.deepcopy(compile_biennial(biennium, CUTOFF)["tables"])
    target = next(t for t in tables if t["number"] == number)
    next(r for r in target["rows"] if r.get("code") == code)["cells"][index] += 1
    assert _failed(run_checks(tables)) == expected


def test_percentages_not_summing_to_100_fail(small_finance, small_posts, biennium):
    tables = copy.deepcopy(compile_biennial(biennium, CUTOFF)["tables"])
    t8 = next(t for t in tables if t["number"] == 8)
    t8["rows"][-1]["cells"][5:7] = [62.0, 38.1]  # what plain rounding of other counts can give
    assert _failed(run_checks(tables)) == {"table8_rows"}


def test_missing_inputs_fail_the_input_checks(biennium):
    result = compile_biennial(biennium, CUTOFF)
    failed = _failed(result["checks"])
    assert {"finance_cutoff", "posts_cutoff"} <= failed
