"""Writes of compiled reports: request a version, compile it (once), fail it, publish it."""

import logging
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from regions.models import RegionalCommittee, RegionalOffice
from workprogramme.models import Biennium

from ..choices import ReportKind, ReportStatus
from ..models import Report

logger = logging.getLogger(__name__)


class InvalidTransition(Exception):
    """A report cannot go from its current state to the one asked for (HTTP 409)."""


def _scope(kind: str, office, committee, year) -> str:
    if kind == ReportKind.REGIONAL_OFFICE:
        if office is None:
            raise ValidationError({"office": "A regional office report needs the office."})
        return f"office-{office.pk}"
    if kind == ReportKind.COMMITTEE_ANNUAL:
        if committee is None or year is None:
            raise ValidationError({"committee": "A committee report needs the committee and the year."})
        return f"committee-{committee.pk}-{year}"
    return ""


@transaction.atomic
def report_request(
    *,
    kind: str,
    biennium: Biennium,
    cutoff_date: date,
    user,
    office: RegionalOffice | None = None,
    committee: RegionalCommittee | None = None,
    year: int | None = None,
    enqueue: bool = True,
) -> Report:
    """Create the next version of a report, queued; the compile task is sent once this commits.

    `enqueue=False` leaves the compile to the caller (the benchmark times it in-process).
    """
    if kind not in ReportKind.values:
        raise ValidationError({"kind": f"Unknown report kind '{kind}'."})
    if not biennium.start_date <= cutoff_date <= biennium.end_date:
        raise ValidationError(
            {"cutoff_date": f"The cut-off date must fall within the biennium {biennium.code}."}
        )
    if year is not None and not biennium.start_date.year <= year <= biennium.end_date.year:
        raise ValidationError({"year": f"The year must fall within the biennium {biennium.code}."})
    scope = _scope(kind, office, committee, year)
    # Lock the biennium row so that two requests cannot take the same version number.
    Biennium.objects.select_for_update().filter(pk=biennium.pk).first()
    latest = Report.objects.filter(
        kind=kind, biennium=biennium, cutoff_date=cutoff_date, scope=scope
    ).aggregate(latest=Max("version"))["latest"]
    report = Report(
        kind=kind,
        biennium=biennium,
        cutoff_date=cutoff_date,
        office=office if kind == ReportKind.REGIONAL_OFFICE else None,
        committee=committee if kind == ReportKind.COMMITTEE_ANNUAL else None,
        year=year if kind == ReportKind.COMMITTEE_ANNUAL else None,
        scope=scope,
        version=(latest or 0) + 1,
        compiled_by=user,
    )
    report.full_clean()
    report.save()
    if enqueue:
        from ..tasks import compile_report

        transaction.on_commit(lambda: compile_report.delay(report.pk))
    return report


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
    from ..compiler.run import compile_report_content

    report = report_claim(report_id=report_id)
    if report is None:
        return None
    result = compile_report_content(
        report, progress=lambda percent: report_set_progress(report_id=report_id, progress=percent)
    )
    report_complete(report_id=report_id, result=result)
    return Report.objects.get(pk=report_id)


@transaction.atomic
def report_publish(*, report: Report, user) -> Report:
    """Make this version the public one of its report (the previous published one is withdrawn)."""
    report = Report.objects.select_for_update().get(pk=report.pk)
    if report.status != ReportStatus.COMPLETE:
        raise InvalidTransition("Only a complete report can be published.")
    if report.published:
        raise InvalidTransition("This version is already published.")
    Report.objects.filter(
        kind=report.kind, biennium=report.biennium, scope=report.scope, published=True
    ).update(published=False, published_at=None)
    report.published, report.published_at = True, timezone.now()
    report.save(update_fields=["published", "published_at"])
    logger.info("Report %s published by %s", report.pk, user)
    return report


@transaction.atomic
def report_unpublish(*, report: Report, user) -> Report:
    """Withdraw a published version from the public."""
    report = Report.objects.select_for_update().get(pk=report.pk)
    if not report.published:
        raise InvalidTransition("This version is not published.")
    report.published, report.published_at = False, None
    report.save(update_fields=["published", "published_at"])
    return report
