"""Reading finance and posts files (CSV or XLSX) into validated rows, listing every bad row.

Parsing is all or nothing: `parse_snapshot_file` (`parse_finance_file` or `parse_posts_file`, by
the snapshot's kind) either returns clean rows or raises `ImportRejected` naming each bad cell
(row number as in a spreadsheet, the header being row 1; column; what is wrong). The services
write the rows.
"""

import csv
import io
import zipfile
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import PurePath

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from regions.models import OrganisationalUnit

from .choices import IMPORT_REGIONAL_GROUPS, Gender
from .models import (
    BudgetHolder,
    FinanceSnapshot,
    FundingSource,
    ObjectOfExpenditure,
    PostSnapshot,
    Snapshot,
    StaffGrade,
)

FINANCE_COLUMNS = ("fund", "budget_holder", "object_of_expenditure", "approved", "expenditure", "forecast")
POST_COLUMNS = (
    "post_number",
    "grade",
    "unit",
    "funding_source",
    "approved",
    "filled",
    "gender",
    "regional_group",
    "footnote",
)
AMOUNT_COLUMNS = ("approved", "expenditure", "forecast")
MAX_AMOUNT = Decimal("999999999999.99")
YES = {"yes", "y", "true", "1"}
NO = {"no", "n", "false", "0", ""}


@dataclass(frozen=True)
class RowError:
    row: int
    column: str
    message: str

    def __str__(self):
        where = f"Row {self.row}" if self.row else "File"
        column = f", column {self.column}" if self.column else ""
        return f"{where}{column}: {self.message}"

    def as_dict(self) -> dict:
        return {"row": self.row, "column": self.column, "message": self.message}


class ImportRejected(ValidationError):
    """The whole file is refused; `errors` lists every problem found."""

    def __init__(self, errors: list[RowError]):
        self.errors = errors
        super().__init__([str(error) for error in errors], code="import_rejected")


def read_table(content: bytes, name: str = "") -> tuple[list[str], list[list[str]]]:
    """The header and the data rows of a CSV (UTF-8) or XLSX file, as strings."""
    if not content or not content.strip():
        raise ImportRejected([RowError(0, "", _("The file is empty."))])
    if content.startswith(b"PK\x03\x04") or PurePath(name).suffix.lower() == ".xlsx":
        rows = _read_xlsx(content)
    else:
        rows = _read_csv(content)
    rows = [row for row in rows if any(cell.strip() for cell in row)]
    if not rows:
        raise ImportRejected([RowError(0, "", _("The file is empty."))])
    header = [cell.strip() for cell in rows[0]]
    return header, rows[1:]


def _read_csv(content: bytes) -> list[list[str]]:
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ImportRejected(
            [
                RowError(
                    0,
                    "",
                    _("The file is not UTF-8 text (byte %(byte)s); save it as CSV UTF-8.")
                    % {"byte": exc.start},
                )
            ]
        ) from exc
    return list(csv.reader(io.StringIO(text)))


def _read_xlsx(content: bytes) -> list[list[str]]:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise ImportRejected([RowError(0, "", _("The file is not a readable XLSX workbook."))]) from exc
    sheet = workbook.worksheets[0]
    rows = [["" if cell is None else str(cell) for cell in row] for row in sheet.iter_rows(values_only=True)]
    workbook.close()
    return rows


def _check_header(header: list[str], expected: tuple[str, ...]) -> list[RowError]:
    errors = [RowError(1, column, _("missing column")) for column in expected if column not in header]
    errors += [
        RowError(
            1,
            column or _("(blank)"),
            _("unknown column; expected %(columns)s") % {"columns": ", ".join(expected)},
        )
        for column in header
        if column not in expected
    ]
    return errors


def _records(content: bytes, name: str, expected: tuple[str, ...]):
    header, rows = read_table(content, name)
    errors = _check_header(header, expected)
    if errors:
        raise ImportRejected(errors)
    if not rows:
        raise ImportRejected([RowError(0, "", _("The file has a header but no data rows."))])
    for number, row in enumerate(rows, start=2):
        cells = [cell.strip() for cell in row] + [""] * (len(header) - len(row))
        yield number, dict(zip(header, cells, strict=False))


def _amount(value: str) -> Decimal | str:
    """The amount, or an error message."""
    if value == "":
        return Decimal(0)
    try:
        amount = Decimal(value)
    except InvalidOperation:
        return _("'%(value)s' is not a number") % {"value": value}
    if not amount.is_finite():
        return _("'%(value)s' is not a number") % {"value": value}
    if amount < 0:
        return _("%(value)s is negative; amounts cannot be negative") % {"value": value}
    if amount > MAX_AMOUNT or amount.as_tuple().exponent < -2:
        return _("%(value)s has more than two decimals or is too large") % {"value": value}
    return amount


def _codes(model, field: str = "code") -> dict:
    return {getattr(item, field): item for item in model.objects.all()}


def parse_finance_file(content: bytes, name: str = "") -> list[dict]:
    """Validated budget lines: fund, budget_holder, object_of_expenditure (objects) and amounts."""
    lookups = {
        "fund": _codes(FundingSource),
        "budget_holder": _codes(BudgetHolder),
        "object_of_expenditure": _codes(ObjectOfExpenditure),
    }
    errors, lines = [], []
    for number, record in _records(content, name, FINANCE_COLUMNS):
        line = {}
        for column, known in lookups.items():
            value = record[column]
            if value not in known:
                errors.append(RowError(number, column, _("unknown code '%(code)s'") % {"code": value}))
            line[column] = known.get(value)
        for column in AMOUNT_COLUMNS:
            amount = _amount(record[column])
            if isinstance(amount, str):
                errors.append(RowError(number, column, amount))
            line[column] = amount
        lines.append(line)
    if errors:
        raise ImportRejected(errors)
    return lines


def _yes_no(value: str) -> bool | None:
    lowered = value.lower()
    return True if lowered in YES else False if lowered in NO else None


def parse_posts_file(content: bytes, name: str = "") -> list[dict]:
    """Validated posts: grade, unit and funding_source as objects; approved/filled as booleans."""
    lookups = {
        "grade": _codes(StaffGrade),
        "unit": _codes(OrganisationalUnit),
        "funding_source": _codes(FundingSource),
    }
    errors, posts, seen = [], [], {}
    for number, record in _records(content, name, POST_COLUMNS):
        post = {"post_number": record["post_number"], "footnote": record["footnote"][:300]}
        errors += _post_number_errors(number, record["post_number"], seen)
        for column, known in lookups.items():
            if record[column] not in known:
                errors.append(
                    RowError(number, column, _("unknown code '%(code)s'") % {"code": record[column]})
                )
            post[column] = known.get(record[column])
        for column in ("approved", "filled"):
            post[column] = _yes_no(record[column])
            if post[column] is None:
                errors.append(
                    RowError(number, column, _("'%(value)s' is not yes or no") % {"value": record[column]})
                )
        errors += _incumbent(number, record, post)
        posts.append(post)
    if errors:
        raise ImportRejected(errors)
    return posts


def _post_number_errors(number: int, post_number: str, seen: dict) -> list[RowError]:
    if not post_number:
        return [RowError(number, "post_number", _("missing"))]
    if post_number in seen:
        return [
            RowError(
                number,
                "post_number",
                _("'%(post)s' repeats row %(row)s") % {"post": post_number, "row": seen[post_number]},
            )
        ]
    seen[post_number] = number
    return []


def _incumbent(number: int, record: dict, post: dict) -> list[RowError]:
    """Gender and regional group: required for a filled post, empty for a vacant one."""
    errors = []
    gender, group = record["gender"].lower(), record["regional_group"]
    groups = {key.lower(): value for key, value in IMPORT_REGIONAL_GROUPS.items()}
    if post["filled"] is False:
        for column in ("gender", "regional_group"):
            if record[column]:
                errors.append(RowError(number, column, _("must be empty for a vacant post")))
        post["gender"], post["regional_group"] = "", ""
        return errors
    if gender not in Gender.values:
        errors.append(
            RowError(number, "gender", _("'%(value)s' is not female or male") % {"value": record["gender"]})
        )
    if group.lower() not in groups:
        errors.append(
            RowError(
                number,
                "regional_group",
                _("'%(value)s' is not one of %(groups)s")
                % {"value": group, "groups": ", ".join(IMPORT_REGIONAL_GROUPS)},
            )
        )
    post["gender"], post["regional_group"] = gender, groups.get(group.lower(), "")
    return errors


def parse_snapshot_file(snapshot_model: type[Snapshot], content: bytes, name: str = "") -> list[dict]:
    """The validated rows of a file for a snapshot of this kind, as keyword arguments of its row model."""
    parser = {FinanceSnapshot: parse_finance_file, PostSnapshot: parse_posts_file}[snapshot_model]
    return parser(content, name)
