"""Bulk entry from spreadsheets: a country's own template, the secretariat's multi-country import.

Both read the file into the same cell inputs as the form and the API (`services/observations.py`),
check every row and every cell first under the rules of `workprogramme.tables`, and apply all of
them or none: an upload with any bad row or cell is refused with the list of problems, each named
by its row (or spreadsheet cell) and the table coordinates, and changes nothing.
"""

from django.core.exceptions import ValidationError
from django.core.files import File
from django.db import transaction
from django.utils.translation import gettext, gettext_lazy
from openpyxl.utils import get_column_letter

from accounts.models import User
from core.scoping import ensure_permitted
from regions.models import Country

from ..choices import ValueSource
from ..models import Indicator, ReportingCycle, Submission
from ..selectors import submission_tables, table_specs
from ..spreadsheets import (
    BULK_HEADER,
    CHANGES_HEADER,
    CHANGES_MARKER,
    SCALAR_BULK_HEADER,
    TABLE_HEADER_ROW,
    TABLE_MARKER,
    TEMPLATE_HEADER,
    TEMPLATE_MARKER,
    read_sheets,
    read_table,
    source_code,
)
from ..tables import TableSpec, parse_cell
from .observations import CellLocator, DataSources, write_values
from .submissions import (
    cycle_ensure_accepts_values,
    submission_ensure_accepts_values,
    submission_lock_for_values,
    submission_save_draft,
    submission_start,
)
from .versions import submission_bump_version

MAX_ROW_ERRORS = 200
NOT_THE_TEMPLATE = gettext_lazy(
    "This is not the submission template: download the template from the submission page, "
    "fill it in and upload it unchanged in structure."
)


def _checked_source(text: str, where: str, errors: list[str]) -> str | None:
    """A source code from its code or label ("" for none); None, with the error noted, when unknown."""
    code = source_code(text)
    if code is None:
        errors.append(
            gettext("%(where)s: unknown source '%(source)s' (use %(sources)s).")
            % {"where": where, "source": text, "sources": ", ".join(ValueSource.values)}
        )
    return code


def _row(line: int) -> str:
    """How a problem names the row of an upload ("Row 7")."""
    return gettext("Row %(line)s") % {"line": line}


def _same_header(row: list[str], header: list[str]) -> bool:
    return [cell.strip().lower() for cell in row[: len(header)]] == [name.lower() for name in header]


class _Reading:
    """Cell inputs and narratives read from an upload, and every problem found on the way."""

    def __init__(self, locator: CellLocator):
        self.locator = locator
        self.entries: dict[int, dict] = {}
        self.cells: dict[tuple[int, str, str], dict] = {}
        self.errors: list[str] = []
        self.rows = 0

    def cell(self, spec: TableSpec, row, period: str) -> dict:
        return self.cells.setdefault(
            (spec.indicator.pk, row.key, period),
            {"indicator": spec.indicator.pk, "time_period": period, "dimensions": dict(row.members)},
        )

    def check_value(self, spec: TableSpec, row, period: str, value: str, where: str) -> None:
        """Refuse the whole upload when a value is not valid (a draft saved by hand keeps it, flagged)."""
        parsed = parse_cell(spec, value)
        if parsed.error:
            self.errors.append(f"{where}: {spec.where(row, period)}: {parsed.error}")

    def value(self, spec: TableSpec, row, period: str, value: str, where: str) -> None:
        self.check_value(spec, row, period, value, where)
        self.cell(spec, row, period)["value"] = value

    def narrative(self, spec: TableSpec, text: str) -> None:
        self.entries.setdefault(spec.indicator.pk, {})["narrative"] = text

    def raise_errors(self) -> None:
        if self.errors:
            raise ValidationError(self.errors[:MAX_ROW_ERRORS])


# --- a country's template ------------------------------------------------------------------------


def _check_owner(submission: Submission, marker_row: list[str]) -> None:
    if marker_row[1:3] != [submission.cycle.code, submission.country.iso3]:
        raise ValidationError(
            gettext(
                "This template is for %(country)s / cycle %(cycle)s, not %(own_country)s / %(own_cycle)s."
            )
            % {
                "country": marker_row[2] or "?",
                "cycle": marker_row[1] or "?",
                "own_country": submission.country.iso3,
                "own_cycle": submission.cycle.code,
            }
        )


def _scalar_sheet(reading: _Reading, rows: list[list[str]]) -> None:
    if len(rows) < 2 or not _same_header(rows[1], TEMPLATE_HEADER):
        raise ValidationError(NOT_THE_TEMPLATE)
    seen = set()
    for line, row in enumerate(rows[2:], start=3):
        code, value, source, narrative = row[0], row[4], row[5], row[6]
        if not any(row):
            continue
        reading.rows += 1
        try:
            spec = reading.locator.spec_for(code)
        except ValueError:
            reading.errors.append(
                gettext("Row %(line)s: '%(code)s' is not an indicator of this submission.")
                % {"line": line, "code": code}
            )
            continue
        if not spec.is_scalar:
            reading.errors.append(
                gettext("Row %(line)s: %(code)s is a table (%(table)s): fill it in on its own sheet.")
                % {"line": line, "code": code, "table": spec.code}
            )
            continue
        if code in seen:
            reading.errors.append(
                gettext("Row %(line)s: indicator %(code)s appears twice.") % {"line": line, "code": code}
            )
            continue
        seen.add(code)
        where = _row(line)
        source_value = _checked_source(source, where, reading.errors)
        reading.check_value(spec, spec.rows[0], "", value, where)
        # A scalar row is an entry as the form sends it: an empty source clears the indicator's.
        reading.entries[spec.indicator.pk] = {
            "value": value,
            "source": source_value or "",
            "narrative": narrative,
        }


def _table_sheet(reading: _Reading, title: str, rows: list[list[str]]) -> None:
    where = gettext("Sheet '%(title)s'") % {"title": title}
    try:
        spec = reading.locator.spec_for(rows[0][3])
    except ValueError as error:
        reading.errors.append(f"{where}: {error}")
        return
    if spec.is_scalar or len(rows) < TABLE_HEADER_ROW:
        reading.errors.append(
            gettext("%(where)s: not the table of %(table)s: download the template again.")
            % {"where": where, "table": spec.code}
        )
        return
    if rows[2][0] == "Narrative":
        reading.narrative(spec, rows[2][1])
    header = rows[TABLE_HEADER_ROW - 1]
    columns = []
    for index, period in enumerate(header[2:], start=3):
        if not period:
            continue
        if period not in spec.periods:
            letter = get_column_letter(index)
            reading.errors.append(
                gettext("%(where)s, cell %(cell)s: '%(period)s' is not a time period of %(table)s.")
                % {
                    "where": where,
                    "cell": f"{letter}{TABLE_HEADER_ROW}",
                    "period": period,
                    "table": spec.code,
                }
            )
        else:
            columns.append((index, period))
    seen = set()
    for line, row in enumerate(rows[TABLE_HEADER_ROW:], start=TABLE_HEADER_ROW + 1):
        if not any(row):
            break  # the table ends at the first blank row; the default data below are not read
        reading.rows += 1
        try:
            _spec, table_row, _period = reading.locator.locate(spec.indicator.pk, spec.periods[0], row[1])
        except ValueError as error:
            reading.errors.append(
                gettext("%(where)s, cell %(cell)s: %(error)s")
                % {"where": where, "cell": f"B{line}", "error": error}
            )
            continue
        if table_row.key in seen:
            reading.errors.append(
                gettext("%(where)s, row %(line)s: the row %(row)s appears twice.")
                % {"where": where, "line": line, "row": table_row.key}
            )
            continue
        seen.add(table_row.key)
        for index, period in columns:
            cell = gettext("%(where)s, cell %(cell)s") % {
                "where": where,
                "cell": f"{get_column_letter(index)}{line}",
            }
            reading.value(spec, table_row, period, row[index - 1], cell)


def _changes_sheet(reading: _Reading, title: str, rows: list[list[str]]) -> None:
    if len(rows) < 2 or not _same_header(rows[1], CHANGES_HEADER):
        reading.errors.append(
            gettext("Sheet '%(title)s': the second row must be the header %(header)s.")
            % {"title": title, "header": ", ".join(CHANGES_HEADER)}
        )
        return
    for line, row in enumerate(rows[2:], start=3):
        if not any(row):
            continue
        reading.rows += 1
        where = gettext("Sheet '%(title)s', row %(line)s") % {"title": title, "line": line}
        indicator, period, dimensions, source, justification = row[0], row[1], row[2], row[6], row[7]
        data_source = {"title": row[8], "link": row[9], "publisher": row[10]}
        try:
            spec, table_row, period = reading.locator.locate(indicator, period, dimensions)
            DataSources.normalise(data_source)
        except ValueError as error:
            reading.errors.append(f"{where}: {error}")
            continue
        source_value = _checked_source(source, where, reading.errors)
        if source_value is None:
            continue
        cell = reading.cell(spec, table_row, period)
        if source_value:
            cell["source"] = source_value
        cell["justification"] = justification
        cell["data_source"] = data_source


def _template_input(submission: Submission, sheets) -> _Reading:
    """The template's sheets, recognised by their first cell; other sheets are left alone."""
    specs = [table.spec for table in submission_tables(submission, with_data_sources=False)]
    reading = _Reading(CellLocator(specs, scope="this submission"))
    markers = [rows[0][0] if rows else "" for _title, rows in sheets]
    if TEMPLATE_MARKER not in markers:
        raise ValidationError(NOT_THE_TEMPLATE)
    for (title, rows), marker in zip(sheets, markers, strict=True):
        if marker in (TEMPLATE_MARKER, TABLE_MARKER, CHANGES_MARKER):
            _check_owner(submission, rows[0])
        if marker == TEMPLATE_MARKER:
            _scalar_sheet(reading, rows)
        elif marker == TABLE_MARKER:
            _table_sheet(reading, title, rows)
        elif marker == CHANGES_MARKER:
            _changes_sheet(reading, title, rows)
    reading.raise_errors()
    return reading


@transaction.atomic
def submission_import_spreadsheet(
    *, user: User, submission: Submission, file: File, expected_version: int
) -> int:
    """Apply a filled-in template (XLSX with its table sheets, or the scalar sheet as CSV) to the
    country's draft through `submission_save_draft`; returns the rows applied."""
    # Who may, which version and whether the report still accepts values, before reading the file.
    submission_lock_for_values(user=user, submission=submission, expected_version=expected_version)
    reading = _template_input(submission, read_sheets(file))
    submission_save_draft(
        user=user,
        submission=submission,
        expected_version=expected_version,
        entries=reading.entries,
        cells=list(reading.cells.values()),
    )
    return reading.rows


# --- the secretariat's import --------------------------------------------------------------------


def _bulk_header(rows: list[list[str]]) -> bool:
    """True for the long format (tables), False for the scalar format; ValidationError otherwise."""
    if rows and _same_header(rows[0], BULK_HEADER):
        return True
    if rows and _same_header(rows[0], SCALAR_BULK_HEADER):
        return False
    raise ValidationError(
        gettext("The first row must be the header: %(header)s (or, for scalar indicators only, %(scalar)s).")
        % {"header": ", ".join(BULK_HEADER), "scalar": ", ".join(SCALAR_BULK_HEADER)}
    )


def _bulk_row(row: list[str], long_format: bool) -> dict:
    if long_format:
        names = ["country", "indicator", "time_period", "dimensions", "value", "source", "justification",
                 "title", "link", "publisher", "narrative"]  # fmt: skip
        return dict(zip(names, row, strict=False))
    country, indicator, value, source, narrative = row[:5]
    # The scalar format's values are default data unless the row says otherwise (as before tables).
    return {"country": country, "indicator": indicator, "value": value, "narrative": narrative,
            "source": source or ValueSource.DEFAULT, "time_period": "", "dimensions": ""}  # fmt: skip


def _bulk_rows(cycle: ReportingCycle, rows: list[list[str]]) -> dict[Country, _Reading]:
    long_format = _bulk_header(rows)
    countries = {country.iso3: country for country in Country.objects.all()}
    specs = table_specs(Indicator.objects.filter(cycle_links__cycle=cycle), cycle=cycle).values()
    locator, planned, errors = CellLocator(specs, scope="this cycle"), {}, []
    for line, cells in enumerate(rows[1:], start=2):
        if not any(cells):
            continue
        row = _bulk_row(cells, long_format)
        country = countries.get(row["country"].upper())
        if country is None:
            errors.append(
                gettext("Row %(line)s: '%(country)s' is not the ISO3 code of a Party.")
                % {"line": line, "country": row["country"]}
            )
        try:
            spec, table_row, period = locator.locate(row["indicator"], row["time_period"], row["dimensions"])
        except ValueError as error:
            errors.append(f"{_row(line)}: {error}")
            continue
        if country is None:
            continue
        reading = planned.setdefault(country, _Reading(locator))
        if (spec.indicator.pk, table_row.key, period) in reading.cells:
            errors.append(
                gettext("Row %(line)s: %(country)s / %(cell)s appears twice.")
                % {"line": line, "country": country.iso3, "cell": spec.where(table_row, period)}
            )
            continue
        reading.value(spec, table_row, period, row["value"], _row(line))
        errors.extend(reading.errors)
        reading.errors = []
        _bulk_details(reading.cell(spec, table_row, period), row, errors, line)
        if row.get("narrative"):
            reading.narrative(spec, row["narrative"])
    if errors:
        raise ValidationError(errors[:MAX_ROW_ERRORS])
    return planned


def _bulk_details(cell: dict, row: dict, errors: list[str], line: int) -> None:
    """Source, justification and data source of a bulk row, checked."""
    source = _checked_source(row.get("source", ""), _row(line), errors)
    if source:
        cell["source"] = source
    if row.get("justification"):
        cell["justification"] = row["justification"]
    data_source = {name: row.get(name, "") for name in ("title", "link", "publisher")}
    try:
        if DataSources.normalise(data_source):
            cell["data_source"] = data_source
    except ValueError as error:
        errors.append(f"{_row(line)}: {error}")


@transaction.atomic
def cycle_import_values(*, user: User, cycle: ReportingCycle, file: File) -> dict:
    """The secretariat loads many countries' values (long format: one row per cell) into their open
    drafts, starting the drafts it needs; all rows or none."""
    ensure_permitted(
        user, "import_values", cycle, "Only secretariat or GM staff import values for many countries."
    )
    cycle_ensure_accepts_values(cycle)
    planned = _bulk_rows(cycle, read_table(file, width=len(BULK_HEADER)))
    existing = {
        submission.country_id: submission
        for submission in Submission.objects.select_for_update()
        .select_related("cycle", "country")
        .filter(cycle=cycle, country__in=list(planned))
        .order_by("pk")
    }
    # The same rule as the country's own paths: a report handed in or validated refuses the whole file.
    for submission in existing.values():
        submission_ensure_accepts_values(submission)
    for country, reading in planned.items():
        submission = existing.get(country.pk) or submission_start(user=user, cycle=cycle, country=country)
        write_values(submission, user=user, entries=reading.entries, cells=list(reading.cells.values()))
        # Saved through the one version helper, so that the bump leaves a history row naming the user.
        locked = Submission.objects.select_for_update().get(pk=submission.pk)
        submission_bump_version(submission=locked, user=user)
    return {"countries": len(planned), "values": sum(len(reading.cells) for reading in planned.values())}
