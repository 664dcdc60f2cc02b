"""Fixtures of the reporting tests: a small hand-made data set whose tables are worked out by hand."""

import datetime
from pathlib import Path

import pytest

from regions.models import OrganisationalUnit
from reporting.models import (
    BudgetHolder,
    FinanceSnapshot,
    FundingSource,
    ObjectOfExpenditure,
    PostSnapshot,
    StaffGrade,
)
from reporting.rendering.labels import render
from reporting.services import snapshot_import
from tests.factories import (
    BienniumFactory,
    BudgetLineFactory,
    FinanceSnapshotFactory,
    PostFactory,
    PostSnapshotFactory,
)

SAMPLES = Path(__file__).resolve().parents[2] / "reporting" / "samples"
CUTOFF = datetime.date(2019, 5, 31)


def import_samples(biennium) -> None:
    """Import the sample finance and posts files (the demo's 2018-2019 data) at CUTOFF."""
    for snapshot_model, name in (
        (FinanceSnapshot, "finance_2018_2019.csv"),
        (PostSnapshot, "posts_2018_2019.csv"),
    ):
        snapshot_import(
            user=None,
            snapshot_model=snapshot_model,
            biennium=biennium,
            cutoff_date=CUTOFF,
            content=(SAMPLES / name).read_bytes(),
            name=name,
        )


@pytest.fixture
def biennium(db):
    return BienniumFactory(start_year=2018)


@pytest.fixture
def small_finance(biennium):
    """Lines worked out by hand in test_tables.py (EUR)."""
    snapshot = FinanceSnapshotFactory(biennium=biennium, cutoff_date=CUTOFF)
    fund = {f.code: f for f in FundingSource.objects.all()}
    holder = {h.code: h for h in BudgetHolder.objects.all()}
    obj = {o.code: o for o in ObjectOfExpenditure.objects.all()}

    def line(f, h, o, approved, expenditure, forecast):
        BudgetLineFactory(
            snapshot=snapshot,
            fund=fund[f],
            budget_holder=holder[h],
            object_of_expenditure=obj[o],
            approved=approved,
            expenditure=expenditure,
            forecast=forecast,
        )

    line("core", "EDM", "staff", 1000, 600, 300)
    line("core", "EDM", "travel", 150, 200, 0)
    line("core", "EDM", "travel", 50, 50, 0)  # same key: adds up
    line("supplementary", "EDM", "staff", 999, 999, 999)  # not core: outside tables 1 and 2
    line("core", "AS", "staff", 500, 100, 100)
    line("core", "GM", "staff", 300, 200, 50)
    line("supplementary", "DROUGHT", "consultants", 100, 20, 30)
    line("core", "CST", "consultants", 0, 10, 0)
    line("core", "CST", "travel", 100, 25, 0)
    return snapshot


@pytest.fixture
def small_posts(biennium):
    """Seven posts worked out by hand in test_tables.py."""
    snapshot = PostSnapshotFactory(biennium=biennium, cutoff_date=CUTOFF)
    grade = {g.code: g for g in StaffGrade.objects.all()}
    unit = {u.code: u for u in OrganisationalUnit.objects.all()}
    fund = {f.code: f for f in FundingSource.objects.all()}
    rows = [
        ("S1", "P-5", "EDM", "core", True, True, "male", "africa", ""),
        ("S2", "P-5", "STI", "core", True, False, "", "", ""),
        ("S3", "P-4", "STI", "psc", True, True, "female", "weog", "Cost-shared with the CBD secretariat."),
        ("S4", "P-3", "ERPA", "core", False, True, "female", "asia_pacific", ""),
        ("S5", "GS", "AS", "core", True, True, "female", "weog", ""),
        ("G1", "D-1", "GM", "core", True, True, "male", "lac", ""),
        ("G2", "P-3", "GM", "supplementary", True, True, "male", "weog", ""),
    ]
    for number, g, u, f, approved, filled, gender, group, note in rows:
        PostFactory(
            snapshot=snapshot,
            post_number=number,
            grade=grade[g],
            unit=unit[u],
            funding_source=fund[f],
            approved=approved,
            filled=filled,
            gender=gender,
            regional_group=group,
            footnote=note,
        )
    return snapshot


def table(tables: list[dict], number: int) -> dict:
    """A compiled table as a reader sees it: its labels rendered in the active language (English)."""
    return render(next(t for t in tables if t["number"] == number))


def cells(t: dict) -> dict:
    """label -> cells of a table's rows (group headings left out)."""
    return {r["label"]: r["cells"] for r in t["rows"] if r["style"] != "group"}
