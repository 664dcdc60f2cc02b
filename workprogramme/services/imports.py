"""Bulk entry from spreadsheets: a country's own template, the secretariat's multi-country import.

Both check every row first and apply all of them or none: an upload with any bad row is
refused with the list of row errors and changes nothing.
"""

from django.core.exceptions import ValidationError
from django.core.files import File
from django.db import transaction

from accounts.models import User
from core.scoping import ensure_permitted
from regions.models import Country

from ..choices import SubmissionState, ValueSource
from ..models import Indicator, ReportingCycle, Submission
from ..spreadsheets import BULK_HEADER, TEMPLATE_HEADER, TEMPLATE_MARKER, read_table, source_code
from ..values import parse_indicator_value
from .submissions import _apply_entry, submission_save_draft, submission_start
from .versions import submission_bump_version

MAX_ROW_ERRORS = 200


def _row_entry(indicator: Indicator, value: str, source: str, narrative: str, errors: list, line: int):
    parsed = parse_indicator_value(indicator, value)
    if parsed.error:
        errors.append(f"Row {line}: indicator {indicator.code}: {parsed.error}")
    code = source_code(source)
    if code is None:
        errors.append(f"Row {line}: unknown source '{source}' (use {', '.join(ValueSource.values)}).")
    return {"value": value, "source": code or "", "narrative": narrative}


def _template_entries(submission: Submission, rows: list[list[str]]) -> dict[int, dict]:
    if (
        len(rows) < 2
        or rows[0][0] != TEMPLATE_MARKER
        or [c.lower() for c in rows[1][:7]] != [c.lower() for c in TEMPLATE_HEADER]
    ):
        raise ValidationError(
            "This is not the submission template: download the template from the submission page, "
            "fill it in and upload it unchanged in structure."
        )
    if rows[0][1:3] != [submission.cycle.code, submission.country.iso3]:
        raise ValidationError(
            f"This template is for {rows[0][2] or '?'} / cycle {rows[0][1] or '?'}, "
            f"not {submission.country.iso3} / {submission.cycle.code}."
        )
    indicators = {
        value.indicator.code: value.indicator for value in submission.values.select_related("indicator")
    }
    errors, entries, seen = [], {}, set()
    for line, row in enumerate(rows[2:], start=3):
        code, value, source, narrative = row[0], row[4], row[5], row[6]
        if not any(row):
            continue
        indicator = indicators.get(code)
        if indicator is None:
            errors.append(f"Row {line}: '{code}' is not an indicator of this submission.")
            continue
        if code in seen:
            errors.append(f"Row {line}: indicator {code} appears twice.")
            continue
        seen.add(code)
        entries[indicator.pk] = _row_entry(indicator, value, source, narrative, errors, line)
    if errors:
        raise ValidationError(errors[:MAX_ROW_ERRORS])
    return entries


@transaction.atomic
def submission_import_spreadsheet(
    *, user: User, submission: Submission, file: File, expected_version: int
) -> int:
    """Apply a filled-in template (XLSX or CSV) to the country's draft; returns the rows applied."""
    rows = read_table(file)
    entries = _template_entries(submission, rows)
    submission_save_draft(
        user=user, submission=submission, expected_version=expected_version, entries=entries
    )
    return len(entries)


def _bulk_rows(cycle: ReportingCycle, rows: list[list[str]]):
    if not rows or [c.lower() for c in rows[0][:5]] != [c.lower() for c in BULK_HEADER]:
        raise ValidationError(f"The first row must be the header: {', '.join(BULK_HEADER)}.")
    countries = {country.iso3: country for country in Country.objects.all()}
    indicators = {
        indicator.code: indicator for indicator in Indicator.objects.filter(cycle_links__cycle=cycle)
    }
    states = dict(Submission.objects.filter(cycle=cycle).values_list("country__iso3", "state"))
    errors, planned, seen = [], {}, set()
    for line, row in enumerate(rows[1:], start=2):
        if not any(row):
            continue
        iso3, code, value, source, narrative = (row + [""] * 5)[:5]
        country, indicator = countries.get(iso3.upper()), indicators.get(code)
        if country is None:
            errors.append(f"Row {line}: '{iso3}' is not the ISO3 code of a Party.")
        if indicator is None:
            errors.append(f"Row {line}: '{code}' is not an indicator of this cycle.")
        if country is None or indicator is None:
            continue
        if states.get(country.iso3, SubmissionState.DRAFT) not in (
            SubmissionState.DRAFT,
            SubmissionState.RETURNED,
        ):
            errors.append(
                f"Row {line}: the submission of {country.iso3} is {states[country.iso3]} and locked."
            )
            continue
        if (country.pk, indicator.pk) in seen:
            errors.append(f"Row {line}: {country.iso3} / {code} appears twice.")
            continue
        seen.add((country.pk, indicator.pk))
        entry = _row_entry(indicator, value, source or ValueSource.DEFAULT, narrative, errors, line)
        planned.setdefault(country, {})[indicator.pk] = entry
    if errors:
        raise ValidationError(errors[:MAX_ROW_ERRORS])
    return planned


@transaction.atomic
def cycle_import_values(*, user: User, cycle: ReportingCycle, file: File) -> dict:
    """The secretariat loads many countries' values (e.g. default data) into their open drafts."""
    ensure_permitted(
        user, "import_values", cycle, "Only secretariat or GM staff import values for many countries."
    )
    planned = _bulk_rows(cycle, read_table(file))
    existing = {s.country_id: s for s in Submission.objects.filter(cycle=cycle, country__in=list(planned))}
    for country, entries in planned.items():
        submission = existing.get(country.pk) or submission_start(user=user, cycle=cycle, country=country)
        values = {v.indicator_id: v for v in submission.values.select_related("indicator")}
        for indicator_id, entry in entries.items():
            _apply_entry(values[indicator_id], entry)
            values[indicator_id].save()
        # Saved through the one version helper, so that the bump leaves a history row naming the user.
        locked = Submission.objects.select_for_update().get(pk=submission.pk)
        submission_bump_version(submission=locked, user=user)
    return {"countries": len(planned), "values": sum(len(entries) for entries in planned.values())}
