"""Compile the biennial performance report: tables 1-9, 11-12, sections, checks and timings."""

import datetime
import time

from django.db import connection

from .capacity import capacity_building_section, capacity_building_table, check_capacity_arithmetic
from .checks import run_checks
from .comparison import comparison_table
from .finance import finance_data, finance_snapshot_for, finance_tables
from .mechanism import regional_offices_section
from .results import results_sections, results_table
from .staffing import staffing_tables
from .tables import date, text


class QueryCounter:
    """Counts the SQL queries run inside it (works without DEBUG)."""

    def __init__(self):
        self.count = 0

    def __call__(self, execute, sql, params, many, context):
        self.count += 1
        return execute(sql, params, many, context)


def compile_biennial(biennium, cutoff, progress=lambda percent: None) -> dict:
    """Everything a biennial report version stores, computed by database aggregation."""
    started, counter = time.perf_counter(), QueryCounter()
    with connection.execute_wrapper(counter):
        finance_sums = finance_data(finance_snapshot_for(biennium, cutoff))  # the one pass over the lines
        finance, finance_inputs = finance_tables(biennium, cutoff, finance_sums)
        progress(30)
        staffing, staffing_inputs = staffing_tables(biennium, cutoff)
        progress(55)
        results = results_sections(biennium)
        progress(75)
        offices = regional_offices_section(biennium)
        comparison = comparison_table(biennium, cutoff, finance_sums)
        capacity = capacity_building_section(biennium)
        progress(85)
    database = time.perf_counter() - started
    tables = [*finance, *staffing, results_table(results["objectives"])]
    if comparison:
        tables.append(comparison)
    if capacity["totals"]["activities"]:
        tables.append(capacity_building_table(capacity, biennium))
    checks = run_checks(tables)
    checks += [check_capacity_arithmetic(t) for t in tables if t["key"] == "capacity_building"]
    checks += _input_checks(cutoff, finance_inputs | staffing_inputs)
    return {
        "tables": tables,
        "sections": {"results": results, "regional_offices": offices, "capacity_building": capacity},
        "checks": checks,
        "inputs": finance_inputs | staffing_inputs,
        "timings": {"database_seconds": round(database, 3), "queries": counter.count},
    }


def _input_checks(cutoff, inputs: dict) -> list[dict]:
    """The inputs exist and are as at the report's cut-off."""
    results = []
    for key, label in (
        ("finance_cutoff", text("check.finance_data")),
        ("posts_cutoff", text("check.staffing_data")),
    ):
        value = inputs.get(key)
        passed = value == f"{cutoff:%Y-%m-%d}"
        if value is None:
            message = text("check.input_none", what=label)
        elif passed:
            message = text("check.input_ok", what=label)
        else:
            message = text("check.input_older", what=label, date=date(datetime.date.fromisoformat(value)))
        results.append({"code": key, "table": None, "passed": passed, "message": message})
    return results
