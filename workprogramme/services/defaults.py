"""Default data: the secretariat imports a global dataset's default values per country.

One service behind the web form, the API and `manage.py import_defaults` (and the demo loader):
`default_dataset_import` reads a CSV or XLSX file, one row per cell, checks every row under the
rules of `workprogramme.tables`, and saves all of them or none. Columns, by header (any order,
any case):

- `dataset`, `version`, `licence` (and optionally `name`, `link`): the dataset, the same on
  every row; the caller may give them instead (the command's `--dataset`, the form's fields);
- `country`: ISO3, ISO2 or M49 code of the Party;
- `indicator`: the indicator's code (SO1-1) or SDG series (AG_LND_DGRD);
- `time_period`: a year or a period ("2016/2019"), empty for an indicator without one;
- the cell's row: a `dimensions` column ("LAND_COVER=TREE;PRODUCTIVITY=STABLE") or one column
  per dimension, named by its code (`LAND_COVER`, `SEX`…);
- `value`: a number.

A dataset is a code and a version: importing a newer version supersedes the older one (its
values are no longer offered as defaults) without deleting it, so that what was pre-filled
from it stays traceable; the import also brings the open drafts' cells up to the new defaults
(`refresh_open_drafts`).
"""

import re
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.files import File
from django.db import transaction
from django.utils.text import slugify
from simple_history.utils import bulk_update_with_history

from accounts.models import User
from core.services import ensure_may_change
from regions.models import Country

from ..choices import EDITABLE_SUBMISSION_STATES, IndicatorValueType, ValueSource
from ..models import DefaultDataset, DefaultObservation, Indicator, Observation, Submission
from ..selectors import table_specs
from ..spreadsheets import read_table
from ..tables import TableSpec, default_text, parse_cell, parse_members
from .observations import set_parsed
from .versions import submission_bump_version

MAX_ROW_ERRORS = 200
DATASET_COLUMNS = ("dataset", "version", "licence", "name", "link")
REQUIRED_COLUMNS = ("country", "indicator", "value")
TIME_PERIOD = re.compile(r"^\d{4}(/\d{4})?$")
NUMERIC_TYPES = (IndicatorValueType.NUMBER, IndicatorValueType.PERCENTAGE)
REFUSAL = "Only the secretariat imports default data."


@dataclass
class DefaultsImport:
    """What an import read (a preview) or saved: the dataset, its values, what it replaced."""

    code: str
    name: str
    version: str
    licence: str
    link: str = ""
    is_fictitious: bool = False
    values: int = 0
    countries: int = 0
    indicators: list[str] = field(default_factory=list)
    replaces: str = ""  # the version it supersedes
    saved: bool = False
    dataset_id: int | None = None
    draft_cells_updated: int = 0

    def as_dict(self) -> dict:
        return {
            "dataset": self.code,
            "name": self.name,
            "version": self.version,
            "licence": self.licence,
            "link": self.link,
            "is_fictitious": self.is_fictitious,
            "values": self.values,
            "countries": self.countries,
            "indicators": self.indicators,
            "replaces": self.replaces,
            "saved": self.saved,
            "id": self.dataset_id,
            "draft_cells_updated": self.draft_cells_updated,
        }


def rows_from_file(file: File) -> list[dict]:
    """The file's rows as dicts keyed by lower-case header ("line": its row number); ValidationError
    when the header lacks a required column."""
    table = read_table(file, width=1)
    if not table or not any(table[0]):
        raise ValidationError("The file is empty: its first row must be the header.")
    header = [name.strip().lower() for name in table[0]]
    missing = [name for name in REQUIRED_COLUMNS if name not in header]
    if missing:
        raise ValidationError(
            f"The header lacks the columns {', '.join(missing)}; it needs country, indicator, value and "
            "time_period, the cell's dimensions (a dimensions column or one column per dimension code), "
            "and dataset, version, licence unless they are given apart."
        )
    rows = []
    for line, cells in enumerate(table[1:], start=2):
        if not any(cells):
            continue
        row = {
            name: (cells[index] if index < len(cells) else "") for index, name in enumerate(header) if name
        }
        row["line"] = line
        rows.append(row)
    return rows


def _dataset_fields(rows: list[dict], given: dict, errors: list[str]) -> dict:
    """The dataset's code, name, version, licence and link: given apart, or the same on every row."""
    fields = {}
    for name in DATASET_COLUMNS:
        values = {str(row.get(name, "")).strip() for row in rows} - {""}
        value = str(given.get(name) or "").strip()
        if value and values - {value}:
            errors.append(f"The file's {name} ({', '.join(sorted(values))}) is not the one given ({value}).")
        elif not value and len(values) > 1:
            errors.append(
                f"One file holds one dataset: the rows name several {name}s ({', '.join(sorted(values))})."
            )
        fields[name] = value or (values.pop() if len(values) == 1 else "")
    for name in ("dataset", "version", "licence"):
        if not fields[name]:
            errors.append(f"Give the dataset's {name} (a column of the file, or apart).")
    fields["code"] = slugify(fields["dataset"])[:60]
    fields["name"] = fields["name"] or fields["dataset"]
    if fields["dataset"] and not fields["code"]:
        errors.append(f"The dataset's name '{fields['dataset']}' has no letters or digits to make a code of.")
    for name, limit in (("name", 200), ("version", 40), ("licence", 200), ("link", 200)):
        if len(fields[name]) > limit:
            errors.append(f"The dataset's {name} is longer than {limit} characters.")
    return fields


class _Lookups:
    """Parties by ISO3, ISO2 or M49; numeric indicators by code or SDG series, with their tables."""

    def __init__(self, dimension_codes: set[str]):
        self.countries: dict[str, Country] = {}
        for country in Country.objects.all():
            self.countries[country.iso3.upper()] = country
            self.countries[country.iso2.upper()] = country
            if country.m49:
                self.countries[country.m49] = country
        indicators = list(Indicator.objects.filter(value_type__in=NUMERIC_TYPES))
        self.specs = table_specs(indicators)
        self.indicators: dict[str, TableSpec] = {}
        for spec in self.specs.values():
            if spec.indicator.sdg_series:
                self.indicators.setdefault(spec.indicator.sdg_series.upper(), spec)
            self.indicators[spec.indicator.code.upper()] = spec
        self.dimension_codes = dimension_codes

    def country(self, text: str) -> Country | None:
        text = text.strip().upper()
        return self.countries.get(text.zfill(3) if text.isdigit() else text)


def _members(row: dict, spec: TableSpec, dimension_columns: list[str]) -> dict[str, str]:
    """The cell's members: the dimensions column, and the per-dimension columns that are filled."""
    members = parse_members(row.get("dimensions", ""))
    if members is None:
        raise ValueError(f"'{row['dimensions']}' is not DIMENSION=MEMBER;DIMENSION=MEMBER.")
    for column in dimension_columns:
        member = str(row.get(column, "")).strip().upper()
        if member:
            members[column.upper()] = member
    return members


@dataclass(slots=True)
class DefaultCell:
    """A checked row, before it is saved as a `DefaultObservation` of its dataset."""

    country: Country
    indicator: Indicator
    time_period: str
    key: str
    members: dict
    value: Decimal

    @property
    def country_id(self) -> int:
        return self.country.pk

    @property
    def indicator_id(self) -> int:
        return self.indicator.pk

    def saved_as(self, dataset: DefaultDataset) -> DefaultObservation:
        # Positional, in the fields' order: Django's fast path (an import holds many thousand rows).
        return DefaultObservation(
            None, dataset.pk, self.country.pk, self.indicator.pk, self.time_period, self.key,
            dict(self.members), self.value,
        )  # fmt: skip


def _cell(row: dict, lookups: _Lookups, dimension_columns: list[str]) -> DefaultCell:
    """One row as an unsaved default value; ValueError naming what is wrong (with the coordinates)."""
    country = lookups.country(str(row.get("country", "")))
    if country is None:
        raise ValueError(f"'{row.get('country', '')}' is not the ISO3, ISO2 or M49 code of a Party.")
    text = str(row.get("indicator", "")).strip()
    spec = lookups.indicators.get(text.upper())
    if spec is None:
        raise ValueError(f"'{text}' is not the code or SDG series of an indicator with numeric values.")
    period = str(row.get("time_period", "")).strip()
    if spec.time_periods and not TIME_PERIOD.match(period):
        raise ValueError(f"{spec.code}: the time period is a year or a period (2016/2019), not '{period}'.")
    if not spec.time_periods and period:
        raise ValueError(f"{spec.code}: this indicator has no time period; leave it empty, not '{period}'.")
    members = _members(row, spec, dimension_columns)
    table_row, _period = spec.locate(spec.periods[0], members)
    where = f"{country.iso3}, {spec.where(table_row, period)}"
    parsed = parse_cell(spec, row.get("value", ""))
    if parsed.error or parsed.number is None:
        raise ValueError(f"{where}: {parsed.error or 'a number is required.'}")
    if parsed.number.as_tuple().exponent < -4 or abs(parsed.number) >= Decimal("1e16"):
        raise ValueError(f"{where}: '{parsed.raw}' has more than 16 digits or 4 decimals.")
    return DefaultCell(country, spec.indicator, period, table_row.key, table_row.members, parsed.number)


def _checked_cells(rows: list[dict], errors: list[str]) -> list[DefaultCell]:
    from ..models import Dimension

    dimension_codes = {code.upper() for code in Dimension.objects.values_list("code", flat=True)}
    lookups = _Lookups(dimension_codes)
    columns = {name for row in rows for name in row}
    dimension_columns = sorted(name for name in columns if name.upper() in dimension_codes)
    cells, seen = [], {}
    for row in rows:
        try:
            cell = _cell(row, lookups, dimension_columns)
        except ValueError as error:
            errors.append(f"Row {row['line']}: {error}")
            continue
        coordinates = (cell.country_id, cell.indicator_id, cell.time_period, cell.key)
        if coordinates in seen:
            errors.append(
                f"Row {row['line']}: {cell.country.iso3}, {cell.indicator.code} "
                f"[{cell.key or '–'} {cell.time_period or '–'}] is already on row {seen[coordinates]}."
            )
            continue
        seen[coordinates] = row["line"]
        cells.append(cell)
    if not rows:
        errors.append("The file has no values below its header.")
    return cells


def refresh_open_drafts(cells: list[DefaultCell], *, user: User | None) -> int:
    """Bring the cells of the open drafts (draft, returned) up to the new default values: each cell's
    default, and its value while it was still the default data; returns the cells changed. Each
    changed submission gets a new version, so that a form opened before refuses to overwrite it."""
    new = {(cell.country_id, cell.indicator_id, cell.time_period, cell.key): cell.value for cell in cells}
    if not new:
        return 0
    indicators = {cell.indicator_id: cell.indicator for cell in cells}
    specs = table_specs(indicators.values())
    drafts = Observation.objects.filter(
        submission__state__in=EDITABLE_SUBMISSION_STATES,
        submission__country__in={cell.country_id for cell in cells},
        indicator__in=list(indicators),
    ).select_related("submission")
    changed = []
    for draft in drafts:
        value = new.get((draft.submission.country_id, draft.indicator_id, draft.time_period, draft.key))
        if value is None or value == draft.default_value:
            continue
        still_default = draft.source == ValueSource.DEFAULT or (
            draft.raw_value == "" and draft.default_value is None
        )
        draft.default_value = value
        if still_default:
            set_parsed(draft, parse_cell(specs[draft.indicator_id], default_text(value)))
            draft.source = ValueSource.DEFAULT
            draft.data_source = None
        changed.append(draft)
    if not changed:
        return 0
    fields = ["default_value", "raw_value", "number_value", "boolean_value", "error", "source", "data_source"]
    bulk_update_with_history(changed, Observation, fields, default_user=user)
    for submission in Submission.objects.select_for_update().filter(
        pk__in={draft.submission_id for draft in changed}
    ):
        submission_bump_version(submission=submission, user=user)
    return len(changed)


@transaction.atomic
def default_dataset_load(
    *,
    user: User | None,
    rows: list[dict],
    dataset: str = "",
    version: str = "",
    licence: str = "",
    name: str = "",
    link: str = "",
    is_fictitious: bool = False,
    dry_run: bool = False,
) -> DefaultsImport:
    """Check `rows` (dicts keyed as the file's columns, with their "line") and, unless `dry_run`,
    save them as a new version of the dataset; all or nothing. `user=None` is the operator of a
    management command or of the demo loader."""
    if user is not None:
        ensure_may_change(user, DefaultDataset(), REFUSAL)
    errors: list[str] = []
    given = {"dataset": dataset, "version": version, "licence": licence, "name": name, "link": link}
    fields = _dataset_fields(rows, given, errors)
    if (
        fields["code"]
        and fields["version"]
        and DefaultDataset.objects.filter(code=fields["code"], version=fields["version"]).exists()
    ):
        errors.append(
            f"Version {fields['version']} of the dataset '{fields['code']}' was already imported: "
            "give the new data a new version."
        )
    cells = _checked_cells(rows, errors)
    if errors:
        raise ValidationError(errors[:MAX_ROW_ERRORS])
    previous = DefaultDataset.objects.filter(code=fields["code"]).order_by("-pk").first()
    result = DefaultsImport(
        code=fields["code"],
        name=fields["name"],
        version=fields["version"],
        licence=fields["licence"],
        link=fields["link"],
        is_fictitious=is_fictitious,
        values=len(cells),
        countries=len({cell.country_id for cell in cells}),
        indicators=sorted({cell.indicator.code for cell in cells}),
        replaces=previous.version if previous else "",
    )
    if dry_run:
        return result
    record = DefaultDataset(
        code=result.code,
        name=result.name,
        version=result.version,
        licence=result.licence,
        link=result.link,
        is_fictitious=is_fictitious,
        imported_by=user,
    )
    record._history_user = user
    try:
        record.full_clean()
    except ValidationError as error:
        raise ValidationError(error.messages) from None
    record.save()
    DefaultObservation.objects.bulk_create((cell.saved_as(record) for cell in cells), batch_size=2000)
    result.saved, result.dataset_id = True, record.pk
    result.draft_cells_updated = refresh_open_drafts(cells, user=user)
    return result


def default_dataset_import(
    *, user: User | None, file: File, dry_run: bool = False, **dataset
) -> DefaultsImport:
    """Import a CSV or XLSX file of default values (see the module's columns); `dataset` may give the
    dataset's `dataset` (name), `version`, `licence`, `name`, `link`, `is_fictitious`; `dry_run`
    checks and answers what would be saved. Every problem is listed with its row number."""
    if user is not None:
        ensure_may_change(user, DefaultDataset(), REFUSAL)
    return default_dataset_load(user=user, rows=rows_from_file(file), dry_run=dry_run, **dataset)
