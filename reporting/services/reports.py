"""Writes of compiled reports: request a version (its compile is enqueued on commit), publish it.

The compile itself (claim, compute, write once, fail) is the job in `reporting.compiler.run`,
which the task runs; imports go services -> tasks -> compiler and never back.
"""

import logging
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from accounts.models import User
from core.errors import InvalidTransition
from core.scoping import ensure_permitted
from regions.models import RegionalCommittee, RegionalOffice
from workprogramme.models import Biennium
from workprogramme.services.results import results_data_changed

from ..choices import ReportKind, ReportStatus
from ..compiler.run import NEW_ATTEMPT_FIELDS, new_attempt_token, report_new_attempt
from ..models import Report
from ..tasks import compile_report
from .snapshots import ensure_operator_or_may_change

logger = logging.getLogger(__name__)


def _scope(kind: str, office, committee, year) -> str:
    if kind == ReportKind.REGIONAL_OFFICE:
        if office is None:
            raise ValidationError({"office": _("A regional office report needs the office.")})
        return f"office-{office.pk}"
    if kind == ReportKind.COMMITTEE_ANNUAL:
        if committee is None or year is None:
            raise ValidationError({"committee": _("A committee report needs the committee and the year.")})
        return f"committee-{committee.pk}-{year}"
    return ""


@transaction.atomic
def report_request(
    *,
    user: User | None,
    kind: str,
    biennium: Biennium,
    cutoff_date: date,
    office: RegionalOffice | None = None,
    committee: RegionalCommittee | None = None,
    year: int | None = None,
    enqueue: bool = True,
) -> Report:
    """Create the next version of a report, queued; the compile task is sent once this commits.

    `user=None` is the operator of a management command; `enqueue=False` leaves the compile to
    the caller (the benchmark times it in-process).
    """
    ensure_operator_or_may_change(user, Report())
    if kind not in ReportKind.values:
        raise ValidationError({"kind": _("Unknown report kind '%(kind)s'.") % {"kind": kind}})
    if not biennium.start_date <= cutoff_date <= biennium.end_date:
        raise ValidationError(
            {
                "cutoff_date": _("The cut-off date must fall within the biennium %(biennium)s.")
                % {"biennium": biennium.code}
            }
        )
    if year is not None and not biennium.start_date.year <= year <= biennium.end_date.year:
        raise ValidationError(
            {"year": _("The year must fall within the biennium %(biennium)s.") % {"biennium": biennium.code}}
        )
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
        attempt_token=new_attempt_token(),
        heartbeat_at=timezone.now(),
    )
    report.full_clean()
    report._history_user = user
    report.save()
    if enqueue:
        transaction.on_commit(lambda: compile_report.delay(report.pk, report.attempt_token))
    return report


@transaction.atomic
def report_retry(*, user: User, report: Report) -> Report:
    """Queue a failed compile again, the same version (nothing of it was written), with a new token and
    the watchdog's full count of attempts again (the history keeps the earlier ones)."""
    ensure_permitted(user, "retry", report)
    report = Report.objects.select_for_update().get(pk=report.pk)
    if report.status != ReportStatus.FAILED:
        raise InvalidTransition("Only a failed compile can be retried.")
    report.attempt = 0
    report_new_attempt(report, now=timezone.now())
    report._history_user = user
    report.save(update_fields=NEW_ATTEMPT_FIELDS)
    token = report.attempt_token
    transaction.on_commit(lambda: compile_report.delay(report.pk, token))
    logger.info("Report %s compile retried by %s (attempt %s)", report.pk, user, report.attempt)
    return report


@transaction.atomic
def report_publish(*, user: User, report: Report, override_reason: str | None = None) -> Report:
    """Make this version the public one of its report (the previous published one is withdrawn).

    A version whose consistency checks failed is published only with an override: `override_reason`
    says why, and stays on the version and in its history. Without one the step is refused
    (InvalidTransition, 409); an empty one is a form error (ValidationError, 400).
    """
    ensure_permitted(user, "publish", report)
    report = Report.objects.select_for_update().get(pk=report.pk)
    if report.status != ReportStatus.COMPLETE:
        raise InvalidTransition(_("Only a complete report can be published."))
    if report.published:
        raise InvalidTransition(_("This version is already published."))
    failed = len(report.failed_checks)
    reason = ""
    if failed:
        if override_reason is None:
            raise InvalidTransition(
                ngettext(
                    "%(n)s consistency check failed: publish this version only with an override reason.",
                    "%(n)s consistency checks failed: publish this version only with an override reason.",
                    failed,
                )
                % {"n": failed}
            )
        reason = override_reason.strip()
        if not reason:
            raise ValidationError(
                {"override_reason": _("Say why this version is published although its checks failed.")}
            )
    # Withdraw the published version row by row, so that its history says who withdrew it, and when.
    for previous in Report.objects.select_for_update().filter(
        kind=report.kind, biennium=report.biennium, scope=report.scope, published=True
    ):
        previous.published, previous.published_at = False, None
        previous._history_user = user
        previous.save(update_fields=["published", "published_at"])
    report.published, report.published_at = True, timezone.now()
    report.publish_override_reason = reason
    report._history_user = user
    report.save(update_fields=["published", "published_at", "publish_override_reason"])
    results_data_changed()  # the public dashboard shows the published report's figures
    if reason:
        logger.warning("Report %s published by %s over %s failed checks: %s", report.pk, user, failed, reason)
    else:
        logger.info("Report %s published by %s", report.pk, user)
    return report


@transaction.atomic
def report_unpublish(*, user: User, report: Report) -> Report:
    """Withdraw a published version from the public."""
    ensure_permitted(user, "publish", report)
    report = Report.objects.select_for_update().get(pk=report.pk)
    if not report.published:
        raise InvalidTransition(_("This version is not published."))
    report.published, report.published_at = False, None
    report._history_user = user
    report.save(update_fields=["published", "published_at"])
    results_data_changed()
    return report
