"""Dispatch a report version to the compiler of its kind."""

import time

from ..choices import ReportKind
from .biennial import compile_biennial
from .mechanism import compile_committee_annual, compile_regional_office


def compile_report_content(report, progress=lambda percent: None) -> dict:
    """The tables, sections, checks, inputs and timings of `report` (nothing is written here)."""
    started = time.perf_counter()
    if report.kind == ReportKind.BIENNIAL_PERFORMANCE:
        result = compile_biennial(report.biennium, report.cutoff_date, progress)
    elif report.kind == ReportKind.REGIONAL_OFFICE:
        result = compile_regional_office(report.office, report.biennium)
    else:
        result = compile_committee_annual(report.committee, report.year)
    result.setdefault("checks", [])
    result.setdefault("inputs", {})
    timings = result.setdefault("timings", {})
    timings["total_seconds"] = round(time.perf_counter() - started, 3)
    if "database_seconds" in timings:
        timings["rendering_seconds"] = round(timings["total_seconds"] - timings["database_seconds"], 3)
    progress(95)
    return result
