"""The compile job of a report version: claim it, compute its content by kind, write it once.

The Celery task `reporting.compile_report` calls `report_compile`; the request service enqueues that
task. Imports run one way (services -> tasks -> compiler), so this module imports neither.
"""

import time

from django.db import transaction
from django.utils import timezone

from ..choices import ReportKind, ReportStatus
from ..models import Report
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


def report_claim(*, report_id: int) -> Report | None:
    """Mark the report running, unless it is already complete (a rerun is then a no-op)."""
    with transaction.atomic():
        report = Report.objects.select_for_update().filter(pk=report_id).first()
        if report is None or report.status == ReportStatus.COMPLETE:
            return None
        # A report left running by a worker that died is taken over: nothing of it was written.
        report.status, report.progress, report.error = ReportStatus.RUNNING, 1, ""
        report.started_at, report.finished_at = timezone.now(), None
        report.save(update_fields=["status", "progress", "error", "started_at", "finished_at"])
        return report


def report_set_progress(*, report_id: int, progress: int) -> None:
    """Record progress (its own short transaction, so the API and the web page see it at once)."""
    Report.objects.filter(pk=report_id, status=ReportStatus.RUNNING).update(
        progress=max(0, min(progress, 99))
    )


@transaction.atomic
def report_complete(*, report_id: int, result: dict) -> bool:
    """Write the compiled tables in one step; False if another run completed it first."""
    report = Report.objects.select_for_update().get(pk=report_id)
    if report.status == ReportStatus.COMPLETE:
        return False
    report.tables, report.checks = result["tables"], result["checks"]
    report.sections, report.inputs = result.get("sections", {}), result.get("inputs", {})
    report.timings = result.get("timings", {})
    report.status, report.progress, report.error = ReportStatus.COMPLETE, 100, ""
    report.finished_at = timezone.now()
    report.save()
    return True


@transaction.atomic
def report_fail(*, report_id: int, error: str) -> None:
    """Record why a compile failed (a complete report is never turned into a failed one)."""
    report = Report.objects.select_for_update().filter(pk=report_id).first()
    if report is None or report.status == ReportStatus.COMPLETE:
        return
    report.status, report.error, report.finished_at = ReportStatus.FAILED, error[:2000], timezone.now()
    report.save(update_fields=["status", "error", "finished_at"])


def report_compile(*, report_id: int) -> Report | None:
    """Compile a report version from the data (idempotent: a complete report is left alone)."""
    report = report_claim(report_id=report_id)
    if report is None:
        return None
    result = compile_report_content(
        report, progress=lambda percent: report_set_progress(report_id=report_id, progress=percent)
    )
    report_complete(report_id=report_id, result=result)
    return Report.objects.get(pk=report_id)
