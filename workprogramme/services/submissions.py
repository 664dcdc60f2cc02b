"""The submission workflow: start, save a draft, submit, return, resubmit, validate, evidence."""

from functools import partial

from django.core.exceptions import ValidationError
from django.core.files import File
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from core.errors import InvalidTransition, StaleVersion
from core.scoping import ensure_permitted
from core.uploads import DOCUMENT_KINDS, SPREADSHEET_KINDS, validate_upload
from regions.models import Country

from ..choices import ReportingCycleState, SubmissionState
from ..models import (
    Indicator,
    ReportingCycle,
    Submission,
    SubmissionEvidence,
    SubmissionIndicator,
    SubmissionTransition,
)
from ..selectors import last_validated_narratives, rule_context_for, submission_tables, table_specs
from ..tables import Problems, check_table
from .notifications import submission_notify_step
from .observations import prefill_cells, write_values
from .results import results_data_changed, results_refresh_for_submission
from .versions import submission_bump_version

EVIDENCE_KINDS = DOCUMENT_KINDS + SPREADSHEET_KINDS

# What each workflow step (a policy action of workprogramme.permissions) tells a user refused it.
REFUSALS = {
    "change": "Only the country's focal points or the secretariat can start its report.",
    "edit": "Only the national focal point or STC of the country can edit its report.",
    "hand_in": "Only the national focal point of the country can hand in its report.",
    "review": "Only secretariat or GM staff review submissions.",
}


def _lock(submission: Submission, *, user: User, action: str, expected_version: int | None) -> Submission:
    """The submission's fresh row, locked, once `user` may do `action` to it (core.scoping);
    refused if someone saved it since `expected_version`."""
    locked = Submission.objects.select_for_update().select_related("cycle", "country").get(pk=submission.pk)
    ensure_permitted(user, action, locked, REFUSALS[action])
    if expected_version is not None and int(expected_version) != locked.version:
        raise StaleVersion(
            "Someone else saved this submission after you opened it (version "
            f"{locked.version}, yours {expected_version}). Nothing was saved: reload the page to see "
            "their changes, then enter yours again."
        )
    return locked


def _move(locked: Submission, *, to_state: str, actor: User, comment: str = "") -> Submission:
    now = timezone.now()
    if to_state in (SubmissionState.SUBMITTED, SubmissionState.RESUBMITTED):
        locked.submitted_at = now
        locked.review_round += 1  # each hand-in opens a review round
    SubmissionTransition.objects.create(
        submission=locked,
        from_state=locked.state,
        to_state=to_state,
        actor=actor,
        at=now,
        comment=comment,
        review_round=locked.review_round,
    )
    locked.state = to_state
    locked.version += 1
    if to_state == SubmissionState.VALIDATED:
        locked.validated_at = now
    locked.save(
        update_fields=["state", "version", "submitted_at", "validated_at", "review_round", "updated_at"]
    )
    submission_notify_step(submission=locked, to_state=to_state, actor=actor, comment=comment)
    results_data_changed()  # the reporting rate and the validated results may have changed
    return locked


def _close_review_comments(locked: Submission, *, user: User) -> None:
    """The country answered the round's comments by resubmitting: they leave the report (each stays in
    the history of its indicator with its round, see `selectors.review_rounds`)."""
    for entry in locked.reported_indicators.exclude(reviewer_comment=""):
        entry.reviewer_comment = ""
        entry._history_user = user
        entry.save(update_fields=["reviewer_comment"])


@transaction.atomic
def submission_start(*, user: User, cycle: ReportingCycle, country: Country) -> Submission:
    """Open the country's draft for the cycle with every cell of every table pre-filled: the country's
    last validated value of the cell (with its source, justification and data source), else the
    default value of the latest default dataset that has the cell (source "default"). Every cell
    with default data keeps that default, so that the review can compare."""
    # The permission is checked on the row as created (or on the one already there), so that a
    # refusal comes before anything about the cycle or the country's report; it rolls back.
    submission, created = Submission.objects.get_or_create(cycle=cycle, country=country)
    ensure_permitted(user, "change", submission, REFUSALS["change"])
    if cycle.state != ReportingCycleState.OPEN:
        raise InvalidTransition(f"The reporting cycle '{cycle}' is not open.")
    if not created:
        raise InvalidTransition(f"{country} already has a submission for '{cycle}'.")
    indicators = list(Indicator.objects.filter(cycle_links__cycle=cycle))
    narratives = last_validated_narratives(country, indicators, exclude_cycle=cycle)
    SubmissionIndicator.objects.bulk_create(
        SubmissionIndicator(
            submission=submission, indicator=indicator, narrative=narratives.get(indicator.pk, "")
        )
        for indicator in indicators
    )
    filled = prefill_cells(submission, table_specs(indicators, cycle=cycle))
    SubmissionTransition.objects.create(
        submission=submission,
        from_state=SubmissionState.DRAFT,
        to_state=SubmissionState.DRAFT,
        actor=user,
        at=timezone.now(),
        comment="Draft started" + (f", pre-filled with {' and '.join(filled)}." if filled else "."),
    )
    return submission


def cycle_values_refusal(cycle: ReportingCycle) -> str | None:
    """Why the values of the cycle's reports can no longer change (it is closed); None while they can."""
    if cycle.state == ReportingCycleState.CLOSED:
        return _("The reporting cycle '%(cycle)s' is closed: its reports can no longer be changed.") % {
            "cycle": cycle
        }
    return None


def submission_values_refusal(submission: Submission) -> str | None:
    """Why the submission's values can no longer change (`Submission.accepts_values`: its cycle is
    closed, or the report was handed in or validated); None while they can."""
    if submission.accepts_values:
        return None
    return cycle_values_refusal(submission.cycle) or _(
        "The report of %(country)s is %(state)s and can no longer be edited."
    ) % {"country": submission.country, "state": submission.get_state_display().lower()}


def cycle_ensure_accepts_values(cycle: ReportingCycle) -> None:
    """Refuse (InvalidTransition, API 409) any change to the values of a closed cycle's reports."""
    refusal = cycle_values_refusal(cycle)
    if refusal:
        raise InvalidTransition(refusal)


def submission_ensure_accepts_values(submission: Submission) -> None:
    """The one rule of every path that writes a submission's values or evidence (the form, the values
    API, the XLSX template, the bulk import): refused (InvalidTransition, API 409) when its cycle is
    closed or the report was handed in or validated."""
    refusal = submission_values_refusal(submission)
    if refusal:
        raise InvalidTransition(refusal)


def submission_lock_for_values(
    *, user: User, submission: Submission, expected_version: int | None
) -> Submission:
    """The submission's fresh row, locked, once `user` may edit it (403), `expected_version` is
    current and its values may still change (409): how every country's write path starts."""
    locked = _lock(submission, user=user, action="edit", expected_version=expected_version)
    submission_ensure_accepts_values(locked)
    return locked


@transaction.atomic
def submission_save_draft(
    *,
    user: User,
    submission: Submission,
    expected_version: int,
    entries: dict[int, dict] | None = None,
    cells: list[dict] | None = None,
) -> Problems:
    """Save what was typed (even invalid values, flagged); returns every problem still to fix.

    `entries` maps indicator ids to {"value", "source", "narrative"} (any subset; a value and a
    source only for scalar indicators); `cells` are table cells (see `write_values`).
    """
    locked = submission_lock_for_values(user=user, submission=submission, expected_version=expected_version)
    write_values(locked, user=user, entries=entries or {}, cells=cells or [])
    submission_bump_version(submission=locked, user=user)
    submission.version, submission.state = locked.version, locked.state
    return submission_problems(submission=locked)


def submission_problems(*, submission: Submission, tables: list | None = None) -> Problems:
    """Everything to fix before the submission can be handed in (errors) and what to look at
    (warnings), all at once, each named by its coordinates. `tables`: the submission's tables when
    the caller has just read them (`selectors.submission_tables`)."""
    if tables is None:
        tables = submission_tables(submission, with_data_sources=False)
    context = rule_context_for(submission.country, tables)
    problems = Problems()
    for table in tables:
        problems.extend(check_table(table, context))
    return problems


def _hand_in(
    *,
    user: User,
    submission: Submission,
    expected_version: int | None,
    comment: str,
    from_state: str,
    to_state: str,
) -> Submission:
    locked = _lock(submission, user=user, action="hand_in", expected_version=expected_version)
    if locked.state != from_state:
        raise InvalidTransition(
            f"A {locked.get_state_display().lower()} submission cannot be "
            f"{SubmissionState(to_state).label.lower()}."
        )
    problems = submission_problems(submission=locked)
    if problems.errors:
        raise ValidationError(problems.error_texts)
    if from_state == SubmissionState.RETURNED:
        _close_review_comments(locked, user=user)
    return _move(locked, to_state=to_state, actor=user, comment=comment)


@transaction.atomic
def submission_submit(
    *, user: User, submission: Submission, expected_version: int | None = None, comment: str = ""
) -> Submission:
    """The NFP hands in a complete draft for review."""
    return _hand_in(
        submission=submission,
        user=user,
        expected_version=expected_version,
        comment=comment,
        from_state=SubmissionState.DRAFT,
        to_state=SubmissionState.SUBMITTED,
    )


@transaction.atomic
def submission_resubmit(
    *, user: User, submission: Submission, expected_version: int | None = None, comment: str = ""
) -> Submission:
    """The NFP hands in a returned submission again after fixing it."""
    return _hand_in(
        submission=submission,
        user=user,
        expected_version=expected_version,
        comment=comment,
        from_state=SubmissionState.RETURNED,
        to_state=SubmissionState.RESUBMITTED,
    )


def _check_under_review(locked: Submission, outcome: str) -> None:
    if locked.state not in (SubmissionState.SUBMITTED, SubmissionState.RESUBMITTED):
        raise InvalidTransition(f"A {locked.get_state_display().lower()} submission cannot be {outcome}.")


@transaction.atomic
def submission_return_for_correction(
    *,
    user: User,
    submission: Submission,
    comment: str,
    indicator_comments: dict[int, str] | None = None,
    expected_version: int | None = None,
) -> Submission:
    """A reviewer sends the submission back to the country with an overall reason or a comment on at least
    one indicator (required: a return without a word tells the country nothing). The comments are the
    round's open ones, each kept with its round number in its indicator's history."""
    locked = _lock(submission, user=user, action="review", expected_version=expected_version)
    _check_under_review(locked, "returned")
    comment = (comment or "").strip()
    indicator_comments = {
        key: text.strip() for key, text in (indicator_comments or {}).items() if text and text.strip()
    }
    if not comment and not indicator_comments:
        raise ValidationError(
            {
                "comment": _(
                    "Give an overall reason or a comment on at least one indicator to return the report."
                )
            }
        )
    reported = {entry.indicator_id: entry for entry in locked.reported_indicators.all()}
    unknown = sorted(set(indicator_comments) - set(reported))
    if unknown:
        raise ValidationError({"indicator_comments": f"This submission has no indicators {unknown}."})
    for indicator_id, entry in reported.items():
        text = indicator_comments.get(indicator_id, "")
        if (entry.reviewer_comment, entry.review_round) == (text, locked.review_round) or not (
            text or entry.reviewer_comment
        ):
            continue  # unchanged: no history row
        entry.reviewer_comment, entry.review_round = text, locked.review_round
        entry._history_user = user
        entry.save(update_fields=["reviewer_comment", "review_round"])
    return _move(locked, to_state=SubmissionState.RETURNED, actor=user, comment=comment)


@transaction.atomic
def submission_validate(
    *, user: User, submission: Submission, comment: str = "", expected_version: int | None = None
) -> Submission:
    """A reviewer accepts the submission; its values are locked and enter the results table."""
    locked = _lock(submission, user=user, action="review", expected_version=expected_version)
    _check_under_review(locked, "validated")
    validated = _move(locked, to_state=SubmissionState.VALIDATED, actor=user, comment=comment.strip())
    transaction.on_commit(partial(results_refresh_for_submission, submission_id=validated.pk))
    return validated


@transaction.atomic
def submission_add_evidence(
    *,
    user: User,
    submission: Submission,
    file: File,
    title: str,
    indicator: Indicator | None = None,
    time_period: str = "",
    dimensions: dict[str, str] | None = None,
) -> SubmissionEvidence:
    """Attach a checked document or spreadsheet to an editable submission: to the whole report, to
    one of its indicators, or to one cell of a table indicator (`time_period` and `dimensions`, the
    member code per dimension, as the values API names cells)."""
    locked = submission_lock_for_values(user=user, submission=submission, expected_version=None)
    key, members = "", {}
    if indicator is None:
        if time_period or dimensions:
            raise ValidationError({"indicator": _("Name the indicator of the cell.")})
    else:
        if not locked.reported_indicators.filter(indicator=indicator).exists():
            raise ValidationError({"indicator": _("This submission does not report that indicator.")})
        if time_period or dimensions:
            spec = table_specs([indicator], cycle=locked.cycle)[indicator.pk]
            try:
                row, time_period = spec.locate(time_period, dimensions or {})
            except ValueError as error:
                raise ValidationError({"cell": str(error)}) from error
            key, members = row.key, row.members
    validate_upload(file, allowed=EVIDENCE_KINDS)
    title = title.strip() or _("Evidence")
    evidence = SubmissionEvidence(
        submission=locked,
        indicator=indicator,
        time_period=time_period,
        key=key,
        members=members,
        file=file,
        title=title[:200],
        uploaded_by=user,
    )
    evidence._history_user = user
    evidence.full_clean()
    evidence.save()
    submission_bump_version(submission=locked, user=user)
    return evidence
