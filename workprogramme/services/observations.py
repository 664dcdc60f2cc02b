"""Writing a submission's values, from every path (form, spreadsheet, API, bulk import), under the
rules of `workprogramme.tables`: scalar entries and table cells alike become `Observation` rows.

Called by the workflow services (`submission_start`, `submission_save_draft`) and the imports,
inside their transaction and after their permission checks; never by views or serializers.
"""

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from accounts.models import User

from ..choices import ValueSource
from ..models import DataSource, Observation, Submission, SubmissionIndicator
from ..selectors import SubmissionTable, defaults_for, last_validated_cells, submission_tables
from ..tables import (
    TableRow,
    TableSpec,
    equals_default,
    infer_source,
    parse_cell,
    parse_members,
)

CELL_FIELDS = ("value", "source", "justification", "data_source")
MAX_JUSTIFICATION = 5000
MAX_NARRATIVE = 20000
DATA_SOURCE_LIMITS = {"title": 300, "link": 500, "publisher": 300}
_TRACKED = (
    "raw_value",
    "number_value",
    "boolean_value",
    "error",
    "source",
    "justification",
    "data_source_id",
)


def source_code_or_error(source) -> str:
    """A source code ("" for none), or ValueError naming the accepted ones."""
    code = str(source or "").strip()
    if code not in ("", *ValueSource.values):
        raise ValueError(f"unknown source '{code}'. Use one of: {', '.join(ValueSource.values)}.")
    return code


class DataSources:
    """The data sources of one submission, found or created by their title, link and publisher."""

    def __init__(self, submission: Submission):
        self.submission = submission
        self._known: dict[tuple[str, str, str], DataSource] | None = None

    @staticmethod
    def normalise(data) -> tuple[str, str, str] | None:
        """(title, link, publisher) from a dict, None for none; ValueError when it cannot be stored."""
        if not data:
            return None
        values = tuple(str(data.get(name) or "").strip() for name in DATA_SOURCE_LIMITS)
        if not any(values):
            return None
        if not values[0]:
            raise ValueError("a data source needs a title.")
        for (name, limit), value in zip(DATA_SOURCE_LIMITS.items(), values, strict=True):
            if len(value) > limit:
                raise ValueError(f"the data source's {name} is longer than {limit} characters.")
        return values

    def get(self, data) -> DataSource | None:
        key = self.normalise(data)
        if key is None:
            return None
        if self._known is None:
            self._known = {(s.title, s.link, s.publisher): s for s in self.submission.data_sources.all()}
        if key not in self._known:
            title, link, publisher = key
            self._known[key] = DataSource.objects.create(
                submission=self.submission, title=title, link=link, publisher=publisher
            )
        return self._known[key]

    def copy_of(self, source: DataSource | None) -> DataSource | None:
        """The same data source in this submission (pre-filling from an earlier one)."""
        if source is None:
            return None
        return self.get({"title": source.title, "link": source.link, "publisher": source.publisher})


class CellLocator:
    """Finds a cell of a submission's tables from its indicator (id or code), time period and
    dimensions (a dict, or text such as "LAND_COVER=TREE;PRODUCTIVITY=STABLE")."""

    def __init__(self, specs: Iterable[TableSpec], *, scope: str = "this submission"):
        specs = list(specs)
        self.scope = scope
        self.by_id = {spec.indicator.pk: spec for spec in specs}
        self.by_code = {spec.indicator.code.upper(): spec for spec in specs}

    def spec_for(self, reference) -> TableSpec:
        text = str(getattr(reference, "pk", reference) or "").strip()
        spec = self.by_code.get(text.upper())
        if spec is None and text.isdigit():
            spec = self.by_id.get(int(text))
        if spec is None:
            raise ValueError(f"'{text}' is not an indicator of {self.scope}.")
        return spec

    def locate(self, reference, time_period, dimensions) -> tuple[TableSpec, TableRow, str]:
        spec = self.spec_for(reference)
        if isinstance(dimensions, dict):
            members = {
                str(code).strip().upper(): str(member).strip().upper() for code, member in dimensions.items()
            }
        else:
            members = parse_members(str(dimensions or ""))
            if members is None:
                raise ValueError(f"{spec.code}: '{dimensions}' is not DIMENSION=MEMBER;DIMENSION=MEMBER.")
        row, period = spec.locate(str(time_period or ""), members)
        return spec, row, period


def new_cell(submission: Submission, spec: TableSpec, row: TableRow, period: str, default) -> Observation:
    """An empty cell of a submission's table, with its default value (None when there is none)."""
    return Observation(
        submission=submission,
        indicator=spec.indicator,
        key=row.key,
        time_period=period,
        members=row.members,
        default_value=default,
    )


def set_parsed(cell: Observation, parsed) -> None:
    cell.raw_value, cell.number_value = parsed.raw, parsed.number
    cell.boolean_value, cell.error = parsed.boolean, parsed.error


def apply_cell_fields(cell: Observation, spec: TableSpec, fields: dict, data_sources: DataSources) -> None:
    """Set what `fields` gives ("value", "source", "justification", "data_source"); a value without a
    source takes the inferred one (`tables.infer_source`). A cell back at its default data keeps no
    data source. ValueError when the data source cannot be stored."""
    if "value" in fields:
        set_parsed(cell, parse_cell(spec, fields["value"]))
    if "justification" in fields:
        cell.justification = str(fields["justification"] or "").strip()[:MAX_JUSTIFICATION]
    if "data_source" in fields:
        cell.data_source = data_sources.get(fields["data_source"])
    if "source" in fields:
        cell.source = fields["source"]
    elif "value" in fields:
        cell.source = infer_source(cell, is_table_cell=not spec.is_scalar)
    if cell.source == ValueSource.DEFAULT and equals_default(cell):
        cell.data_source = None


def _plan(tables: dict[int, SubmissionTable], entries: dict[int, dict], cells: list[dict]):
    """What to write to which cell, and the narratives; ValidationError listing every bad input."""
    unknown = sorted(set(entries) - set(tables))
    if unknown:
        raise ValidationError({"values": f"This cycle does not ask for the indicators {unknown}."})
    planned, narratives, errors = {}, [], {"values": [], "observations": []}
    for indicator_id, entry in entries.items():
        table = tables[indicator_id]
        if "narrative" in entry:
            narrative = str(entry["narrative"] or "")[:MAX_NARRATIVE]
            if narrative != table.entry.narrative:
                table.entry.narrative = narrative
                narratives.append(table.entry)
        fields = {name: entry[name] for name in ("value", "source") if name in entry}
        if not fields:
            continue
        code = table.indicator.code
        if not table.spec.is_scalar:
            errors["values"].append(
                f"Indicator {code} is a table ({table.spec.code}): send its cells as observations."
            )
            continue
        if "source" in fields:
            try:
                fields["source"] = source_code_or_error(fields["source"])
            except ValueError as error:
                raise ValidationError({"source": f"Indicator {code}: {error}"}) from None
        row = table.spec.rows[0]
        planned[(table.indicator.pk, row.key, "")] = (table, row, "", fields)
    locator = CellLocator(table.spec for table in tables.values())
    for number, cell in enumerate(cells, start=1):
        fields = {name: cell[name] for name in CELL_FIELDS if name in cell}
        try:
            spec, row, period = locator.locate(
                cell.get("indicator"), cell.get("time_period", ""), cell.get("dimensions") or {}
            )
            if fields.get("source") in ("", None):
                fields.pop("source", None)  # a table cell without a source takes the inferred one
            else:
                fields["source"] = source_code_or_error(fields["source"])
            DataSources.normalise(fields.get("data_source"))
        except ValueError as error:
            errors["observations"].append(f"Observation {number}: {error}")
            continue
        planned[(spec.indicator.pk, row.key, period)] = (tables[spec.indicator.pk], row, period, fields)
    errors = {name: messages for name, messages in errors.items() if messages}
    if errors:
        raise ValidationError(errors)
    return planned, narratives


def write_values(submission: Submission, *, user: User, entries: dict[int, dict], cells: list[dict]) -> int:
    """Apply scalar `entries` ({indicator id: {"value", "source", "narrative"}}) and table `cells`
    ([{"indicator": id or code, "time_period", "dimensions": {DIM: MEMBER} or "DIM=MEMBER;...",
    "value", "source", "justification", "data_source": {"title", "link", "publisher"}}], any
    subset of the last four) to the submission; returns how many cells changed.

    The caller holds the submission's lock and has checked the permission. Bad coordinates, sources
    or data sources raise a ValidationError listing all of them and write nothing; invalid values
    are kept, flagged (`Observation.error`).
    """
    tables = {table.indicator.pk: table for table in submission_tables(submission)}
    planned, narratives = _plan(tables, entries, cells)
    missing = {
        indicator_id
        for (indicator_id, key, period) in planned
        if tables[indicator_id].cells.get((key, period)) is None
    }
    defaults = defaults_for(submission.country, missing) if missing else {}
    data_sources = DataSources(submission)
    created, changed = [], []
    for table, row, period, fields in planned.values():
        cell = table.cell(row, period)
        if cell is None:  # a cell the cycle added after the draft was started
            cell = new_cell(
                submission, table.spec, row, period, defaults.get((table.indicator.pk, period, row.key))
            )
            created.append(cell)
            table.cells[(row.key, period)] = cell
        before = [getattr(cell, name) for name in _TRACKED]
        try:
            apply_cell_fields(cell, table.spec, fields, data_sources)
        except ValueError as error:
            raise ValidationError({"observations": f"{table.spec.where(row, period)}: {error}"}) from None
        if cell not in created and [getattr(cell, name) for name in _TRACKED] != before:
            changed.append(cell)
    if created:
        bulk_create_with_history(created, Observation, default_user=user)
    if changed:
        bulk_update_with_history(
            changed, Observation, list(_TRACKED[:-1]) + ["data_source"], default_user=user
        )
    if narratives:
        bulk_update_with_history(narratives, SubmissionIndicator, ["narrative"], default_user=user)
    return len(created) + len(changed)


def prefill_cells(submission: Submission, specs: dict[int, TableSpec]) -> list[str]:
    """Create every cell of a new submission's tables: the country's last validated value of the cell
    (with its source, justification and data source), else the default value of the latest default
    dataset that has the cell (source "default"); every cell with default data keeps its default.
    Returns what filled the cells ("the last validated values", "the default data")."""
    indicators = [spec.indicator for spec in specs.values()]
    defaults = defaults_for(submission.country, indicators)
    previous = last_validated_cells(submission.country, indicators, exclude_cycle=submission.cycle)
    data_sources = DataSources(submission)
    cells, filled = [], set()
    for spec in specs.values():
        for row, period in spec.cells():
            coordinates = (spec.indicator.pk, period, row.key)
            default, earlier = defaults.get(coordinates), previous.get(coordinates)
            cell = new_cell(submission, spec, row, period, default)
            # A number is carried over as a number ("1234.5"): it reads the same in every language.
            cell.previous_value = earlier.raw_value if earlier else ""
            if earlier is not None and earlier.number_value is not None and not earlier.error:
                cell.previous_value = f"{earlier.number_value.normalize():f}"
            # An earlier value that was itself default data gives way to the current default data.
            if earlier is not None and not (earlier.source == ValueSource.DEFAULT and default is not None):
                earlier_value = earlier.raw_value if earlier.number_value is None else earlier.number_value
                set_parsed(cell, parse_cell(spec, earlier_value))
                cell.source, cell.justification = earlier.source, earlier.justification
                cell.data_source = data_sources.copy_of(earlier.data_source)
                filled.add("the last validated values")
            elif default is not None:
                set_parsed(cell, parse_cell(spec, default))
                cell.source = ValueSource.DEFAULT
                filled.add("the default data")
            cells.append(cell)
    Observation.objects.bulk_create(cells, batch_size=2000)
    return sorted(filled, reverse=True)
