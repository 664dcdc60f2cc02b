"""The submission workflow: start, save a draft, submit, return, resubmit, validate, evidence."""

from django.core.exceptions import ValidationError
from django.core.files import File
from django.db import transaction
from django.utils import timezone

from accounts.models import User
from core.errors import InvalidTransition, StaleVersion
from core.scoping import ensure_permitted
from core.uploads import DOCUMENT_KINDS, SPREADSHEET_KINDS, validate_upload
from regions.models import Country

from ..choices import ReportingCycleState, SubmissionState, ValueSource
from ..models import (
    Indicator,
    ReportingCycle,
    Submission,
    SubmissionEvidence,
    SubmissionTransition,
    SubmissionValue,
)
from ..values import parse_indicator_value
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
    SubmissionTransition.objects.create(
        submission=locked, from_state=locked.state, to_state=to_state, actor=actor, at=now, comment=comment
    )
    locked.state = to_state
    locked.version += 1
    if to_state in (SubmissionState.SUBMITTED, SubmissionState.RESUBMITTED):
        locked.submitted_at = now
    if to_state == SubmissionState.VALIDATED:
        locked.validated_at = now
    locked.save(update_fields=["state", "version", "submitted_at", "validated_at", "updated_at"])
    return locked


def _last_validated_values(country: Country, cycle: ReportingCycle) -> dict[int, SubmissionValue]:
    earlier = (
        SubmissionValue.objects.filter(
            submission__country=country,
            submission__state=SubmissionState.VALIDATED,
            indicator__cycle_links__cycle=cycle,
        )
        .exclude(submission__cycle=cycle)
        .order_by("indicator_id", "-submission__validated_at")
    )
    latest: dict[int, SubmissionValue] = {}
    for value in earlier:
        latest.setdefault(value.indicator_id, value)
    return latest


@transaction.atomic
def submission_start(*, user: User, cycle: ReportingCycle, country: Country) -> Submission:
    """Open the country's draft for the cycle, pre-filled with its last validated values."""
    # The permission is checked on the row as created (or on the one already there), so that a
    # refusal comes before anything about the cycle or the country's report; it rolls back.
    submission, created = Submission.objects.get_or_create(cycle=cycle, country=country)
    ensure_permitted(user, "change", submission, REFUSALS["change"])
    if cycle.state != ReportingCycleState.OPEN:
        raise InvalidTransition(f"The reporting cycle '{cycle}' is not open.")
    if not created:
        raise InvalidTransition(f"{country} already has a submission for '{cycle}'.")
    previous = _last_validated_values(country, cycle)
    rows = []
    for indicator in Indicator.objects.filter(cycle_links__cycle=cycle):
        earlier = previous.get(indicator.pk)
        parsed = parse_indicator_value(indicator, earlier.raw_value if earlier else "")
        rows.append(
            SubmissionValue(
                submission=submission,
                indicator=indicator,
                raw_value=parsed.raw,
                number_value=parsed.number,
                boolean_value=parsed.boolean,
                error=parsed.error,
                source=earlier.source if earlier else "",
                narrative=earlier.narrative if earlier else "",
                previous_value=earlier.raw_value if earlier else "",
            )
        )
    SubmissionValue.objects.bulk_create(rows)
    SubmissionTransition.objects.create(
        submission=submission,
        from_state=SubmissionState.DRAFT,
        to_state=SubmissionState.DRAFT,
        actor=user,
        at=timezone.now(),
        comment="Draft started" + (", pre-filled with the last validated values." if previous else "."),
    )
    return submission


def _check_editable_state(locked: Submission) -> None:
    if not locked.is_editable_state:
        raise InvalidTransition(
            f"This submission is {locked.get_state_display().lower()} and can no longer be edited."
        )


def _apply_entry(value: SubmissionValue, entry: dict) -> None:
    if "value" in entry:
        parsed = parse_indicator_value(value.indicator, entry["value"])
        value.raw_value, value.number_value = parsed.raw, parsed.number
        value.boolean_value, value.error = parsed.boolean, parsed.error
    if "source" in entry:
        source = entry["source"] or ""
        if source not in ("", *ValueSource.values):
            raise ValidationError(
                {
                    "source": f"Indicator {value.indicator.code}: unknown source '{source}'. "
                    f"Use one of: {', '.join(ValueSource.values)}."
                }
            )
        value.source = source
    if "narrative" in entry:
        value.narrative = str(entry["narrative"] or "")[:20000]


@transaction.atomic
def submission_save_draft(
    *, user: User, submission: Submission, expected_version: int, entries: dict[int, dict]
) -> list[str]:
    """Save what was typed (even invalid values, flagged); returns the problems still to fix.

    `entries` maps indicator ids to {"value", "source", "narrative"} (any subset).
    """
    locked = _lock(submission, user=user, action="edit", expected_version=expected_version)
    _check_editable_state(locked)
    values = {value.indicator_id: value for value in locked.values.select_related("indicator")}
    unknown = sorted(set(entries) - set(values))
    if unknown:
        raise ValidationError({"values": f"This cycle does not ask for the indicators {unknown}."})
    changed = []
    for indicator_id, entry in entries.items():
        _apply_entry(values[indicator_id], entry)
        changed.append(values[indicator_id])
    for value in changed:
        value.save()
    submission_bump_version(submission=locked, user=user)
    submission.version, submission.state = locked.version, locked.state
    return [f"{value.indicator.code}: {value.error}" for value in values.values() if value.error]


def submission_problems(*, submission: Submission) -> list[str]:
    """Everything that stops the submission from being handed in, all at once."""
    required = {link.indicator_id: link.is_required for link in submission.cycle.cycle_indicators.all()}
    problems = []
    for value in submission.values.select_related("indicator").order_by(
        "indicator__outcome__objective__order", "indicator__outcome__order", "indicator__order"
    ):
        code = value.indicator.code
        if value.error:
            problems.append(f"Indicator {code}: {value.error}")
        elif value.raw_value == "" and required.get(value.indicator_id, False):
            problems.append(f"Indicator {code}: a value is required.")
        if value.raw_value and not value.source:
            problems.append(
                f"Indicator {code}: say where the value comes from (national data, default data or estimate)."
            )
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
    if problems:
        raise ValidationError(problems)
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
    """A reviewer sends the submission back to the country with comments (overall and per indicator)."""
    locked = _lock(submission, user=user, action="review", expected_version=expected_version)
    _check_under_review(locked, "returned")
    indicator_comments = {key: text.strip() for key, text in (indicator_comments or {}).items() if text}
    if not comment.strip() and not indicator_comments:
        raise ValidationError({"comment": "Say what the country should correct."})
    values = {value.indicator_id: value for value in locked.values.all()}
    unknown = sorted(set(indicator_comments) - set(values))
    if unknown:
        raise ValidationError({"indicator_comments": f"This submission has no indicators {unknown}."})
    for indicator_id, value in values.items():
        value.reviewer_comment = indicator_comments.get(indicator_id, "")
        value.save(update_fields=["reviewer_comment"])
    return _move(locked, to_state=SubmissionState.RETURNED, actor=user, comment=comment.strip())


@transaction.atomic
def submission_validate(
    *, user: User, submission: Submission, comment: str = "", expected_version: int | None = None
) -> Submission:
    """A reviewer accepts the submission; its values are locked and enter the results table."""
    locked = _lock(submission, user=user, action="review", expected_version=expected_version)
    _check_under_review(locked, "validated")
    return _move(locked, to_state=SubmissionState.VALIDATED, actor=user, comment=comment.strip())


@transaction.atomic
def submission_add_evidence(
    *, user: User, submission: Submission, file: File, title: str, indicator: Indicator | None = None
) -> SubmissionEvidence:
    """Attach a checked document or spreadsheet to an editable submission."""
    locked = _lock(submission, user=user, action="edit", expected_version=None)
    _check_editable_state(locked)
    if indicator is not None and not locked.values.filter(indicator=indicator).exists():
        raise ValidationError({"indicator": "This submission does not report that indicator."})
    validate_upload(file, allowed=EVIDENCE_KINDS)
    title = title.strip() or "Evidence"
    evidence = SubmissionEvidence.objects.create(
        submission=locked, indicator=indicator, file=file, title=title[:200], uploaded_by=user
    )
    submission_bump_version(submission=locked, user=user)
    return evidence
