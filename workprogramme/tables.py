"""National data as tables: the one set of rules under which every path reads and writes values.

The NFP form, the XLSX template, the values API, the secretariat's bulk import and the
submit step all go through this module (the services call it; nothing else decides):

- `TableSpec`: an indicator's table in a cycle. Rows are the cartesian product of its
  dimensions' members, in the dimensions' and the members' order; columns are the cycle's time
  periods (the indicator's when the cycle does not say). A scalar indicator is the table with
  one row without members and one column without a time period.
- `parse_cell`: a typed value from what was typed (`workprogramme.values`), then the rules of
  single cells (whole numbers of persons, a confidence level).
- `infer_source`: where a cell's value comes from when the input does not say.
- `check_table`: every problem of one filled table, errors (which block submitting, never
  saving a draft) and warnings, each named by its coordinates, e.g.
  "SO1-1.T4, Tree-covered areas, 2019: The value cannot be negative.".
- Cross-cell rules are registered per indicator code (`TABLE_RULES`) or per dimension
  (`DIMENSION_RULES`).
"""

import itertools
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext

from core.numbers import format_number

from .choices import IndicatorValueType, ValueSource
from .values import ParsedValue, parse_indicator_value

LAND_COVER_INDICATOR = "SO1-1"  # SO1-1.T4: km² per land-cover class; its default total is the land area
LAND_AREA_TOLERANCE = Decimal("0.005")  # the classes of a year add up to the land area within 0.5 %
WHOLE_NUMBER_UNITS = frozenset({"PERSONS", "NUMBER"})  # SDMX UNIT_MEASURE codes of counts
CONFIDENCE_LEVELS = ("high", "medium", "low")
MEMBER_SEPARATOR = ";"


def _number(value: Decimal | None) -> str:
    """A number as people read it in a message: no trailing zeros, thousands separated."""
    if value is None:
        return "–"
    return f"{value.normalize():,f}"


@dataclass(frozen=True)
class TableRow:
    """One row of a table: a member of each dimension (none for an indicator without dimensions)."""

    key: str
    members: dict[str, str]
    label: str


@dataclass(frozen=True)
class DimensionSpec:
    code: str
    name: str
    members: tuple[tuple[str, str], ...]  # (code, name) in order


def member_key(members: dict[str, str], dimension_codes: Iterable[str]) -> str:
    """The canonical text of a row's members: "LAND_COVER=TREE;PRODUCTIVITY=STABLE" ("" for none)."""
    return MEMBER_SEPARATOR.join(f"{code}={members[code]}" for code in dimension_codes)


def parse_members(text: str) -> dict[str, str] | None:
    """Members from their text ("LAND_COVER=TREE;PRODUCTIVITY=STABLE"); None when malformed."""
    members = {}
    for part in (text or "").split(MEMBER_SEPARATOR):
        part = part.strip()
        if not part:
            continue
        dimension, equals, member = part.partition("=")
        if not equals or not dimension.strip() or not member.strip():
            return None
        members[dimension.strip().upper()] = member.strip().upper()
    return members


@dataclass
class TableSpec:
    """The table of one indicator in one cycle: its rows, its time periods, whether it is required."""

    indicator: object
    dimensions: list[DimensionSpec]
    time_periods: list[str]
    required: bool = True
    rows: list[TableRow] = field(init=False)

    def __post_init__(self):
        codes = [dimension.code for dimension in self.dimensions]
        self.rows = []
        for combination in itertools.product(*(dimension.members for dimension in self.dimensions)):
            members = {code: member for code, (member, _name) in zip(codes, combination, strict=True)}
            label = " / ".join(name for _code, name in combination) or self.indicator.text
            self.rows.append(TableRow(key=member_key(members, codes), members=members, label=label))
        self._rows_by_key = {row.key: row for row in self.rows}

    @property
    def periods(self) -> list[str]:
        """The table's columns: its time periods, or one column without a period."""
        return self.time_periods or [""]

    @property
    def is_scalar(self) -> bool:
        return not self.dimensions and not self.time_periods

    @property
    def code(self) -> str:
        """The table's name in messages: its PRAIS code (SO1-1.T4), else "Indicator 1.1"."""
        return self.indicator.prais_table or f"Indicator {self.indicator.code}"

    @property
    def row_heading(self) -> str:
        return " / ".join(dimension.name for dimension in self.dimensions)

    def cells(self) -> Iterator[tuple[TableRow, str]]:
        for row in self.rows:
            for period in self.periods:
                yield row, period

    def where(self, row: TableRow | None = None, period: str = "") -> str:
        """A cell's (or a row's, or a column's) coordinates, as every message names them."""
        parts = [self.code]
        if row is not None and not self.is_scalar:
            parts.append(row.label)
        if period:
            parts.append(period)
        return ", ".join(parts)

    def locate(self, time_period: str, members: dict[str, str]) -> tuple[TableRow, str]:
        """The row and column of a cell given by its time period and members; ValueError says why not."""
        time_period = (time_period or "").strip()
        if time_period not in self.periods:
            allowed = ", ".join(self.time_periods) if self.time_periods else "none (leave it empty)"
            raise ValueError(f"{self.code}: '{time_period}' is not a time period of this table ({allowed}).")
        codes = [dimension.code for dimension in self.dimensions]
        if set(members) != set(codes):
            expected = ", ".join(codes) if codes else "none (leave them empty)"
            given = member_key(members, members) or "none"
            raise ValueError(f"{self.code}: the dimensions are {expected}, not {given}.")
        row = self._rows_by_key.get(member_key(members, codes))
        if row is None:
            raise ValueError(f"{self.code}: '{member_key(members, codes)}' is not a row of this table.")
        return row, time_period


@dataclass(frozen=True)
class Problem:
    """Something to fix (an error) or to look at (a warning), named by its coordinates."""

    where: str
    message: str
    indicator_id: int | None = None
    key: str | None = None
    time_period: str | None = None

    def __str__(self):
        return f"{self.where}: {self.message}"


@dataclass
class Problems:
    """Every problem of a submission at once: errors block submitting; warnings are shown."""

    errors: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)

    def extend(self, other: "Problems") -> None:
        self.errors.extend(other.errors)
        self.warnings.extend(other.warnings)

    def by_cell(self) -> dict[tuple[int, str, str], list[str]]:
        """The errors' messages per cell they name, keyed by (indicator id, key, time period)."""
        found: dict[tuple[int, str, str], list[str]] = {}
        for problem in self.errors:
            if problem.key is not None:
                found.setdefault((problem.indicator_id, problem.key, problem.time_period), []).append(
                    problem.message
                )
        return found

    @property
    def error_texts(self) -> list[str]:
        return [str(problem) for problem in self.errors]

    @property
    def warning_texts(self) -> list[str]:
        return [str(problem) for problem in self.warnings]


# --- single cells --------------------------------------------------------------------------------


def _whole_number(spec: TableSpec, parsed: ParsedValue) -> str:
    if parsed.number is not None and parsed.number != parsed.number.to_integral_value():
        return gettext("Count whole %(unit)s: '%(value)s' is not a whole number.") % {
            "unit": spec.indicator.unit or gettext("units"),
            "value": parsed.raw,
        }
    return ""


def _confidence_level(spec: TableSpec, parsed: ParsedValue) -> str:
    if parsed.raw.strip().lower() not in CONFIDENCE_LEVELS:
        return f"The level of confidence is high, medium or low, not '{parsed.raw}'."
    return ""


CellRule = Callable[[TableSpec, ParsedValue], str]
CELL_RULES: dict[str, list[CellRule]] = {"SO1-4.3": [_confidence_level]}


def _cell_rules(spec: TableSpec) -> list[CellRule]:
    rules = list(CELL_RULES.get(spec.indicator.code, []))
    if spec.indicator.unit_code in WHOLE_NUMBER_UNITS:
        rules.append(_whole_number)
    return rules


def parse_cell(spec: TableSpec, raw) -> ParsedValue:
    """A cell's typed value, or its error: the indicator's type and range, then the cell rules."""
    parsed = parse_indicator_value(spec.indicator, raw)
    if parsed.error or parsed.is_empty:
        return parsed
    for rule in _cell_rules(spec):
        error = rule(spec, parsed)
        if error:
            return ParsedValue(parsed.raw, error=error)
    return parsed


def entry_text(cell) -> str:
    """A cell's value as the form shows it: a valid number in the user's language ("1 234,5" in
    French), so that saving the form again reads the same number; anything else as typed."""
    if cell is None:
        return ""
    if cell.number_value is not None and not cell.error:
        return format_number(cell.number_value)
    return cell.raw_value


def default_text(value: Decimal | None) -> str:
    """A default value as it is pre-filled into a cell."""
    return "" if value is None else f"{value.normalize():f}"


def equals_default(cell) -> bool:
    return cell.default_value is not None and cell.number_value == cell.default_value


def infer_source(cell, *, is_table_cell: bool) -> str:
    """Where a cell's value comes from when the input did not say: default data while it equals its
    default, national data once it differs (an estimate stays an estimate); a table cell typed
    without default data is national data; a scalar indicator keeps the source chosen for it."""
    if cell.default_value is not None:
        if equals_default(cell):
            return ValueSource.DEFAULT
        return (
            cell.source
            if cell.source in (ValueSource.NATIONAL, ValueSource.ESTIMATE)
            else ValueSource.NATIONAL
        )
    if not cell.source and cell.raw_value and is_table_cell:
        return ValueSource.NATIONAL
    return cell.source


# --- tables --------------------------------------------------------------------------------------


class RuleContext:
    """What cross-cell rules know beyond the table: the country's land area per year (from the
    default land-cover data; empty when unknown), read only when a rule asks for it."""

    def __init__(
        self,
        land_area: dict[str, Decimal] | None = None,
        *,
        load_land_area: Callable[[], dict[str, Decimal]] | None = None,
    ):
        self._land_area = land_area
        self._load_land_area = load_land_area

    @property
    def land_area(self) -> dict[str, Decimal]:
        if self._land_area is None:
            self._land_area = self._load_land_area() if self._load_land_area else {}
        return self._land_area


@dataclass
class FilledTable:
    """A table spec with the submission's cells, keyed by (row key, time period)."""

    spec: TableSpec
    cells: dict[tuple[str, str], object]

    def cell(self, row: TableRow, period: str):
        return self.cells.get((row.key, period))

    def number(self, row: TableRow, period: str) -> Decimal | None:
        cell = self.cell(row, period)
        return None if cell is None or cell.error else cell.number_value

    def column_numbers(self, period: str, rows: Iterable[TableRow] | None = None) -> list[Decimal] | None:
        """The numbers of a column, or None unless every cell of it holds a valid number."""
        numbers = [self.number(row, period) for row in (self.spec.rows if rows is None else rows)]
        return None if any(number is None for number in numbers) else numbers


class _Collector:
    def __init__(self, spec: TableSpec):
        self.spec = spec
        self.problems = Problems()

    def _problem(self, message, row, period, *, cell: bool) -> Problem:
        return Problem(
            where=self.spec.where(row, period),
            message=message,
            indicator_id=self.spec.indicator.pk,
            key=row.key if cell and row is not None else None,
            time_period=period if cell else None,
        )

    def error(self, message: str, row: TableRow | None = None, period: str = "", *, cell: bool = True):
        self.problems.errors.append(self._problem(message, row, period, cell=cell))

    def warning(self, message: str, row: TableRow | None = None, period: str = "", *, cell: bool = False):
        self.problems.warnings.append(self._problem(message, row, period, cell=cell))


def _check_cell(out: _Collector, row: TableRow, period: str, cell) -> None:
    raw = cell.raw_value if cell is not None else ""
    if cell is not None and cell.error:
        out.error(cell.error, row, period)
    elif raw == "" and out.spec.required:
        out.error("a value is required.", row, period)
    if cell is None:
        return
    if raw and not cell.source:
        out.error("say where the value comes from (national data, default data or estimate).", row, period)
    if cell.default_value is None or equals_default(cell):
        return
    default = f"{_number(cell.default_value)} {out.spec.indicator.unit}".strip()
    if cell.source == ValueSource.DEFAULT:
        out.error(
            f"the value differs from the default data ({default}): it cannot be default data.", row, period
        )
    missing = []
    if not cell.justification.strip():
        missing.append("a justification")
    if cell.data_source_id is None:
        missing.append("the data source")
    if missing:
        out.error(f"changed from the default data ({default}): give {' and '.join(missing)}.", row, period)


def _land_area(context: RuleContext, period: str) -> Decimal | None:
    """The land area of a year, or of a period's last year ("2016/2019" -> 2019)."""
    return context.land_area.get(period.rpartition("/")[2])


def _land_cover_adds_up(table: FilledTable, context: RuleContext, out: _Collector) -> None:
    unit = table.spec.indicator.unit
    for period in table.spec.periods:
        numbers = table.column_numbers(period)
        if numbers is None:
            continue
        total = sum(numbers, Decimal(0))
        area = _land_area(context, period)
        if area is None:
            out.warning(
                f"the country's land area is unknown (no default land-cover data for {period}): "
                f"the classes' total ({_number(total)} {unit}) could not be checked.",
                period=period,
            )
        elif abs(total - area) > area * LAND_AREA_TOLERANCE:
            out.error(
                f"the land-cover classes add up to {_number(total)} {unit}, not to the country's land "
                f"area of {_number(area)} {unit} (more than 0.5 % apart).",
                period=period,
                cell=False,
            )


def _degraded_within_land_area(table: FilledTable, context: RuleContext, out: _Collector) -> None:
    unit = table.spec.indicator.unit
    for row, period in table.spec.cells():
        degraded = table.number(row, period)
        if degraded is None:
            continue
        area = _land_area(context, period)
        if area is None:
            out.warning(
                "the country's land area is unknown (no default land-cover data): the degraded area "
                "could not be checked against it.",
                row,
                period,
            )
        elif degraded > area:
            out.error(
                f"the degraded area ({_number(degraded)} {unit}) is larger than the country's land "
                f"area ({_number(area)} {unit}).",
                row,
                period,
            )


def _female_and_male_make_the_total(table: FilledTable, context: RuleContext, out: _Collector) -> None:
    spec = table.spec
    if spec.indicator.value_type != IndicatorValueType.NUMBER:
        return  # shares and rates of women and men do not add up to the total's
    rows_by_key = {row.key: row for row in spec.rows}
    codes = [dimension.code for dimension in spec.dimensions]
    for row in spec.rows:
        if row.members.get("SEX") != "_T":
            continue
        parts = [rows_by_key[member_key({**row.members, "SEX": sex}, codes)] for sex in ("F", "M")]
        for period in spec.periods:
            female, male = (table.number(part, period) for part in parts)
            total = table.number(row, period)
            if None in (female, male, total):
                continue
            if abs(female + male - total) > max(Decimal("0.5"), total * Decimal("0.001")):
                out.error(
                    f"female ({_number(female)}) + male ({_number(male)}) = {_number(female + male)}, "
                    f"not the total ({_number(total)}).",
                    row,
                    period,
                )


TableRule = Callable[[FilledTable, RuleContext, _Collector], None]
TABLE_RULES: dict[str, list[TableRule]] = {
    LAND_COVER_INDICATOR: [_land_cover_adds_up],
    "SO1-4.1": [_degraded_within_land_area],
}
DIMENSION_RULES: dict[str, list[TableRule]] = {"SEX": [_female_and_male_make_the_total]}


def _table_rules(spec: TableSpec) -> list[TableRule]:
    rules = list(TABLE_RULES.get(spec.indicator.code, []))
    for dimension in spec.dimensions:
        rules.extend(DIMENSION_RULES.get(dimension.code, []))
    return rules


def check_table(table: FilledTable, context: RuleContext) -> Problems:
    """Every problem of one table: each cell's, then the cross-cell rules'."""
    out = _Collector(table.spec)
    for row, period in table.spec.cells():
        _check_cell(out, row, period, table.cell(row, period))
    for rule in _table_rules(table.spec):
        rule(table, context, out)
    return out.problems
