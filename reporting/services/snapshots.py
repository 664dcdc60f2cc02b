"""Writes of finance and staffing data: one set of services for both kinds of snapshot.

A snapshot (`FinanceSnapshot` or `PostSnapshot`) holds rows (budget lines or posts); these
services create it, replace its rows from a file, and add, change or delete one row, whatever
the kind. Web and API callers pass the acting user, checked against reporting/permissions.py;
`user=None` is the operator of a management command or of the demo loader.
"""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import connection, models, transaction
from django.utils.translation import gettext as _

from accounts.models import User
from core.services import ensure_may_change, save_validated
from workprogramme.models import Biennium

from ..imports import parse_snapshot_file
from ..models import Snapshot


def ensure_operator_or_may_change(user: User | None, instance: models.Model) -> None:
    """The policy's check for a user; none for the operator (`None`), who acts for no account."""
    if user is not None:
        ensure_may_change(user, instance)


def _biennium(code_or_biennium: Biennium | str) -> Biennium:
    if isinstance(code_or_biennium, Biennium):
        return code_or_biennium
    try:
        return Biennium.objects.get(code=code_or_biennium)
    except Biennium.DoesNotExist:
        raise ValidationError(
            {"biennium": _("There is no biennium %(code)s.") % {"code": code_or_biennium}}
        ) from None


def _check_cutoff(biennium: Biennium, cutoff_date: date) -> None:
    if not biennium.start_date <= cutoff_date <= biennium.end_date:
        raise ValidationError(
            {
                "cutoff_date": _("The cut-off date must fall within the biennium %(biennium)s.")
                % {"biennium": biennium.code}
            }
        )


@transaction.atomic
def snapshot_get_or_create(
    *, user: User | None, snapshot_model: type[Snapshot], biennium: Biennium | str, cutoff_date: date
) -> Snapshot:
    """The snapshot of this kind of a biennium (or its code) at a cut-off date, created empty if new."""
    ensure_operator_or_may_change(user, snapshot_model())
    biennium = _biennium(biennium)
    _check_cutoff(biennium, cutoff_date)
    snapshot, _created = snapshot_model.objects.get_or_create(
        biennium=biennium, cutoff_date=cutoff_date, defaults={"updated_by": user}
    )
    return snapshot


@transaction.atomic
def snapshot_import(
    *,
    user: User | None,
    snapshot_model: type[Snapshot],
    biennium: Biennium | str,
    cutoff_date: date,
    content: bytes,
    name: str = "",
) -> Snapshot:
    """Replace the snapshot's rows with the file's (all or nothing; bad rows listed)."""
    ensure_operator_or_may_change(user, snapshot_model())
    rows = parse_snapshot_file(snapshot_model, content, name)
    snapshot = snapshot_get_or_create(
        user=user, snapshot_model=snapshot_model, biennium=biennium, cutoff_date=cutoff_date
    )
    snapshot = snapshot_model.objects.select_for_update().get(pk=snapshot.pk)
    snapshot.rows.all().delete()
    row_model = snapshot_model.row_model()
    row_model.objects.bulk_create(row_model(snapshot=snapshot, **row) for row in rows)
    _analyze(row_model)
    snapshot.updated_by, snapshot.source_name = user, name[:200]
    snapshot._history_user, snapshot._change_reason = (
        user,
        f"Imported {len(rows)} rows from {name or 'a file'}",
    )
    snapshot.save(update_fields=["updated_by", "source_name", "updated_at"])
    return snapshot


def _analyze(row_model: type[models.Model]) -> None:
    """Fresh planner statistics after an import (PostgreSQL): autovacuum may take minutes to see
    thousands of new rows, and meanwhile the planner guesses a handful and picks nested loops."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(f"ANALYZE {connection.ops.quote_name(row_model._meta.db_table)}")


def _row_values(row: models.Model) -> dict:
    return {field.name: getattr(row, field.name) for field in row._meta.concrete_fields}


def _shown(value) -> str:
    return "–" if value in (None, "") else str(value)


def _record_editor(row: models.Model, user: User, what: str) -> None:
    """The snapshot's audit history records who changed one of its rows, when, and what (as the
    history row's change reason). Rows keep no history of their own: an import replaces
    thousands of them at once, and the snapshot's history records that import."""
    snapshot = type(row).snapshot.field.related_model.objects.select_for_update().get(pk=row.snapshot_id)
    snapshot.updated_by = user
    snapshot._history_user, snapshot._change_reason = user, what
    snapshot.save(update_fields=["updated_by", "updated_at"])


@transaction.atomic
def snapshot_row_create(*, user: User, snapshot: Snapshot, data: dict) -> models.Model:
    """Add a budget line or a post to a snapshot (web form)."""
    row = snapshot.row_model()(snapshot=snapshot)
    ensure_may_change(user, row)
    save_validated(row, user=user, data=data)
    _record_editor(row, user, f"Added {row._meta.verbose_name} {row}")
    return row


@transaction.atomic
def snapshot_row_update(*, user: User, row: models.Model, data: dict) -> models.Model:
    """Change a budget line's keys or amounts, or a post."""
    ensure_may_change(user, row)
    before = _row_values(row)
    save_validated(row, user=user, data=data)
    after = _row_values(row)
    changes = [
        f"{row._meta.get_field(name).verbose_name}: {_shown(before[name])} → {_shown(after[name])}"
        for name in after
        if before[name] != after[name]
    ]
    _record_editor(row, user, f"Changed {row._meta.verbose_name} {row}: {'; '.join(changes) or 'nothing'}")
    return row


@transaction.atomic
def snapshot_row_delete(*, user: User, row: models.Model) -> None:
    """Remove a budget line or a post."""
    ensure_may_change(user, row)
    _record_editor(row, user, f"Removed {row._meta.verbose_name} {row}")
    row.delete()
