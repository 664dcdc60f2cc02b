"""Comparison with the previous biennium: core budget execution and staffing, side by side."""

from django.db.models import Count, Q

from workprogramme.models import Biennium

from ..choices import GradeCategory
from ..models import Post
from .finance import FinanceData, core_budget_totals, finance_data, finance_snapshot_for
from .staffing import post_snapshot_for
from .tables import column, date, number, percent, row, table, text

COMPARISON_TABLE = 11


def _figures(biennium, cutoff, finance: FinanceData | None = None) -> dict:
    finance = finance or finance_data(finance_snapshot_for(biennium, cutoff))
    posts = post_snapshot_for(biennium, cutoff)
    money = core_budget_totals(finance)
    staff = Post.objects.filter(snapshot=posts, filled=True).aggregate(
        filled=Count("pk"),
        professional=Count("pk", filter=Q(grade__category=GradeCategory.PROFESSIONAL)),
        women=Count("pk", filter=Q(grade__category=GradeCategory.PROFESSIONAL, gender="female")),
    )
    approved, spent = money["approved"] or 0, money["expenditure"] or 0
    projected = spent + (money["forecast"] or 0)
    # Without a snapshot a figure is unknown (blank), not zero.
    finance_cells = (
        [number(approved), number(spent), percent(spent, approved), percent(projected, approved)]
        if finance.snapshot
        else [None] * 4
    )
    staff_cells = [staff["filled"], percent(staff["women"], staff["professional"])] if posts else [None] * 2
    return {
        "cutoff": finance.snapshot.cutoff_date if finance.snapshot else None,
        "cells": finance_cells + staff_cells,
        "missing": [
            message
            for message, snapshot in (("finance.no_data", finance.snapshot), ("staffing.no_data", posts))
            if snapshot is None
        ],
    }


def comparison_table(biennium, cutoff, finance: FinanceData | None = None) -> dict | None:
    """Table 11: this biennium against the one before it (None when there is no earlier one);
    `finance`: this biennium's finance sums when the caller has them (the finance tables' pass)."""
    previous = Biennium.objects.filter(end_date__lt=biennium.start_date).order_by("-end_date").first()
    if previous is None:
        return None
    earlier = _figures(previous, previous.end_date)
    if earlier["cutoff"] is None:
        return None
    current = _figures(biennium, cutoff, finance)
    columns = [
        column("approved", text("column.core_approved")),
        column("expenditure", text("column.core_expenditure")),
        column("expenditure_rate", text("column.core_spent_percent"), "percent"),
        column("implementation_rate", text("column.implementation_percent"), "percent"),
        column("filled", text("column.filled_posts"), "count"),
        column("women_professional", text("column.women_professional_percent"), "percent"),
    ]
    rows = [
        row(
            text("row.biennium_at", biennium=biennium.code, date=date(cutoff)),
            current["cells"],
            code=biennium.code,
        ),
        row(
            text("row.biennium_at", biennium=previous.code, date=date(earlier["cutoff"])),
            earlier["cells"],
            code=previous.code,
        ),
    ]
    title = text("table11.title")
    notes = [text(message, biennium=biennium.code) for message in current["missing"]]
    return table(COMPARISON_TABLE, "comparison", title, columns, rows, unit="EUR", notes=notes)
