"""Writes of the reporting app: reference data, finance and staffing data, report versions."""

import json
from datetime import date
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import transaction

from regions.models import OrganisationalUnit
from workprogramme.models import Biennium

from ..imports import parse_finance_file, parse_posts_file
from ..models import (
    BudgetHolder,
    BudgetLine,
    FinanceSnapshot,
    FundingSource,
    ObjectOfExpenditure,
    Post,
    PostSnapshot,
    StaffGrade,
)

DATA_DIR = Path(__file__).resolve().parent.parent / "data"


@transaction.atomic
def reporting_load_reference_data(*, data_dir: Path = DATA_DIR) -> dict:
    """Create or update grades, funds, objects of expenditure and budget holders (idempotent)."""
    data = json.loads((data_dir / "finance_reference.json").read_text(encoding="utf-8"))
    for grade in data["grades"]:
        StaffGrade.objects.update_or_create(
            code=grade["code"], defaults={"category": grade["category"], "order": grade["order"]}
        )
    for model, key in ((FundingSource, "funding_sources"), (ObjectOfExpenditure, "objects_of_expenditure")):
        for item in data[key]:
            model.objects.update_or_create(
                code=item["code"],
                defaults={
                    "name_en": item["name_en"],
                    "name_zh_hans": item["name_zh"],
                    "order": item["order"],
                },
            )
    units = {unit.code: unit for unit in OrganisationalUnit.objects.all()}
    for holder in data["budget_holders"]:
        BudgetHolder.objects.update_or_create(
            code=holder["code"],
            defaults={
                "name_en": holder["name_en"],
                "name_zh_hans": holder["name_zh"],
                "kind": holder["kind"],
                "letter": holder["letter"],
                "group": holder["group"],
                "counts_in_core_total": holder["counts_in_core_total"],
                "unit": units.get(holder["unit"]) if holder["unit"] else None,
                "order": holder["order"],
            },
        )
    return {
        key: len(data[key])
        for key in ("grades", "funding_sources", "objects_of_expenditure", "budget_holders")
    }


def _biennium(code_or_biennium) -> Biennium:
    if isinstance(code_or_biennium, Biennium):
        return code_or_biennium
    try:
        return Biennium.objects.get(code=code_or_biennium)
    except Biennium.DoesNotExist:
        raise ValidationError({"biennium": f"There is no biennium {code_or_biennium}."}) from None


def _check_cutoff(biennium: Biennium, cutoff_date: date) -> None:
    if not biennium.start_date <= cutoff_date <= biennium.end_date:
        raise ValidationError(
            {"cutoff_date": f"The cut-off date must fall within the biennium {biennium.code}."}
        )


@transaction.atomic
def finance_snapshot_get_or_create(*, biennium, cutoff_date: date, user=None) -> FinanceSnapshot:
    """The finance snapshot of a biennium at a cut-off date, created empty if new."""
    biennium = _biennium(biennium)
    _check_cutoff(biennium, cutoff_date)
    snapshot, _created = FinanceSnapshot.objects.get_or_create(
        biennium=biennium, cutoff_date=cutoff_date, defaults={"updated_by": user}
    )
    return snapshot


@transaction.atomic
def finance_snapshot_import(
    *, biennium, cutoff_date: date, content: bytes, name: str = "", user=None
) -> FinanceSnapshot:
    """Replace the snapshot's budget lines with the file's (all or nothing; bad rows listed)."""
    lines = parse_finance_file(content, name)
    snapshot = finance_snapshot_get_or_create(biennium=biennium, cutoff_date=cutoff_date, user=user)
    snapshot = FinanceSnapshot.objects.select_for_update().get(pk=snapshot.pk)
    snapshot.lines.all().delete()
    BudgetLine.objects.bulk_create(
        BudgetLine(
            snapshot=snapshot,
            fund=line["fund"],
            budget_holder=line["budget_holder"],
            object_of_expenditure=line["object_of_expenditure"],
            approved=line["approved"],
            expenditure=line["expenditure"],
            forecast=line["forecast"],
        )
        for line in lines
    )
    snapshot.updated_by, snapshot.source_name = user, name[:200]
    snapshot.save(update_fields=["updated_by", "source_name", "updated_at"])
    return snapshot


def _validated(instance):
    instance.full_clean()
    instance.save()
    return instance


@transaction.atomic
def budget_line_create(*, snapshot: FinanceSnapshot, user=None, **values) -> BudgetLine:
    """Add a budget line to a finance snapshot (web form)."""
    line = _validated(BudgetLine(snapshot=snapshot, **values))
    FinanceSnapshot.objects.filter(pk=snapshot.pk).update(updated_by=user)
    return line


@transaction.atomic
def budget_line_update(*, line: BudgetLine, user=None, **values) -> BudgetLine:
    """Change a budget line's keys or amounts."""
    for field, value in values.items():
        setattr(line, field, value)
    _validated(line)
    FinanceSnapshot.objects.filter(pk=line.snapshot_id).update(updated_by=user)
    return line


@transaction.atomic
def budget_line_delete(*, line: BudgetLine, user=None) -> None:
    """Remove a budget line."""
    FinanceSnapshot.objects.filter(pk=line.snapshot_id).update(updated_by=user)
    line.delete()


@transaction.atomic
def post_snapshot_get_or_create(*, biennium, cutoff_date: date, user=None) -> PostSnapshot:
    """The staffing snapshot of a biennium at a cut-off date, created empty if new."""
    biennium = _biennium(biennium)
    _check_cutoff(biennium, cutoff_date)
    snapshot, _created = PostSnapshot.objects.get_or_create(
        biennium=biennium, cutoff_date=cutoff_date, defaults={"updated_by": user}
    )
    return snapshot


@transaction.atomic
def post_snapshot_import(
    *, biennium, cutoff_date: date, content: bytes, name: str = "", user=None
) -> PostSnapshot:
    """Replace the snapshot's posts with the file's (all or nothing; bad rows listed)."""
    posts = parse_posts_file(content, name)
    snapshot = post_snapshot_get_or_create(biennium=biennium, cutoff_date=cutoff_date, user=user)
    snapshot = PostSnapshot.objects.select_for_update().get(pk=snapshot.pk)
    snapshot.posts.all().delete()
    Post.objects.bulk_create(Post(snapshot=snapshot, **post) for post in posts)
    snapshot.updated_by, snapshot.source_name = user, name[:200]
    snapshot.save(update_fields=["updated_by", "source_name", "updated_at"])
    return snapshot


@transaction.atomic
def post_create(*, snapshot: PostSnapshot, user=None, **values) -> Post:
    """Add a post to a staffing snapshot (web form)."""
    post = _validated(Post(snapshot=snapshot, **values))
    PostSnapshot.objects.filter(pk=snapshot.pk).update(updated_by=user)
    return post


@transaction.atomic
def post_update(*, post: Post, user=None, **values) -> Post:
    """Change a post."""
    for field, value in values.items():
        setattr(post, field, value)
    _validated(post)
    PostSnapshot.objects.filter(pk=post.snapshot_id).update(updated_by=user)
    return post


@transaction.atomic
def post_delete(*, post: Post, user=None) -> None:
    """Remove a post."""
    PostSnapshot.objects.filter(pk=post.snapshot_id).update(updated_by=user)
    post.delete()
